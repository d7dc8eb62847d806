/** `notebook.*`: what the notebook is, what it holds (stats), whether it is intact (check), and gc. */
import type { DossierHandlers } from '../../api/contract';
import { checkNotebook, collectGarbage, notebookStats, type CheckStores } from '../check';
import type { MetaFile } from '../schema/v1';

export type NotebookService = Pick<DossierHandlers, 'notebook.info' | 'notebook.stats' | 'notebook.check' | 'notebook.gc'>;

export function notebookService(nb: CheckStores & { readonly meta: MetaFile }): NotebookService {
  return {
    'notebook.info': async () => ({
      dir: nb.dir,
      id: nb.meta.id,
      createdAt: nb.meta.createdAt,
      writable: nb.writable,
      reports: nb.reports.count,
      recoveries: [...nb.recoveries],
    }),
    'notebook.stats': async () => notebookStats(nb),
    'notebook.check': async ({ repair }) => checkNotebook(nb, repair),
    'notebook.gc': async () => collectGarbage(nb),
  };
}
