/**
 * The quick switcher over titles and entity names/aliases: first the records where every query
 * word is (a variant of) a word of the title or an alias, shortest title first; then fuse.js's
 * fuzzy matches over normalized titles and aliases, which is what fuse.js is good at (short
 * strings, typos, partial words). The fuse.js index is rebuilt lazily after changes.
 */
import Fuse from 'fuse.js';
import type { QuickResult } from '../../api/types';
import type { StoredDoc } from './format';
import { analyze, normalize } from './normalize';
import { FIELD_ALIASES, FIELD_COUNT, FIELD_TITLE } from './postings';
import { cmp, type IndexStore } from './store';
import { translitKey } from './translit';

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

  fuzzy(q: string, limit: number): Array<{ docNo: number; score: number }> {
    if (!this.fuse) return [];
    const nq = normalize(q);
    if (!nq) return [];
    return this.fuse.search(nq, { limit }).map((r) => ({ docNo: r.item.docNo, score: r.score ?? 1 }));
  }

  /** Up to `limit` records for a quick-switcher query: variant-key title hits, then fuzzy ones. */
  search(store: IndexStore, q: string, limit: number): QuickResult[] {
    const toks = analyze(q, 'query');
    if (toks.length === 0) return [];
    const out: QuickResult[] = [];
    const seen = new Set<number>();
    const nDocs = store.docs.length;
    const count = new Uint8Array(nDocs);
    const c = store.cursor;
    toks.forEach((tok, i) => {
      const keyId = store.keyIndex.get(translitKey(tok.term));
      const ids = new Set<number>(keyId === undefined ? [] : store.termsOfKey(keyId));
      const exact = store.termIndex.get(tok.term);
      if (exact !== undefined) ids.add(exact);
      for (const t of ids) {
        store.segments(t, (buf, s, e) => {
          c.reset(buf, s, e);
          while (c.next()) {
            if (((c.tf[FIELD_TITLE] ?? 0) > 0 || (c.tf[FIELD_ALIASES] ?? 0) > 0) && count[c.doc] === i) count[c.doc] = i + 1;
          }
        });
      }
    });
    const exactHits: number[] = [];
    for (let d = 0; d < nDocs; d++) if (count[d] === toks.length && store.docs[d]) exactHits.push(d);
    const titleLen = (d: number): number => store.flen[d * FIELD_COUNT + FIELD_TITLE] ?? 0;
    exactHits.sort((a, b) => titleLen(a) - titleLen(b) || cmp(store.docs[a]?.id ?? '', store.docs[b]?.id ?? ''));
    for (const d of exactHits.slice(0, limit)) {
      const rec = store.docs[d];
      if (!rec) continue;
      seen.add(d);
      out.push({ kind: rec.kind, id: rec.id, title: rec.title, score: 2 });
    }
    if (out.length < limit) {
      if (this.stale) this.rebuild(store.docs);
      for (const r of this.fuzzy(q, limit * 2)) {
        if (out.length >= limit) break;
        if (seen.has(r.docNo)) continue;
        const rec = store.docs[r.docNo];
        if (!rec) continue;
        seen.add(r.docNo);
        out.push({ kind: rec.kind, id: rec.id, title: rec.title, score: Math.round((1 - r.score) * 1e4) / 1e4 });
      }
    }
    return out;
  }
}
