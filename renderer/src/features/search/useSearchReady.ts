/**
 * Whether the notebook's search index is loaded. Asking (`search.prepare`) starts loading it in the
 * background; until it is ready the answer is polled, so the search view can say "Preparing
 * search…" instead of leaving the first search looking stuck for seconds.
 */
import { useQuery } from '@tanstack/react-query';
import type { AppApi } from '../../app/api';

const POLL_MS = 400;

export function useSearchReady(api: AppApi, start: boolean) {
  return useQuery({
    queryKey: ['searchReady'],
    queryFn: () => api['search.prepare']({}),
    enabled: start,
    // Once loaded, the index follows every change: no need to ask again.
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data?.ready ? false : POLL_MS),
  });
}
