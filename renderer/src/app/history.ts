/**
 * The workspace's place in the browser history: the route lives in `location.hash`, so Back,
 * Forward and reload work in the browser mode and in the desktop window alike. `open` pushes an
 * entry (or replaces the current one); Back/Forward are `history.back()` / `history.forward()`,
 * bound to Alt+Left / Alt+Right and the mouse's back and forward buttons.
 */
import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute } from './routes';
import type { Route } from './workspace';

export function useHashRoute(): [Route, (r: Route, opts?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    // Back/Forward fire popstate and hashchange: the second finds the route already current.
    const sync = () => setRoute((prev) => (formatRoute(prev) === window.location.hash ? prev : parseRoute(window.location.hash)));
    window.addEventListener('hashchange', sync);
    window.addEventListener('popstate', sync);
    return () => {
      window.removeEventListener('hashchange', sync);
      window.removeEventListener('popstate', sync);
    };
  }, []);
  const go = useCallback((r: Route, opts?: { replace?: boolean }) => {
    const hash = formatRoute(r);
    if (hash !== window.location.hash) {
      // Only the fragment changes, through the History API: no navigation and no hashchange, so
      // typing a query (one replaced entry per keystroke) costs no second render of the workspace.
      const url = `${window.location.pathname}${window.location.search}${hash}`;
      if (opts?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    }
    setRoute(r);
  }, []);
  return [route, go];
}

/** The mouse's back (3) and forward (4) buttons move through the history. */
export function useMouseHistoryButtons(): void {
  useEffect(() => {
    const onUp = (e: MouseEvent) => {
      if (e.button === 3) history.back();
      else if (e.button === 4) history.forward();
      else return;
      e.preventDefault();
    };
    // The browser's own handling of these buttons is cancelled on mouseup as well.
    const cancel = (e: MouseEvent) => {
      if (e.button === 3 || e.button === 4) e.preventDefault();
    };
    window.addEventListener('mouseup', onUp);
    window.addEventListener('mousedown', cancel);
    return () => {
      window.removeEventListener('mouseup', onUp);
      window.removeEventListener('mousedown', cancel);
    };
  }, []);
}
