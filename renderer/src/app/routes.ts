/**
 * Hash routes: every view has an address (`#/report/r_1`, `#/note/n_2`, `#/note/new`,
 * `#/entity/e_3`, `#/graph?focus=e_3&depth=2`, `#/search?q=…`, `#/report/r_1?q=Hama&at=10-14`, `#/trash`), the same in the browser mode and
 * in the desktop window. Back and Forward are the browser's own history; reload re-reads the hash.
 */
import { ID_PATTERN, RECORD_ID_PATTERN, type RecordKind } from '../../../electron/api/ids';
import { decodeComponent } from '../ui/uri';
import type { Route } from './workspace';

/** The hash for a route (always starts with `#/`). */
export function formatRoute(r: Route): string {
  const q = new URLSearchParams();
  let path: string;
  switch (r.view) {
    case 'home':
      path = '';
      break;
    case 'report':
      path = `report/${r.id}`;
      if (r.cite) q.set('cite', `${r.cite.start}-${r.cite.end}`);
      if (r.q) q.set('q', r.q);
      if (r.at) q.set('at', `${r.at.start}-${r.at.end}`);
      break;
    case 'trash':
      path = 'trash';
      break;
    case 'note':
      path = `note/${r.id}`;
      break;
    case 'newNote':
      path = 'note/new';
      break;
    case 'entity':
      path = `entity/${r.id}`;
      break;
    case 'graph':
      path = 'graph';
      if (r.focus) q.set('focus', r.focus);
      if (r.depth && r.focus) q.set('depth', String(r.depth));
      break;
    case 'search':
      path = 'search';
      if (r.q) q.set('q', r.q);
      break;
  }
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** The route a hash names; anything unknown or malformed is the home view. */
export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const qAt = h.indexOf('?');
  const path = (qAt < 0 ? h : h.slice(0, qAt)).split('/').map(decodeComponent);
  const q = new URLSearchParams(qAt < 0 ? '' : h.slice(qAt + 1));
  const [view, id] = path;
  const okId = (kind: RecordKind) => typeof id === 'string' && ID_PATTERN[kind].test(id);
  switch (view) {
    case 'report': {
      if (!okId('report')) break;
      const route: Route = { view: 'report', id: id ?? '' };
      const cite = /^(\d+)-(\d+)$/.exec(q.get('cite') ?? '');
      if (cite) route.cite = { start: Number(cite[1]), end: Number(cite[2]) };
      const query = q.get('q');
      if (query) route.q = query.slice(0, 1000);
      const at = /^(\d+)-(\d+)$/.exec(q.get('at') ?? '');
      if (at) route.at = { start: Number(at[1]), end: Number(at[2]) };
      return route;
    }
    case 'trash': {
      return { view: 'trash' };
    }
    case 'note':
      if (id === 'new') return { view: 'newNote' };
      if (okId('note')) return { view: 'note', id: id ?? '' };
      break;
    case 'entity':
      if (okId('entity')) return { view: 'entity', id: id ?? '' };
      break;
    case 'graph': {
      const focus = q.get('focus');
      const depth = Number(q.get('depth'));
      return focus && RECORD_ID_PATTERN.test(focus) ? { view: 'graph', focus, depth: depth >= 1 && depth <= 3 ? depth : 1 } : { view: 'graph' };
    }
    case 'search':
      return { view: 'search', q: q.get('q') ?? '' };
  }
  return { view: 'home' };
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatRoute(a) === formatRoute(b);
}
