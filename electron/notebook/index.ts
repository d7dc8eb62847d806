/** Public surface of the domain core. Plain Node: no Electron, HTTP or React in here. */
export { Notebook, type OpenOptions } from './notebook';
export { DossierError, isDossierError, toErrorShape, type ErrorCode } from './errors';
export { createHandlers, callMethod, coreTransport } from './service';
export { importPaths, importFiles, collectFiles, MAX_IMPORT_BYTES, type ImportOptions, type ImportSummary } from './import/lazy';
export { resolveNotebookDir, defaultNotebookDir } from './paths';
export { kindOfId, newId } from './ids';
export type { Report } from './schema/v1';
export type { Note, Entity, EntityType, Mention } from './schema/v1-notes';
export type { Recovery } from './storage/jsonfile';
export type { SpawnCacheWorker } from './searcher';
export { readLock } from './storage/lock';
