/** The lists every feature shares (react-query caches them; mutations invalidate them). */
import { useQuery } from '@tanstack/react-query';
import type { AppApi } from '../../app/api';

/** Every report: for views that need them all (the link chart's report nodes). Lists page instead (reports.page). */
export function useReports(api: AppApi) {
  return useQuery({ queryKey: ['reports'], queryFn: () => api['reports.list']({}) });
}
/** How many reports the notebook holds, without receiving them. */
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
