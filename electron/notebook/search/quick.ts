/**
 * The fuzzy part of the quick switcher: fuse.js over normalized titles and entity aliases, which
 * is what fuse.js is good at (short strings, typos, partial words). Rebuilt lazily after changes.
 */
import Fuse from 'fuse.js';
import { normalize } from './normalize';
import type { StoredDoc } from './format';

interface QuickItem {
  docNo: number;
  title: string;
  aliases: string[];
}

export class QuickSwitcher {
  private fuse: Fuse<QuickItem> | null = null;

  get stale(): boolean {
    return this.fuse === null;
  }

  invalidate(): void {
    this.fuse = null;
  }

  rebuild(docs: ReadonlyArray<StoredDoc | null>): void {
    const items: QuickItem[] = [];
    docs.forEach((d, docNo) => {
      if (d) items.push({ docNo, title: normalize(d.title), aliases: d.aliases.map(normalize) });
    });
    this.fuse = new Fuse(items, {
      keys: [
        { name: 'title', weight: 1 },
        { name: 'aliases', weight: 0.8 },
      ],
      threshold: 0.35,
      ignoreLocation: true,
      includeScore: true,
    });
  }

  search(q: string, limit: number): Array<{ docNo: number; score: number }> {
    if (!this.fuse) return [];
    const nq = normalize(q);
    if (!nq) return [];
    return this.fuse.search(nq, { limit }).map((r) => ({ docNo: r.item.docNo, score: r.score ?? 1 }));
  }
}
