/**
 * Keeps a notebook's search index: built from every searchable record (reports, and whatever
 * other sources register: notes, entities), persisted beside the notebook as a cache
 * (`cache/search-index.bin`, keyed by a fingerprint of the records) so that opening a large
 * notebook is fast, rebuilt when the cache is missing, stale or corrupt, and updated
 * incrementally on every import, edit and delete.
 *
 * A change is written as a record appended to the cache's delta (search/cache.ts), not by
 * rewriting the whole cache; the cache is written whole (compacted) when the index was rebuilt,
 * or when the additions since the last whole write pass COMPACT_SHARE of it, by any command but
 * an import (`loadIfCached({ appendOnly: true })`), or by `dossier gc`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { MatchSpan, QuickResult, SearchKind, SearchResult } from '../api/types';
import { readIndexCache, SearchIndex, writeIndexCache, type CacheMissReason, type CacheState, type SearchDoc, type SearchQuery } from './search';
import type { CacheWorkerData, FromCacheWorker, ToCacheWorker } from './search/cache-worker';

export const SEARCH_CACHE = path.join('cache', 'search-index.bin');

/**
 * The share of the compact index (posting bytes, or documents removed) that what was added or
 * removed since may reach before the cache is written whole: below the share at which searches
 * compact the index in memory (a quarter), so that a search never has to.
 */
export const COMPACT_SHARE = 1 / 8;

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

/** Starts the search cache worker (search/cache-worker.ts) with its data: the front door knows where its script is. */
export type SpawnCacheWorker = (data: CacheWorkerData) => Worker;

/**
 * The main thread's end of a search cache worker: posts changes, and waits for the answers to
 * `open` and `flush`. The worker never keeps the process alive, except while an answer is awaited.
 */
class CacheWorkerClient {
  private waiting: Array<(m: FromCacheWorker) => void> = [];
  private dead = false;

  constructor(private readonly worker: Worker) {
    worker.unref();
    const fail = (message: string): void => {
      this.dead = true;
      for (const w of this.waiting.splice(0)) w({ type: 'failed', message });
    };
    worker.on('message', (m: FromCacheWorker) => {
      if (m.type === 'failed') fail(m.message);
      else this.waiting.shift()?.(m);
    });
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', () => fail('search cache worker exited'));
  }

  post(m: ToCacheWorker): void {
    if (!this.dead) this.worker.postMessage(m);
  }

  /** Posts a message that is answered, and waits for the answer (`failed` if the worker is gone). */
  ask(m: ToCacheWorker & { type: 'open' | 'flush' }): Promise<FromCacheWorker> {
    if (this.dead) return Promise.resolve({ type: 'failed', message: 'search cache worker is gone' });
    this.worker.ref();
    return new Promise<FromCacheWorker>((resolve) => {
      this.waiting.push((answer) => {
        if (this.waiting.length === 0) this.worker.unref();
        resolve(answer);
      });
      this.worker.postMessage(m);
    });
  }

  close(): void {
    this.dead = true;
    void this.worker.terminate();
  }
}

export class NotebookSearch {
  private readonly sources: SearchSource[] = [];
  private index: SearchIndex | null = null;
  private loading: Promise<SearchIndex> | null = null;
  private pending: Promise<void> = Promise.resolve();
  private dirty = false;
  /** The cache on disk as this index last read or wrote it: what a write appends to (null: write it whole). */
  private disk: CacheState | null = null;
  /** Only append to the cache, never write it whole unless it must be (an import: see `loadIfCached`). */
  private appendOnly = false;
  /** A worker reading the cache (`prefetchInWorker`) until `loadIfCached` asks it whether it is current. */
  private prefetch: CacheWorkerClient | null = null;
  /** The worker that holds the index and keeps the cache current instead of this thread (see `prefetchInWorker`). */
  private remote: CacheWorkerClient | null = null;
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
  private async fromCache(fp: string, onMiss?: (reason: CacheMissReason) => void): Promise<{ index: SearchIndex; refreshed: boolean; state: CacheState } | null> {
    let stale: SearchSource[] = [];
    const r = await readIndexCache(this.cacheFile, fp, NotebookSearch.INDEX_OPTIONS, (stored) => {
      stale = this.staleSmallSources(stored, fp) ?? [];
      return stale.length > 0;
    });
    if (r.index === null) {
      onMiss?.(r.reason);
      return null;
    }
    const cached = r.index;
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
    return { index: cached, refreshed: stale.length > 0, state: r.state };
  }

  private readText = async (kind: SearchKind, id: string): Promise<string | null> => (await this.sources.find((s) => s.kind === kind)?.text(id)) ?? null;

  /** Texts stay with their sources (report bodies on disk): hits read them through `readText`. */
  private static readonly INDEX_OPTIONS = { keepText: false } as const;

  /**
   * For an import on a notebook whose cache exists: starts a worker thread that reads the cache
   * now (while the caller opens the catalog). The next `loadIfCached({ appendOnly: true })` asks
   * it whether the cache is current; if it is, the worker keeps the index and the cache current
   * for this process (changes are posted to it, `flush` has it append the delta) and this thread
   * never loads the index unless a search needs it. Otherwise the worker is stopped and
   * `loadIfCached` reads the cache here, as without it.
   */
  prefetchInWorker(spawn: SpawnCacheWorker): void {
    if (this.index || this.remote || this.prefetch || !existsSync(this.cacheFile)) return;
    try {
      this.prefetch = new CacheWorkerClient(spawn({ role: 'dossier-search-cache', cacheFile: this.cacheFile, options: NotebookSearch.INDEX_OPTIONS }));
    } catch {
      this.prefetch = null; // no worker: the index is kept on this thread
    }
  }

  /** Has the worker write what it holds and stop, so that this thread can load the (then current) cache. */
  private async retireRemote(): Promise<void> {
    await this.flush();
    if (this.remote) this.retire(this.remote);
  }

  /** The index, from the cache when it is current, else rebuilt (and the cache rewritten). */
  ensure(): Promise<SearchIndex> {
    if (this.remote) return this.retireRemote().then(() => this.ensure());
    if (this.index) return Promise.resolve(this.index);
    // A failed load (a read error mid-rebuild) is not remembered: the next search tries again.
    this.loading ??= this.load().catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  /**
   * Loads the index only if the cache is current (cheap); returns whether it is now loaded.
   * `appendOnly` (an import): this process's changes are appended to the cache's delta, and the
   * cache is not written whole even when the delta has grown past COMPACT_SHARE (a later command does it).
   */
  async loadIfCached(opts: { appendOnly?: boolean } = {}): Promise<boolean> {
    if (opts.appendOnly) this.appendOnly = true;
    if (this.index || this.remote) return true;
    const prefetch = this.prefetch;
    this.prefetch = null;
    if (prefetch) {
      const answer = await prefetch.ask({ type: 'open', fingerprint: this.fingerprint() });
      if (answer.type === 'opened' && answer.ok && !this.index) {
        this.remote = prefetch;
        this.status = { source: 'cache', docs: answer.docs, ms: 0 };
        return true;
      }
      prefetch.close(); // not exactly current (or failed): this thread reads the cache as before
    }
    // Drawn again after the worker's answer: the records may have changed while it was awaited.
    const cached = await this.fromCache(this.fingerprint());
    if (cached && !this.index) {
      this.index = cached.index;
      this.disk = cached.state;
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
      this.disk = cached.state;
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

  /** Whether the cache should be written whole: compacted in memory since it was read, or grown past COMPACT_SHARE. */
  private compactionDue(): boolean {
    const index = this.index;
    return index !== null && !this.appendOnly && (index.wholeWriteNeeded() || index.grownPast(COMPACT_SHARE));
  }

  private async saveNow(fp = this.fingerprint()): Promise<void> {
    if (!this.index || !existsSync(this.dir)) return; // never create a notebook folder just for a cache
    try {
      mkdirSync(path.dirname(this.cacheFile), { recursive: true });
      const disk = this.disk;
      this.disk = null; // until a write succeeds, the next one is whole
      this.disk = await writeIndexCache(this.cacheFile, fp, this.index, this.compactionDue() ? null : disk);
      this.dirty = false;
    } catch {
      // The cache is only a cache: a read-only folder or a full disk must not fail a search.
      this.dirty = true;
    }
  }

  /**
   * Writes the cache whole if it is due (see `compactionDue`), or if `force` and the cache has a
   * delta at all (`dossier gc`); loads the index from the cache first when it is current.
   */
  async compactCache(force = false): Promise<boolean> {
    await this.pending;
    if (!this.index && !(await this.loadIfCached())) return false;
    const due = this.compactionDue() || (force && (this.disk?.records ?? 0) > 0);
    if (due) {
      this.disk = null;
      await this.saveNow();
    }
    return due;
  }

  /** Applies a change if the index is in memory; otherwise the next `ensure` sees a new fingerprint. */
  update(change: { upsert?: () => Promise<SearchDoc | null>; remove?: string }): void {
    const remote = this.remote;
    if (remote) {
      this.pending = this.pending
        .then(async () => {
          if (change.remove) remote.post({ type: 'remove', id: change.remove });
          const doc = change.upsert ? await change.upsert() : null;
          if (doc) remote.post({ type: 'upsert', doc });
          this.dirty = true;
        })
        .catch(() => {
          // As below: this update is lost to the cache, which the next search finds stale.
          this.retire(remote);
        });
      return;
    }
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

  /**
   * Writes the cache if the index changed since it was loaded or saved (appending to its delta),
   * or whole if that is due (see `compactionDue`): then even a read-only process writes it, as a
   * rebuild does, once its answers are out.
   */
  async flush(): Promise<void> {
    await this.pending;
    const remote = this.remote;
    if (remote) {
      if (!this.dirty || !this.canSave()) return;
      const answer = await remote.ask({ type: 'flush', fingerprint: this.fingerprint() });
      if (answer.type === 'flushed') this.dirty = false;
      else this.retire(remote);
      return;
    }
    if ((this.dirty && this.canSave()) || (this.disk !== null && this.compactionDue())) await this.saveNow();
  }

  /** Stops a failed worker: what it held is lost, and the cache it leaves is stale (the next search rebuilds it). */
  private retire(remote: CacheWorkerClient): void {
    remote.close();
    if (this.remote === remote) this.remote = null;
    this.dirty = false;
  }

  /** Stops the cache worker, if any (after `flush`: what it holds unwritten is dropped). */
  close(): void {
    this.prefetch?.close();
    this.prefetch = null;
    this.remote?.close();
    this.remote = null;
  }
}
