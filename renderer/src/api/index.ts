/**
 * Picks the backend once at startup: the preload bridge in the desktop app, otherwise the browser
 * host with the token taken from the URL fragment (`#token=…`, then removed from the address bar)
 * or, after a reload, from sessionStorage.
 */
import { createHttpApi } from './http';
import './bridge';
import { createIpcApi, type Client } from './ipc';

export { ApiError } from './errors';
export { createHttpApi, httpTransport } from './http';
export { createIpcApi, type Client } from './ipc';

const TOKEN_KEY = 'dossier.token';

export function takeTokenFromLocation(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    window.history.replaceState(null, '', loc.pathname + loc.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY);
}

export type Backend = { kind: 'ipc' | 'http'; api: Client } | { kind: 'none'; api: null };

export function chooseBackend(): Backend {
  if (window.dossier) return { kind: 'ipc', api: createIpcApi(window.dossier) };
  const token = takeTokenFromLocation();
  if (token) return { kind: 'http', api: createHttpApi(token) };
  return { kind: 'none', api: null };
}
