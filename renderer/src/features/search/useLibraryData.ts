/** The lists every feature shares (react-query caches them; mutations invalidate them). */
import { useQuery } from '@tanstack/react-query';
import type { AppApi } from '../../app/api';

export function useReports(api: AppApi) {
  return useQuery({ queryKey: ['reports'], queryFn: () => api['reports.list']({}) });
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
