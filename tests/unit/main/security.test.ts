/** The desktop security policy, with `electron` mocked and fake sessions/web contents. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const security = await import('../../../electron/main/security');
const { CONTENT_SECURITY_POLICY: HOST_CSP } = await import('../../../electron/host');
const { applySessionPolicy, confirmAndOpenExternal, hardenWebContents, isAppPage, isAppUrl, isSafeExternalUrl, requestDecision } = security;

const rendererDir = path.resolve('/opt/Dossier/resources/app/out/renderer');
const origin = { rendererDir };
const page = pathToFileURL(path.join(rendererDir, 'index.html')).href;
const asset = pathToFileURL(path.join(rendererDir, 'assets', 'index-abc.js')).href;

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on: (name: string, fn: Listener) => listeners.set(name, fn),
    setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => {
      openHandler = fn;
    },
    emit(name: string, url: string): boolean {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

type Headers = Record<string, string | string[]>;

interface FakeSession {
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null;
  headers: ((details: { responseHeaders?: Headers }, cb: (r: { responseHeaders: Headers }) => void) => void) | null;
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null;
  permissionCheck: (() => boolean) | null;
  events: Map<string, Listener>;
  webRequest: {
    onBeforeRequest(fn: NonNullable<FakeSession['beforeRequest']>): void;
    onHeadersReceived(fn: NonNullable<FakeSession['headers']>): void;
  };
  setPermissionRequestHandler(fn: NonNullable<FakeSession['permissionRequest']>): void;
  setPermissionCheckHandler(fn: NonNullable<FakeSession['permissionCheck']>): void;
  on(name: string, fn: Listener): void;
}

function fakeSession(): FakeSession {
  const s: FakeSession = {
    beforeRequest: null,
    headers: null,
    permissionRequest: null,
    permissionCheck: null,
    events: new Map(),
    webRequest: {
      onBeforeRequest: (fn) => {
        s.beforeRequest = fn;
      },
      onHeadersReceived: (fn) => {
        s.headers = fn;
      },
    },
    setPermissionRequestHandler: (fn) => {
      s.permissionRequest = fn;
    },
    setPermissionCheckHandler: (fn) => {
      s.permissionCheck = fn;
    },
    on: (name, fn) => {
      s.events.set(name, fn);
    },
  };
  return s;
}

describe('content security policy', () => {
  it('is the same as the browser host CSP, with default-src self and no inline script or style', () => {
    expect(security.CONTENT_SECURITY_POLICY).toBe(HOST_CSP);
    expect(security.CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'/);
    expect(security.CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
  });
});

describe('request filter', () => {
  it('allows only the built renderer, devtools and data: URLs', () => {
    expect(requestDecision(page, origin)).toEqual({ cancel: false });
    expect(requestDecision(asset, origin)).toEqual({ cancel: false });
    expect(requestDecision('devtools://devtools/bundled/inspector.html', origin)).toEqual({ cancel: false });
    for (const url of [
      'https://fonts.googleapis.com/css?family=Roboto',
      'https://update.electronjs.org/dossier/linux/0.1.0',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      pathToFileURL(path.join(rendererDir, '..', 'main', 'index.js')).href,
      'ws://localhost:5173/',
      'chrome://gpu',
      'garbage',
    ]) {
      expect(requestDecision(url, origin), url).toEqual({ cancel: true });
    }
  });

  it('allows the dev server on localhost only when one is configured', () => {
    const dev = { rendererDir, devServerUrl: 'http://localhost:5173/' };
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://example.org/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', { rendererDir, devServerUrl: 'http://evil.example:5173/' })).toBe(false);
  });

  it('recognises the app page itself', () => {
    expect(isAppPage(page, origin)).toBe(true);
    expect(isAppPage(asset, origin)).toBe(false);
    expect(isAppPage('https://example.org/', origin)).toBe(false);
  });
});

describe('session policy', () => {
  it('cancels foreign requests, sets the CSP header, denies permissions and downloads', () => {
    const s = fakeSession();
    applySessionPolicy(s, origin);
    const decide = (url: string): boolean => {
      let cancel: boolean | undefined;
      s.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel === true;
    };
    expect(decide('https://telemetry.example/collect')).toBe(true);
    expect(decide(asset)).toBe(false);

    let headers: Headers = {};
    s.headers?.({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([security.CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      s.permissionRequest?.({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(s.permissionCheck?.()).toBe(false);
    const download = { preventDefault: vi.fn() };
    s.events.get('will-download')?.(download, '');
    expect(download.preventDefault).toHaveBeenCalled();
  });
});

describe('web contents', () => {
  it('denies navigation away from the app, redirects, webviews and new windows', () => {
    const c = fakeContents();
    hardenWebContents(c, origin);
    expect(c.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.emit('will-navigate', page)).toBe(false);
    expect(c.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.emit('will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(c.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(c.open(page)).toEqual({ action: 'deny' });
  });
});

describe('external links', () => {
  it('accept only http, https and mailto', () => {
    expect(isSafeExternalUrl('https://www.bbc.co.uk/news')).toBe(true);
    expect(isSafeExternalUrl('http://example.org')).toBe(true);
    expect(isSafeExternalUrl('mailto:desk@example.org')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'vbscript:x', 'ftp://x.org', 'https://user:pw@x.org', '']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('open only after the confirm dialog returns OK', async () => {
    const open = vi.fn(async () => undefined);
    expect(await confirmAndOpenExternal('https://example.org', { confirm: async () => false, open })).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(await confirmAndOpenExternal('https://example.org', { confirm: async () => true, open })).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org');
    const confirm = vi.fn(async () => true);
    expect(await confirmAndOpenExternal('javascript:alert(1)', { confirm, open })).toBe(false);
    expect(await confirmAndOpenExternal(42, { confirm, open })).toBe(false);
    expect(confirm).not.toHaveBeenCalled();
  });
});

describe('renderer/index.html', () => {
  it('carries the same CSP in a meta tag (minus frame-ancestors, which a meta tag cannot set) and loads nothing remote', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(security.CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
