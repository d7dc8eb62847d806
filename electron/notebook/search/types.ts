/**
 * Public types of the search engine: documents going in, queries and responses coming out.
 */
export type DocKind = 'report' | 'note' | 'entity';

export interface SearchDoc {
  kind: DocKind;
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

export interface SearchQuery {
  q: string;
  kinds?: DocKind[];
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

/** Offsets into the snippet (or into the title for titleMatches); end is exclusive. */
export interface MatchRange {
  start: number;
  end: number;
}

export interface SearchHit {
  kind: DocKind;
  id: string;
  title: string;
  score: number;
  snippet: string;
  matches: MatchRange[];
  titleMatches: MatchRange[];
  date: string | null;
  tags: string[];
}

export interface SearchResponse {
  query: string;
  total: number;
  results: SearchHit[];
  tookMs: number;
}

export interface QuickHit {
  kind: DocKind;
  id: string;
  title: string;
  score: number;
}

export interface SearchIndexOptions {
  /** Loads a document's text to make snippets for the results on the page. */
  loadText?: (kind: DocKind, id: string) => string | null;
  /** Keep texts in memory for snippets. Default: only when no loadText is given. */
  keepText?: boolean;
}
