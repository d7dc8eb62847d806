/**
 * The api the workspace programs against: the contract's DossierApi, the desktop bridge's optional
 * `openExternal`, and methods an older backend may lack (the UI checks for them at run time and
 * falls back or says "not available yet"). Search types are the contract's own.
 */
import type { DossierApi, ImportResult, MatchSpan, MethodInput, QuickResult, SearchKind, SearchResult, SearchResultItem } from '../../../electron/api';

export type { SearchKind };
export type Range = MatchSpan;
export type SearchQueryInput = MethodInput<'search.query'>;
export type SearchHit = SearchResultItem;
export type SearchResponse = SearchResult;
export type QuickHit = QuickResult;

export interface FileUpload {
  name: string;
  base64: string;
}

export interface OptionalMethods {
  'search.query'?: (input: SearchQueryInput) => Promise<SearchResponse>;
  'search.quick'?: (input: { q: string; limit?: number }) => Promise<QuickHit[]>;
  /** Where a query matches in one report's text (the reader's highlights and find). */
  'search.locate'?: (input: { q: string; id: string; limit?: number }) => Promise<MatchSpan[]>;
  /** Uploads files from the browser (see the import dialog); optional so an older backend degrades gracefully. */
  'reports.importFiles'?: (input: { files: FileUpload[]; tags?: string[]; ocrLanguages?: Array<'eng' | 'ukr' | 'rus' | 'ara'> }) => Promise<ImportResult>;
  openExternal?: (url: string) => Promise<boolean>;
}

export type AppApi = DossierApi & OptionalMethods;

/** A method that the connected backend may not have yet. */
export function optional<K extends keyof OptionalMethods>(api: AppApi, name: K): NonNullable<OptionalMethods[K]> | null {
  const fn = (api as unknown as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as NonNullable<OptionalMethods[K]>) : null;
}

export function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err && typeof (err as { message: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}
