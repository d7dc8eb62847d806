/**
 * The desktop app's security policy (DESIGN.md section 8). The decisions are pure functions over
 * URLs so they are tested without Electron; `applySessionPolicy` and `hardenWebContents` wire them
 * into a session and a web contents (both passed in, so tests pass fakes).
 *
 * - the renderer runs with contextIsolation, sandbox, no Node integration, webSecurity on;
 * - CSP `default-src 'self'` on every response (and in renderer/index.html);
 * - every request that is not the app's own (the built renderer's file:// URLs, the dev server on
 *   localhost in development, devtools) is cancelled: no telemetry, updates, fonts or CDNs;
 * - navigation away from the app, new windows, webviews, downloads and permissions are denied;
 * - external links open in the system browser only for http/https/mailto and only after the user
 *   confirms a dialog.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../api/policy';

export { CONTENT_SECURITY_POLICY };

/** Development only: Vite's dev server needs its inline React Refresh preamble and a websocket. */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const u = new URL(devServerUrl);
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ws://${u.host}`);
}

export interface AppOrigin {
  /** Absolute folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** The electron-vite dev server (development only). */
  devServerUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isLoopbackDevServer(u: URL, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false;
  const dev = parse(devServerUrl);
  if (!dev || !['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname)) return false;
  if (u.protocol === 'ws:' && dev.protocol === 'http:') return u.host === dev.host;
  return u.origin === dev.origin;
}

function insideRenderer(u: URL, rendererDir: string): string | null {
  if (u.protocol !== 'file:') return null;
  let file: string;
  try {
    file = path.resolve(fileURLToPath(u));
  } catch {
    return null;
  }
  const root = path.resolve(rendererDir);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** May the session load this URL at all? The app's own files, the dev server, devtools, data:. */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'devtools:') return true;
  if (u.protocol === 'data:') return true;
  if (insideRenderer(u, origin.rendererDir)) return true;
  return isLoopbackDevServer(u, origin.devServerUrl);
}

/** Is this the app's own page (the only frame allowed to call IPC and to be navigated to)? */
export function isAppPage(url: string, origin: AppOrigin): boolean {
  const u = parse(url);
  if (!u) return false;
  if (origin.devServerUrl && isLoopbackDevServer(u, origin.devServerUrl) && u.protocol !== 'ws:') return true;
  return insideRenderer(u, origin.rendererDir) === path.join(path.resolve(origin.rendererDir), 'index.html');
}

export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'mailto:') return u.pathname.length > 0;
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && !u.username && !u.password;
}

/** The webRequest.onBeforeRequest decision. */
export function requestDecision(url: string, origin: AppOrigin): { cancel: boolean } {
  return { cancel: !isAppUrl(url, origin) };
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The part of an Electron Session the policy touches (a real Session fits; tests pass fakes). */
export interface SessionLike {
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string | string[]> },
        callback: (response: { responseHeaders: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  on(event: 'will-download', listener: (event: PreventableEvent) => void): unknown;
}

export function applySessionPolicy(session: SessionLike, origin: AppOrigin): void {
  const csp = origin.devServerUrl ? devContentSecurityPolicy(origin.devServerUrl) : CONTENT_SECURITY_POLICY;
  session.webRequest.onBeforeRequest((details, callback) => callback(requestDecision(details.url, origin)));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/** The part of an Electron WebContents the policy touches. */
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function hardenWebContents(contents: WebContentsLike, origin: AppOrigin): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface ExternalDeps {
  confirm(url: string): Promise<boolean>;
  open(url: string): Promise<void>;
}

/** Opens an external link only when it is http/https/mailto and the user confirmed. */
export async function confirmAndOpenExternal(url: unknown, deps: ExternalDeps): Promise<boolean> {
  if (typeof url !== 'string' || url.length > 4096 || !isSafeExternalUrl(url)) return false;
  if (!(await deps.confirm(url))) return false;
  await deps.open(url);
  return true;
}
