/** `notebook.*`: what the notebook is, what it holds (stats), whether it is intact (check), and gc. */
import type { DossierHandlers } from '../../api/contract';
import { checkNotebook, collectGarbage, notebookStats, type CheckStores } from '../check';
import type { MetaFile } from '../schema/v1';
import type { NotebookSearch } from '../searcher';

export type NotebookService = Pick<DossierHandlers, 'notebook.info' | 'notebook.stats' | 'notebook.check' | 'notebook.gc'>;

export function notebookService(nb: CheckStores & { readonly meta: MetaFile; readonly search: Pick<NotebookSearch, 'compactCache'> }): NotebookService {
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
    'notebook.gc': async () => {
      const summary = await collectGarbage(nb);
      // The search cache's delta is folded into its base too (when the cache is current).
      await nb.search.compactCache(true);
      return summary;
    },
  };
}
