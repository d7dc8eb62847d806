/** The lists every feature shares (react-query caches them; mutations invalidate them). */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AppApi } from '../../app/api';
import { buildTitleIndex } from './fallback';

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

export function useTitleIndex(api: AppApi, enabled: boolean) {
  const reports = useQuery({ queryKey: ['reports'], queryFn: () => api['reports.list']({}), enabled });
  const notes = useQuery({ queryKey: ['notes'], queryFn: () => api['notes.list']({}), enabled });
  const entities = useQuery({ queryKey: ['entities'], queryFn: () => api['entities.list']({}), enabled });
  return useMemo(
    () => (enabled && reports.data && notes.data && entities.data ? buildTitleIndex(reports.data, notes.data, entities.data) : null),
    [enabled, reports.data, notes.data, entities.data],
  );
}
