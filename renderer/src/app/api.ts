/**
 * The api the workspace programs against: the contract's DossierApi, the desktop bridge's optional
 * `openExternal`, and the search methods (optional until the contract carries them: the UI checks
 * for them at run time and falls back or says "not available yet").
 */
import type { DossierApi, ImportResult } from '../../../electron/api';

export type SearchKind = 'report' | 'note' | 'entity';

export interface Range {
  start: number;
  end: number;
}

export interface SearchQueryInput {
  q: string;
  kinds?: SearchKind[];
  tags?: string[];
  entityId?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
  snippet: string;
  matches: Range[];
  titleMatches: Range[];
  date: string | null;
  tags: string[];
}

export interface SearchResponse {
  query: string;
  total: number;
  tookMs: number;
  results: SearchHit[];
}

export interface QuickHit {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
}

export interface FileUpload {
  name: string;
  base64: string;
}

export interface OptionalMethods {
  'search.query'?: (input: SearchQueryInput) => Promise<SearchResponse>;
  'search.quick'?: (input: { q: string; limit?: number }) => Promise<QuickHit[]>;
  /** Uploads files from the browser (see the import dialog); optional so an older backend degrades gracefully. */
  'reports.importFiles'?: (input: { files: FileUpload[]; tags?: string[] }) => Promise<ImportResult>;
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
