/** `search.*`: full-text search, where a query matches in one report, the quick switcher, and loading the index ahead of the first search. */
import type { DossierHandlers } from '../../api/contract';
import type { NotebookSearch } from '../searcher';
import type { Stores } from '../stores';

export type SearchService = Pick<DossierHandlers, 'search.query' | 'search.locate' | 'search.quick' | 'search.prepare'>;

export function searchService(search: NotebookSearch, s: Pick<Stores, 'reports'>, prepare: () => Promise<void>): SearchService {
  return {
    'search.query': async (q) => search.search(q),
    'search.locate': async ({ q, id, limit }) => {
      s.reports.get(id); // NOT_FOUND for an unknown report
      return search.locate(q, 'report', id, limit);
    },
    'search.quick': async ({ q, limit }) => search.quick(q, limit),
    // Starts loading the index (once) and answers at once with whether it is loaded.
    'search.prepare': async () => {
      void prepare();
      if (!search.loaded) return { ready: false, docs: null, source: null };
      const index = await search.ensure();
      return { ready: true, docs: index.size, source: search.status?.source ?? null };
    },
  };
}
