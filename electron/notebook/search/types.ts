/**
 * Types of the search engine's inputs: documents going in, queries and index options. Results use
 * the contract's types (electron/api/types.ts: SearchResult, SearchResultItem, QuickResult,
 * MatchSpan, MatchReason), so there is one definition of what a search returns.
 */
import type { SearchKind } from '../../api/types';
import type { RankingOptions } from './rank';

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
}

/** A search: the query string and optional filters and paging. */
export interface SearchQuery {
  q: string;
  kinds?: SearchKind[];
  /** all must match */
  tags?: string[];
  entityId?: string;
  /** inclusive 'YYYY-MM-DD'; docs without a date are excluded when a range is given */
  from?: string;
  to?: string;
  /** default 20 */
  limit?: number;
  offset?: number;
}

export interface SearchIndexOptions {
  /** Loads a document's text to make snippets for the results on the page. */
  loadText?: (kind: SearchKind, id: string) => string | null;
  /** Keep texts in memory for snippets. Default: only when no loadText is given. */
  keepText?: boolean;
  /** Ranking and expansion numbers; missing ones take {@link DEFAULT_RANKING}'s values. */
  ranking?: Partial<RankingOptions>;
}
