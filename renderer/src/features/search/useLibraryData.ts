/** The lists every feature shares (react-query caches them; mutations invalidate them). Reports are paged (ListPane). */
import { useQuery } from '@tanstack/react-query';
import type { AppApi } from '../../app/api';

/**
 * How many reports the notebook holds, without receiving them: nothing in the renderer receives
 * every report (the list pages, the palette and the chart ask for the ones they show). Every report
 * query's key starts with 'reports', so invalidating ['reports'] refreshes them all.
 */
export function useReportCount(api: AppApi) {
  return useQuery({ queryKey: ['reports', 'count'], queryFn: async () => (await api['reports.page']({ limit: 1 })).total });
}
export function useNotes(api: AppApi) {
  return useQuery({ queryKey: ['notes'], queryFn: () => api['notes.list']({}) });
}
export function useEntities(api: AppApi) {
  return useQuery({ queryKey: ['entities'], queryFn: () => api['entities.list']({}) });
}
export function useTags(api: AppApi) {
  return useQuery({ queryKey: ['tags'], queryFn: () => api['tags.list']({}) });
}
