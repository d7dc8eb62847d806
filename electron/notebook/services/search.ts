/** `search.*`: full-text search, where a query matches in one report, and the quick switcher. */
import type { DossierHandlers } from '../../api/contract';
import type { NotebookSearch } from '../searcher';
import type { Stores } from '../stores';

export type SearchService = Pick<DossierHandlers, 'search.query' | 'search.locate' | 'search.quick'>;

export function searchService(search: NotebookSearch, s: Pick<Stores, 'reports'>): SearchService {
  return {
    'search.query': async (q) => search.search(q),
    'search.locate': async ({ q, id, limit }) => {
      s.reports.get(id); // NOT_FOUND for an unknown report
      return search.locate(q, 'report', id, limit);
    },
    'search.quick': async ({ q, limit }) => search.quick(q, limit),
  };
}
