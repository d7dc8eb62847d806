/**
 * Keeps a notebook's search index: built from every searchable record (reports, and whatever
 * other sources register: notes, entities), persisted beside the notebook as a cache
 * (`cache/search-index.bin`, keyed by a fingerprint of the records) so that opening a large
 * notebook is fast, rebuilt when the cache is missing, stale or corrupt, and updated
 * incrementally on every import, edit and delete.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { MatchSpan, QuickResult, SearchKind, SearchResult } from '../api/types';
import { loadIndexCache, saveIndexCache, SearchIndex, type CacheMissReason, type SearchDoc, type SearchQuery } from './search';

export const SEARCH_CACHE = path.join('cache', 'search-index.bin');

/** A kind of record the index covers. */
export interface SearchSource {
  kind: SearchKind;
  /** A cheap string that changes whenever any record of this source changes. */
  fingerprint(): string;
  /** Every record, as search documents (text loaded as needed). */
  docs(): AsyncIterable<SearchDoc>;
  /** The full text of one record, for snippets (read asynchronously); null if it is gone. */
  text(id: string): Promise<string | null>;
  /**
   * Few records (notes, entities): when only such sources changed since the cache was written (a
   * note saved by a process that never loaded the index), the cache is brought up to date by
   * re-adding this source's records alone instead of rebuilding the whole index.
   */
  small?: boolean;
}

export interface IndexStatus {
  source: 'cache' | 'rebuilt';
  reason?: CacheMissReason;
  docs: number;
  ms: number;
}

export class NotebookSearch {
  private readonly sources: SearchSource[] = [];
  private index: SearchIndex | null = null;
  private loading: Promise<SearchIndex> | null = null;
  private pending: Promise<void> = Promise.resolve();
  private dirty = false;
  status: IndexStatus | null = null;

  constructor(
    private readonly dir: string,
    private readonly canSave: () => boolean,
  ) {}

  get cacheFile(): string {
    return path.join(this.dir, SEARCH_CACHE);
  }

  addSource(source: SearchSource): void {
    this.sources.push(source);
    this.index = null;
    this.loading = null;
  }

  get loaded(): boolean {
    return this.index !== null;
  }

  /** One part per source, `kind=hash`, joined with `;`: a stale cache tells which sources changed. */
  fingerprint(): string {
    return this.sources.map((s) => `${s.kind}=${createHash('sha256').update(s.fingerprint()).digest('hex').slice(0, 32)}`).join(';');
  }

  /** The small sources whose part of a stored fingerprint differs from `current`, or null when any other does. */
  private staleSmallSources(stored: string, current: string): SearchSource[] | null {
    const parts = (fp: string): Map<string, string> => new Map(fp.split(';').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    const was = parts(stored);
    const now = parts(current);
    if (was.size !== now.size) return null;
    const stale: SearchSource[] = [];
    for (const s of this.sources) {
      if (was.get(s.kind) === now.get(s.kind)) continue;
      if (!s.small || !was.has(s.kind)) return null;
      stale.push(s);
    }
    return stale;
  }

  /**
   * The cached index when it is current, or when only small sources changed (their changed
   * records are then re-added, and `refreshed` says so); null on a miss, with the reason given to `onMiss`.
   */
  private async fromCache(fp: string, onMiss?: (reason: CacheMissReason) => void): Promise<{ index: SearchIndex; refreshed: boolean } | null> {
    let stale: SearchSource[] = [];
    const cached = await loadIndexCache(this.cacheFile, fp, {
      ...NotebookSearch.INDEX_OPTIONS,
      onMiss,
      accept: (stored) => {
        stale = this.staleSmallSources(stored, fp) ?? [];
        return stale.length > 0;
      },
    });
    if (!cached) return null;
    for (const s of stale) {
      // Only changed, new and gone records: a removal costs a pass over the postings once.
      const had = cached.versionsOfKind(s.kind);
      for await (const doc of s.docs()) {
        const known = had.has(doc.id);
        const version = had.get(doc.id);
        had.delete(doc.id);
        if (known && version !== undefined && version === doc.version) continue;
        cached.upsert(doc);
      }
      for (const id of had.keys()) cached.remove(id);
    }
    return { index: cached, refreshed: stale.length > 0 };
  }

  private readText = async (kind: SearchKind, id: string): Promise<string | null> => (await this.sources.find((s) => s.kind === kind)?.text(id)) ?? null;

  /** Texts stay with their sources (report bodies on disk): hits read them through `readText`. */
  private static readonly INDEX_OPTIONS = { keepText: false } as const;

  /** The index, from the cache when it is current, else rebuilt (and the cache rewritten). */
  ensure(): Promise<SearchIndex> {
    if (this.index) return Promise.resolve(this.index);
    // A failed load (a read error mid-rebuild) is not remembered: the next search tries again.
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  /** Loads the index only if the cache is current (cheap); returns whether it is now loaded. */
  async loadIfCached(): Promise<boolean> {
    if (this.index) return true;
    const cached = await this.fromCache(this.fingerprint());
    if (cached && !this.index) {
      this.index = cached.index;
      if (cached.refreshed) this.dirty = true;
      this.status = { source: 'cache', docs: cached.index.size, ms: 0 };
    }
    return this.index !== null;
  }

  private async load(): Promise<SearchIndex> {
    const t0 = performance.now();
    const fp = this.fingerprint();
    let reason: CacheMissReason | undefined;
    const cached = await this.fromCache(fp, (r) => (reason = r));
    if (cached) {
      this.index = cached.index;
      this.status = { source: 'cache', docs: cached.index.size, ms: performance.now() - t0 };
      if (cached.refreshed) await this.saveNow(fp);
      return cached.index;
    }
    const index = new SearchIndex(NotebookSearch.INDEX_OPTIONS);
    for (const s of this.sources) for await (const doc of s.docs()) index.upsert(doc);
    this.index = index;
    this.status = { source: 'rebuilt', reason, docs: index.size, ms: performance.now() - t0 };
    await this.saveNow(fp);
    return index;
  }

  private async saveNow(fp = this.fingerprint()): Promise<void> {
    if (!this.index || !existsSync(this.dir)) return; // never create a notebook folder just for a cache
    try {
      mkdirSync(path.dirname(this.cacheFile), { recursive: true });
      await saveIndexCache(this.cacheFile, fp, this.index);
      this.dirty = false;
    } catch {
      // The cache is only a cache: a read-only folder or a full disk must not fail a search.
      this.dirty = true;
    }
  }

  /** Applies a change if the index is in memory; otherwise the next `ensure` sees a new fingerprint. */
  update(change: { upsert?: () => Promise<SearchDoc | null>; remove?: string }): void {
    if (!this.index && !this.loading) return;
    this.pending = this.pending.then(async () => {
      const index = await this.ensure();
      if (change.remove) index.remove(change.remove);
      if (change.upsert) {
        const doc = await change.upsert();
        if (doc) index.upsert(doc);
      }
      this.dirty = true;
    }).catch(() => {
      // A failed update must not wedge every later search: drop the index; the next search rebuilds it.
      this.index = null;
      this.loading = null;
    });
  }

  async search(q: SearchQuery): Promise<SearchResult> {
    await this.pending;
    return (await this.ensure()).searchAsync(q, this.readText);
  }

  async quick(q: string, limit?: number): Promise<QuickResult[]> {
    await this.pending;
    return (await this.ensure()).quick(q, limit);
  }

  /**
   * Where a query matches in one record's text, with the same expansions a search uses (variants,
   * typos, prefixes): offsets into the whole text, for the reader's highlights and find.
   */
  async locate(q: string, kind: SearchKind, id: string, limit?: number): Promise<MatchSpan[]> {
    await this.pending;
    const index = await this.ensure();
    const text = await this.readText(kind, id);
    return text === null ? [] : index.locate(q, text, limit);
  }

  /** Writes the cache if the index changed since it was loaded or saved. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.dirty && this.canSave()) await this.saveNow();
  }
}
