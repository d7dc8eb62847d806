/**
 * The importer as the rest of the core reaches it: loaded on the first import, with its format
 * libraries (date inference, encoding detection, PDF, HTML…), so a command that imports nothing
 * (`note add`, a search) never loads them.
 */
import type * as Importer from './importer';

export type { ImportOptions, ImportStores, ImportSummary } from './importer';
export { MAX_FILE_BYTES as MAX_IMPORT_BYTES } from '../../api/formats';

const importer = (): Promise<typeof Importer> => import('./importer');

export const importPaths: typeof Importer.importPaths = async (...args) => (await importer()).importPaths(...args);
export const importFiles: typeof Importer.importFiles = async (...args) => (await importer()).importFiles(...args);
export const collectFiles: typeof Importer.collectFiles = async (...args) => (await importer()).collectFiles(...args);
