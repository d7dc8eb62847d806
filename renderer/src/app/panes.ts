/**
 * Pane widths and which panes are open, remembered in localStorage (a preference of this
 * computer, not of the notebook). Below NARROW px the library and details panels become drawers
 * over the content, so the list and the content keep their room; below SINGLE px the list and the
 * content take turns (one pane, with a way back to the list).
 */
import { useCallback, useEffect, useState } from 'react';

export const NARROW = 1200;
export const SINGLE = 820;
const KEY = 'dossier.panes';

export interface Panes {
  navWidth: number;
  listWidth: number;
  detailsWidth: number;
  navOpen: boolean;
  listOpen: boolean;
  detailsOpen: boolean;
}

export const PANE_LIMITS = {
  nav: { min: 160, max: 360 },
  list: { min: 200, max: 640 },
  details: { min: 220, max: 520 },
} as const;

const DEFAULTS: Panes = { navWidth: 200, listWidth: 300, detailsWidth: 280, navOpen: true, listOpen: true, detailsOpen: true };

function clamp(v: unknown, lim: { min: number; max: number }, d: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(Math.max(lim.min, Math.min(lim.max, v))) : d;
}

export function loadPanes(storage: Pick<Storage, 'getItem'> = localStorage): Panes {
  let raw: Partial<Panes> = {};
  try {
    raw = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Panes>;
  } catch {
    /* a damaged preference is the default */
  }
  return {
    navWidth: clamp(raw.navWidth, PANE_LIMITS.nav, DEFAULTS.navWidth),
    listWidth: clamp(raw.listWidth, PANE_LIMITS.list, DEFAULTS.listWidth),
    detailsWidth: clamp(raw.detailsWidth, PANE_LIMITS.details, DEFAULTS.detailsWidth),
    navOpen: typeof raw.navOpen === 'boolean' ? raw.navOpen : true,
    listOpen: typeof raw.listOpen === 'boolean' ? raw.listOpen : true,
    detailsOpen: typeof raw.detailsOpen === 'boolean' ? raw.detailsOpen : true,
  };
}

export function usePanes(): [Panes, (patch: Partial<Panes>) => void] {
  const [panes, setPanes] = useState<Panes>(() => loadPanes());
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(panes));
    } catch {
      /* storage full or disabled: widths are not remembered */
    }
  }, [panes]);
  const update = useCallback((patch: Partial<Panes>) => setPanes((p) => ({ ...p, ...patch })), []);
  return [panes, update];
}

export function useWindowWidth(): number {
  const [w, setW] = useState(() => window.innerWidth);
  useEffect(() => {
    const on = () => setW(window.innerWidth);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return w;
}

/** The content keeps at least this much (a 480 px reading column plus its padding). */
export const MIN_CONTENT = 540;
const SPLITTER = 6;

export interface PaneLayout {
  navDocked: boolean;
  detailsDocked: boolean;
  list: boolean;
  listWidth: number;
}

/**
 * Which panes sit beside the content at this window width. Open panes stay docked while the
 * content keeps MIN_CONTENT; otherwise the details, then the library, become drawers, and the list
 * gives up width (down to its minimum). Below NARROW both side panels are drawers; below SINGLE the
 * list and an open item take turns.
 */
export function fitPanes(width: number, p: Panes, o: { narrow: boolean; single: boolean; itemOpen: boolean; listAsked: boolean }): PaneLayout {
  if (o.single) return { navDocked: false, detailsDocked: false, list: !o.itemOpen || o.listAsked, listWidth: width };
  let navDocked = p.navOpen && !o.narrow;
  let detailsDocked = p.detailsOpen && !o.narrow;
  const list = p.listOpen;
  const used = () => (navDocked ? p.navWidth + SPLITTER : 0) + (list ? p.listWidth + SPLITTER : 0) + (detailsDocked ? p.detailsWidth + SPLITTER : 0);
  if (width - used() < MIN_CONTENT) detailsDocked = false;
  if (width - used() < MIN_CONTENT) navDocked = false;
  let listWidth = p.listWidth;
  if (list && width - used() < MIN_CONTENT) listWidth = Math.max(PANE_LIMITS.list.min, p.listWidth - (MIN_CONTENT - (width - used())));
  return { navDocked, detailsDocked, list, listWidth };
}
