/**
 * Public surface of the search engine: the index, its input types and ranking options, the letter
 * folding and text normalizer used for titles and entity matching elsewhere, and the on-disk cache
 * helpers. Results are the contract's types (electron/api/types.ts).
 */
export { SearchIndex, type SearchIndexOptions } from './engine';
export { DEFAULT_RANKING, type RankingOptions } from './rank';
export { normalize, tokenize } from './normalize';
export { translitKey } from './translit';
export { appendIndexDelta, deltaFileOf, loadIndexCache, readIndexCache, saveIndexCache, writeIndexCache, CACHE_VERSION } from './cache';
export type { CacheMissReason, CacheReadResult, CacheState, LoadCacheOptions } from './cache';
export type { SearchDoc, SearchQuery } from './types';
