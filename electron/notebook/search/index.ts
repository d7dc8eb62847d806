/**
 * Public surface of the search engine: the index, its types, the text normalizer used for entity
 * matching elsewhere, and the on-disk cache helpers.
 */
export { SearchIndex } from './engine';
export { normalize, tokenize } from './normalize';
export { translitKey } from './translit';
export { loadIndexCache, readIndexCache, saveIndexCache, CACHE_VERSION } from './cache';
export type { CacheMissReason, CacheReadResult, LoadCacheOptions } from './cache';
export type {
  DocKind,
  MatchRange,
  QuickHit,
  SearchDoc,
  SearchHit,
  SearchIndexOptions,
  SearchQuery,
  SearchResponse,
} from './types';
