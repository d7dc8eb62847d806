/**
 * "Recent": the items last opened, newest first, kept in the notebook's UI state (`ui.get` /
 * `ui.set`, so a reload or another window shows the same list), or in localStorage when the
 * backend has no such methods.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UiState } from '../../../electron/api';
import type { AppApi } from './api';

export type RecentItem = UiState['recent'][number];
export const MAX_RECENT = 12;
const KEY = 'dossier.recent';

export function withRecent(list: readonly RecentItem[], item: RecentItem): RecentItem[] {
  return [item, ...list.filter((r) => r.id !== item.id)].slice(0, MAX_RECENT);
}

export function useRecent(api: AppApi): [RecentItem[], (item: RecentItem) => void] {
  const [recent, setRecent] = useState<RecentItem[]>([]);
  const list = useRef<RecentItem[]>([]);
  const loaded = useRef(false);
  const hasUi = typeof (api as Partial<AppApi>)['ui.get'] === 'function';

  const save = useCallback(
    (next: RecentItem[]) => {
      if (hasUi) void api['ui.set']({ recent: next }).catch(() => undefined);
      else {
        try {
          localStorage.setItem(KEY, JSON.stringify(next));
        } catch {
          /* not remembered */
        }
      }
    },
    [api, hasUi],
  );

  useEffect(() => {
    let live = true;
    const fromStorage = (): RecentItem[] => {
      try {
        const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
        return Array.isArray(v) ? (v as RecentItem[]).slice(0, MAX_RECENT) : [];
      } catch {
        return [];
      }
    };
    const load = hasUi ? api['ui.get']({}).then((s) => s.recent, fromStorage) : Promise.resolve(fromStorage());
    void load.then((items) => {
      if (!live) return;
      loaded.current = true;
      // Items opened while the list was loading stay first.
      const opened = list.current;
      list.current = [...opened, ...items.filter((i) => !opened.some((n) => n.id === i.id))].slice(0, MAX_RECENT);
      setRecent(list.current);
      if (opened.length > 0) save(list.current);
    });
    return () => {
      live = false;
    };
  }, [api, hasUi, save]);

  const remember = useCallback(
    (item: RecentItem) => {
      const now = list.current;
      if (now[0]?.id === item.id && now[0].title === item.title) return;
      list.current = withRecent(now, item);
      setRecent(list.current);
      if (loaded.current) save(list.current);
    },
    [save],
  );
  return [recent, remember];
}
