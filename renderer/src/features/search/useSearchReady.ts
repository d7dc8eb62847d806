/**
 * Whether the notebook's search index is loaded. Asking (`search.prepare`) starts loading it in the
 * background; until it is ready the answer is polled, so the search view can say "Preparing
 * search…" instead of leaving the first search looking stuck for seconds.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AppApi } from '../../app/api';

const POLL_MS = 400;
/** The longest wait for an idle moment before asking anyway. */
const IDLE_TIMEOUT_MS = 1500;

/**
 * `whenIdle`: ask once the page is idle (after the first list is painted: loading the index takes
 * CPU the first list needs); `now`: ask at once (the user is searching).
 */
export function useSearchReady(api: AppApi, when: { whenIdle: boolean; now: boolean }) {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!when.whenIdle || idle) return;
    if (typeof window.requestIdleCallback !== 'function') {
      setIdle(true);
      return;
    }
    const id = window.requestIdleCallback(() => setIdle(true), { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(id);
  }, [when.whenIdle, idle]);
  return useQuery({
    queryKey: ['searchReady'],
    queryFn: () => api['search.prepare']({}),
    enabled: idle || when.now,
    // Once loaded, the index follows every change: no need to ask again.
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data?.ready ? false : POLL_MS),
  });
}
