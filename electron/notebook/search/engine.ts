/**
 * The search index's public face. The work is done by small modules:
 * - `store.ts`: documents, vocabulary, positional postings, compaction;
 * - `query.ts`: query parsing, filters and expansion of each word (exact, variant, typo, prefix);
 * - `rank.ts`: BM25F ranking with the numbers in {@link RankingOptions};
 * - `hits.ts`: snippets, highlights and why each result matched;
 * - `quick.ts`: the quick switcher; `format.ts`: the binary serialisation.
 *
 * @example
 * ```ts
 * const index = new SearchIndex();
 * index.upsert({ kind: 'report', id: 'r1', title: 'Tartus port', text: '…', tags: [], date: null, entityIds: [] });
 * index.search({ q: 'Tartous' }).results[0]?.why; // [{ query: 'Tartous', spelling: 'Tartus', how: 'variant' }]
 * ```
 */
import type { MatchSpan, QuickResult, SearchKind, SearchResult } from '../../api/types';
import { DossierError } from '../errors';
import type { DeltaImage } from './delta';
import { decodeImage, encodeImage } from './format';
import { HitMaker } from './hits';
import { passes } from './parsed';
import { makeFilter, parseQuery } from './query';
import { QuickSwitcher } from './quick';
import { DEFAULT_RANKING, rank, type Ranked, type RankingOptions } from './rank';
import { IndexStore, type DocRec } from './store';
import type { SearchDoc, SearchQuery } from './types';

/** How a SearchIndex loads texts for snippets and which ranking numbers it uses. */
export interface SearchIndexOptions {
  /** Loads a document's text to make snippets for the results on the page. */
  loadText?: (kind: SearchKind, id: string) => string | null;
  /** Keep texts in memory for snippets. Default: only when no loadText is given. */
  keepText?: boolean;
  /** Ranking and expansion numbers; missing ones take {@link DEFAULT_RANKING}'s values. */
  ranking?: Partial<RankingOptions>;
}

/**
 * An in-memory full-text index over reports, notes and entities, forgiving of spelling variants,
 * with incremental updates and a compact serialized form.
 */
export class SearchIndex {
  private readonly loadText: SearchIndexOptions['loadText'];
  private readonly keepText: boolean;
  private readonly ranking: RankingOptions;
  private store: IndexStore;
  private readonly quickSwitcher = new QuickSwitcher();

  /**
   * @param opts.loadText - loads a document's text for the snippets of the results on a page
   *   (when texts are not kept in memory).
   * @param opts.keepText - keep texts in memory; default: only when no `loadText` is given.
   * @param opts.ranking - ranking numbers to override (see {@link RankingOptions}).
   */
  constructor(opts: SearchIndexOptions = {}) {
    this.loadText = opts.loadText;
    this.keepText = opts.keepText ?? !opts.loadText;
    this.ranking = { ...DEFAULT_RANKING, ...opts.ranking };
    this.store = new IndexStore(this.keepText);
  }

  /**
   * The same index (sharing its documents and postings) ranked with other numbers: for
   * comparisons such as exact-only matching (`{ variant: 0, typo1: 0, typo2: 0, maxVariantKeys: 0 }`).
   */
  withRanking(ranking: Partial<RankingOptions>): SearchIndex {
    const other = new SearchIndex({ loadText: this.loadText, keepText: this.keepText, ranking: { ...this.ranking, ...ranking } });
    other.store = this.store;
    return other;
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.store.live;
  }

  /** Whether a document with this id is indexed. */
  has(id: string): boolean {
    return this.store.docNo(id) !== undefined;
  }

  /** Every indexed document of one kind: id -> its version (see `SearchDoc.version`). */
  versionsOfKind(kind: SearchKind): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    for (const d of this.store.docs) if (d && d.kind === kind) out.set(d.id, d.version);
    return out;
  }

  /**
   * Builds now the tables the first query would build on first use (typo neighbours, variant
   * skeletons over the whole vocabulary), so that query answers at once.
   */
  prepare(): void {
    this.store.prepareLookups();
  }

  /** Adds a document, or replaces the one with the same id. */
  upsert(doc: SearchDoc): void {
    this.store.remove(doc.id);
    this.store.add(doc);
    this.quickSwitcher.invalidate();
  }

  /** Removes a document; an unknown id is ignored. */
  remove(id: string): void {
    if (this.store.remove(id)) this.quickSwitcher.invalidate();
  }

  /**
   * Merges recent additions into the compact posting pool and drops removed documents. Searches
   * compact on their own when enough has changed; call this after a bulk load.
   */
  compact(): void {
    this.store.compact();
  }

  /**
   * Searches the index.
   *
   * Query syntax: words (all must match; when no document has them all, any word may), `"a
   * phrase"`, `word*` for a prefix; the last word is also a prefix while the user is still typing
   * it (no trailing space, three letters or more). Each word matches its exact form, other
   * spellings of the same name (transliteration variants), near typos and, as a prefix, longer
   * words, in that order of weight. An empty query with filters lists the filtered documents,
   * newest first.
   *
   * @returns the page of results (`limit`, default 20, from `offset`), the total number of
   *   matches, and per result the snippet with highlight offsets, title highlight offsets and
   *   `why`: the document spelling that matched each query word and how.
   */
  search(query: SearchQuery): SearchResult {
    const t0 = performance.now();
    const { parsed, page, total } = this.rankPage(query);
    const loadText = this.loadText;
    const maker = new HitMaker(parsed, (t) => this.store.terms[t], loadText ? (rec) => loadText(rec.kind, rec.id) ?? undefined : undefined);
    const results = page.map(({ rec, s }) => maker.hit(rec, s));
    return { query: query.q, total, results, tookMs: performance.now() - t0 };
  }

  /**
   * `search` for an index whose texts stay on disk: ranks at once, then reads the texts of the
   * page's results through `readText` (in parallel, without blocking the event loop) for their
   * snippets. A result whose record changes meanwhile keeps the record as it was ranked.
   */
  async searchAsync(query: SearchQuery, readText: (kind: SearchKind, id: string) => Promise<string | null>): Promise<SearchResult> {
    const t0 = performance.now();
    const { parsed, page, total } = this.rankPage(query);
    const texts = new Map<DocRec, string | undefined>();
    const maker = new HitMaker(parsed, (t) => this.store.terms[t], (rec) => texts.get(rec));
    await Promise.all(
      page.map(async ({ rec }) => {
        if (rec.text === undefined) texts.set(rec, (await readText(rec.kind, rec.id).catch(() => null)) ?? undefined);
      }),
    );
    const results = page.map(({ rec, s }) => maker.hit(rec, s));
    return { query: query.q, total, results, tookMs: performance.now() - t0 };
  }

  private rankPage(query: SearchQuery): { parsed: ReturnType<typeof parseQuery>; page: Array<{ rec: DocRec; s: number }>; total: number } {
    const store = this.store;
    store.maybeCompact();
    const limit = Math.max(0, query.limit ?? 20);
    const offset = Math.max(0, query.offset ?? 0);
    const filter = makeFilter(query);
    const parsed = parseQuery(store, query.q, this.ranking);
    const docs = store.docs;

    let ranked: Ranked[] = [];
    let total = 0;
    if (parsed.groups.length > 0) {
      // only the page and what comes before it are put in order; total counts every match
      ({ ranked, total } = rank(store, parsed, filter, this.ranking, offset + limit));
    } else if (query.q.trim() === '' && filter) {
      for (let d = 0; d < docs.length; d++) {
        const rec = docs[d];
        if (rec && passes(filter, rec)) ranked.push({ d, s: 0 });
      }
      ranked.sort((a, b) => {
        const x = docs[a.d];
        const y = docs[b.d];
        return (y?.date ?? '').localeCompare(x?.date ?? '') || (x?.id ?? '').localeCompare(y?.id ?? '');
      });
      total = ranked.length;
    }

    const page = ranked.slice(offset, offset + limit).map(({ d, s }) => {
      const rec = docs[d];
      if (!rec) throw new DossierError('INTERNAL', 'search: result for a removed document');
      return { rec, s };
    });
    return { parsed, page, total };
  }

  /**
   * Where the query matches in `text` (a document's full text): the spans of every word the query
   * expands to (exact, variant, typo, prefix), as a search matches them, in text order.
   */
  locate(q: string, text: string, limit = 10_000): MatchSpan[] {
    const store = this.store;
    store.maybeCompact();
    const parsed = parseQuery(store, q, this.ranking);
    if (parsed.groups.length === 0) return [];
    return new HitMaker(parsed, (t) => store.terms[t], undefined).locate(text, limit);
  }

  /**
   * Quick switcher over titles and entity names and aliases: records whose title has every query
   * word (or a variant of it) first, shortest title first, then fuzzy matches.
   */
  quick(q: string, limit = 10): QuickResult[] {
    this.store.maybeCompact();
    return this.quickSwitcher.search(this.store, q, limit);
  }

  /** Records the current state as the one the search cache on disk holds (see `delta`). */
  markSaved(): void {
    this.store.markSaved();
  }

  /**
   * What changed since `markSaved` (for the search cache's delta), or null when the index was
   * compacted since and must be written whole.
   */
  delta(): DeltaImage | null {
    return this.store.delta();
  }

  /** Applies a delta taken by `delta()` from an index in this index's state. @throws DossierError `CORRUPT` when it does not fit. */
  applyDelta(d: DeltaImage): void {
    this.store.applyDelta(d);
    this.quickSwitcher.invalidate();
  }

  /** Whether the search cache must be written whole: never written or loaded, or compacted since. */
  wholeWriteNeeded(): boolean {
    return this.store.wholeWriteNeeded;
  }

  /**
   * Whether what was added or removed since the last compaction has grown past `share` of the
   * compact index (posting bytes in the tails, or removed documents): then writing the index whole
   * (which compacts it) is worth its cost.
   */
  grownPast(share: number): boolean {
    const g = this.store.growth;
    return g.tailBytes > Math.max(1 << 20, g.poolBytes * share) || g.dead > Math.max(64, g.live * share);
  }

  /** Compact, versioned binary form (texts are not included). */
  serialize(): Uint8Array {
    return encodeImage(this.store.toImage());
  }

  /**
   * Loads a serialized index (bytes, or the same bytes in base64).
   * @throws DossierError `CORRUPT` on damaged data, `NEWER_VERSION` for a newer format.
   */
  static deserialize(data: Uint8Array | string, opts: SearchIndexOptions = {}): SearchIndex {
    return SearchIndex.adopt(typeof data === 'string' ? Uint8Array.from(Buffer.from(data, 'base64')) : new Uint8Array(data), opts);
  }

  /**
   * `deserialize` without a copy: the index keeps reading its postings and tables from `bytes`
   * (the search cache's file buffer), which the caller must not change afterwards.
   */
  static adopt(bytes: Uint8Array, opts: SearchIndexOptions = {}): SearchIndex {
    const idx = new SearchIndex(opts);
    idx.store = IndexStore.fromImage(decodeImage(bytes), idx.keepText);
    return idx;
  }
}
