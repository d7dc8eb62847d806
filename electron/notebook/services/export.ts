/** `export.*`: notes (and what they link to) as markdown files. */
import type { DossierHandlers } from '../../api/contract';
import { exportMarkdown, type ExportStores } from '../export/export';

export type ExportService = Pick<DossierHandlers, 'export.notes' | 'export.all'>;

export function exportService(s: ExportStores): ExportService {
  return {
    'export.notes': async ({ noteIds, outDir, links }) => exportMarkdown(s, { noteIds, outDir, links }),
    'export.all': async ({ outDir, links }) => exportMarkdown(s, { outDir, links, allEntities: true }),
  };
}
