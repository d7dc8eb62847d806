/**
 * The browser finder over a fake filesystem: each platform's usual places are found, the order is
 * the documented one, DOSSIER_CHROMIUM is the only answer when set, and an empty machine says so.
 */
import { describe, expect, it } from 'vitest';
import { findBrowser, installHint, type BrowserSearchDeps } from '../../helpers/browser';

function fakeFs(files: string[], platform: NodeJS.Platform, env: Record<string, string | undefined> = {}, homedir = platform === 'win32' ? 'C:\\Users\\r' : '/home/r'): Partial<BrowserSearchDeps> {
  const norm = (f: string): string => (platform === 'win32' ? f.toLowerCase() : f);
  const set = new Set(files.map(norm));
  const sep = platform === 'win32' ? '\\' : '/';
  return {
    env,
    platform,
    homedir,
    isExecutable: (f) => set.has(norm(f)),
    listDir: (dir) => {
      const prefix = norm(dir.endsWith(sep) ? dir : dir + sep);
      const names = new Set<string>();
      for (const f of files) if (norm(f).startsWith(prefix)) names.add(f.slice(prefix.length).split(sep)[0] ?? '');
      return [...names].filter(Boolean);
    },
  };
}

const found = (r: ReturnType<typeof findBrowser>): string => (r.found ? r.path : `not found: ${r.reason}`);

describe('findBrowser', () => {
  it('finds nothing on an empty machine and says where it looked', () => {
    const r = findBrowser(fakeFs([], 'linux', { PATH: '/usr/local/bin:/bin' }));
    expect(r.found).toBe(false);
    if (r.found) return;
    expect(r.reason).toMatch(/no Chrome or Chromium/);
    expect(r.looked).toContain('/usr/bin/chromium');
    expect(r.looked).toContain('/bin/chromium-browser');
    expect(r.looked.some((l) => l.startsWith('/home/r/.cache/ms-playwright'))).toBe(false); // no cache folder: nothing to list
  });

  it.each([
    ['Debian', '/usr/bin/chromium'],
    ['Ubuntu (deb)', '/usr/bin/chromium-browser'],
    ['Ubuntu (snap)', '/snap/bin/chromium'],
    ['Google Chrome on Linux', '/usr/bin/google-chrome-stable'],
  ])('finds %s at %s with an empty PATH', (_name, file) => {
    expect(found(findBrowser(fakeFs([file], 'linux', { PATH: '' })))).toBe(file);
  });

  it('looks on the PATH first, by each documented name', () => {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']) {
      const r = findBrowser(fakeFs([`/opt/x/${name}`, '/usr/bin/chromium'], 'linux', { PATH: '/usr/local/bin:/opt/x' }));
      expect(found(r)).toBe(`/opt/x/${name}`);
    }
  });

  it('DOSSIER_CHROMIUM wins, and a wrong one is reported rather than replaced by another browser', () => {
    expect(found(findBrowser(fakeFs(['/b/chrome', '/usr/bin/chromium'], 'linux', { DOSSIER_CHROMIUM: '/b/chrome' })))).toBe('/b/chrome');
    const r = findBrowser(fakeFs(['/usr/bin/chromium'], 'linux', { DOSSIER_CHROMIUM: '/nowhere/chrome' }));
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toContain('DOSSIER_CHROMIUM is set to /nowhere/chrome');
  });

  it("finds Playwright's cache on Linux, newest revision first, full Chromium before the headless shell", () => {
    const cache = '/home/r/.cache/ms-playwright';
    const files = [`${cache}/chromium-1100/chrome-linux/chrome`, `${cache}/chromium-1200/chrome-linux64/chrome`, `${cache}/chromium_headless_shell-1300/chrome-headless-shell-linux64/chrome-headless-shell`];
    expect(found(findBrowser(fakeFs(files, 'linux', {})))).toBe(`${cache}/chromium-1200/chrome-linux64/chrome`);
    expect(found(findBrowser(fakeFs(files.slice(2), 'linux', {})))).toBe(files[2]);
  });

  it('honours PLAYWRIGHT_BROWSERS_PATH and XDG_CACHE_HOME', () => {
    expect(found(findBrowser(fakeFs(['/pw/chromium-1/chrome-linux/chrome'], 'linux', { PLAYWRIGHT_BROWSERS_PATH: '/pw' })))).toBe('/pw/chromium-1/chrome-linux/chrome');
    expect(found(findBrowser(fakeFs(['/xdg/ms-playwright/chromium-7/chrome-linux64/chrome'], 'linux', { XDG_CACHE_HOME: '/xdg' })))).toBe('/xdg/ms-playwright/chromium-7/chrome-linux64/chrome');
  });

  it('finds Chrome and Chromium on macOS, and the Playwright cache under ~/Library/Caches', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const chromiumApp = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(found(findBrowser(fakeFs([chromiumApp, chrome], 'darwin', {})))).toBe(chrome);
    expect(found(findBrowser(fakeFs([chromiumApp], 'darwin', {})))).toBe(chromiumApp);
    const pw = '/Users/r/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
    expect(found(findBrowser(fakeFs([pw], 'darwin', {}, '/Users/r')))).toBe(pw);
  });

  it('finds Chrome, then Edge, on Windows, on the PATH with PATHEXT and in Program Files', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\r\\AppData\\Local', PATH: 'C:\\Tools' };
    expect(found(findBrowser(fakeFs([edge, chrome], 'win32', env)))).toBe(chrome);
    expect(found(findBrowser(fakeFs([edge], 'win32', env)))).toBe(edge);
    expect(found(findBrowser(fakeFs(['C:\\Tools\\chrome.EXE'], 'win32', { ...env, PATHEXT: '.COM;.EXE' })))).toBe('C:\\Tools\\chrome.EXE');
    const pw = 'C:\\Users\\r\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win64\\chrome.exe';
    expect(found(findBrowser(fakeFs([pw], 'win32', env)))).toBe(pw);
  });

  it('DOSSIER_CHROMIUM_SEARCH_ROOT moves the fixed locations under another folder (how tests hide the real browser)', () => {
    expect(findBrowser(fakeFs(['/usr/bin/chromium'], 'linux', { DOSSIER_CHROMIUM_SEARCH_ROOT: '/empty' })).found).toBe(false);
    expect(found(findBrowser(fakeFs(['/fake/usr/bin/chromium'], 'linux', { DOSSIER_CHROMIUM_SEARCH_ROOT: '/fake' })))).toBe('/fake/usr/bin/chromium');
  });

  it('the install hint names a way for each platform and the variable', () => {
    expect(installHint('linux')).toMatch(/apt-get install chromium.*DOSSIER_CHROMIUM/);
    expect(installHint('darwin')).toMatch(/Chrome/);
    expect(installHint('win32')).toMatch(/Chrome/);
  });
});
