/**
 * Types of the search engine's inputs: documents going in and queries (index options are in
 * engine.ts, beside the class they configure). Queries and results use the contract's types
 * (electron/api: the `search.query` input; SearchResult, SearchResultItem, QuickResult,
 * MatchSpan, MatchReason), so there is one definition of each.
 */
import type { MethodInput } from '../../api/contract';
import type { SearchKind } from '../../api/types';

/** A record as the index sees it. */
export interface SearchDoc {
  kind: SearchKind;
  id: string;
  title: string;
  text: string;
  tags: string[];
  /** 'YYYY-MM-DD' */
  date: string | null;
  entityIds: string[];
  /** entities: alternative names, indexed like the title */
  aliases?: string[];
  /**
   * Changes whenever the record does (notes and entities: their `updatedAt`): kept in the cache, so
   * a stale cache re-adds only the records that changed.
   */
  version?: string;
}

/**
 * A search: the query string and optional filters and paging, as the contract's `search.query`
 * takes it before defaults (electron/api/contract.ts): every tag in `tags` must match; `from` and
 * `to` are inclusive 'YYYY-MM-DD' and leave out documents without a date; `limit` defaults to 20.
 */
export type SearchQuery = MethodInput<'search.query'>;
