/**
 * Finds a Chromium-family browser for the end-to-end tests and the UI benches (playwright-core
 * drives it through `executablePath`; nothing is ever downloaded). The one place that knows where
 * browsers live; everything that launches one asks `findBrowser()`.
 *
 * Order: `DOSSIER_CHROMIUM` (when set it is the only answer: a wrong path is reported, not worked
 * around), then the PATH (chromium, chromium-browser, google-chrome, google-chrome-stable, chrome,
 * and msedge on Windows), then the usual install locations of Linux, macOS and Windows, then
 * Playwright's browser cache (`PLAYWRIGHT_BROWSERS_PATH`, or ~/.cache/ms-playwright,
 * ~/Library/Caches/ms-playwright, %LOCALAPPDATA%\ms-playwright), newest revision first.
 *
 * `DOSSIER_CHROMIUM_SEARCH_ROOT` (tests only) stands in for the filesystem root of the fixed
 * install locations, so a test can hide the machine's own browser.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BrowserSearchDeps {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
  /** True when `file` is a regular file this process may execute. */
  isExecutable(file: string): boolean;
  /** Names in a folder; [] when it does not exist. */
  listDir(dir: string): string[];
}

export type BrowserSearch = { found: true; path: string; via: string } | { found: false; reason: string; looked: string[] };

export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** What to tell a person who has no browser: one line, for the platform at hand. */
export function installHint(platform: NodeJS.Platform): string {
  const how =
    platform === 'darwin'
      ? 'install Google Chrome or Chromium (e.g. `brew install --cask chromium`)'
      : platform === 'win32'
        ? 'install Google Chrome (Microsoft Edge also works)'
        : 'install Chromium (`sudo apt-get install chromium` on Debian, `sudo snap install chromium` on Ubuntu)';
  return `${how}, or set DOSSIER_CHROMIUM to a Chrome or Chromium executable`;
}

function realDeps(): BrowserSearchDeps {
  return {
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
    isExecutable(file) {
      try {
        if (!statSync(file).isFile()) return false;
        if (process.platform !== 'win32') accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    listDir(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
  };
}

/** Fixed install locations per platform, before the search root is applied. */
function fixedLocations(platform: NodeJS.Platform, env: BrowserSearchDeps['env'], home: string, p: path.PlatformPath): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    return [...apps.map((a) => p.join('/Applications', a)), ...apps.map((a) => p.join(home, 'Applications', a))];
  }
  if (platform === 'win32') {
    const roots = [env['ProgramFiles'] ?? 'C:\\Program Files', env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', env['LOCALAPPDATA'] ?? p.join(home, 'AppData', 'Local')];
    const rel = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return rel.flatMap((r) => roots.map((root) => p.join(root, r)));
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge'];
}

/** Executables inside one Playwright revision folder (chromium-NNNN or chromium_headless_shell-NNNN). */
function playwrightExecutables(platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') {
    const cft = 'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
    return [
      `chrome-mac-arm64/${cft}`,
      `chrome-mac-x64/${cft}`,
      'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
      'chrome-headless-shell-mac-arm64/chrome-headless-shell',
      'chrome-headless-shell-mac-x64/chrome-headless-shell',
      'chrome-mac/headless_shell',
    ];
  }
  if (platform === 'win32') {
    return ['chrome-win64\\chrome.exe', 'chrome-win\\chrome.exe', 'chrome-headless-shell-win64\\chrome-headless-shell.exe', 'chrome-win\\headless_shell.exe'];
  }
  return [
    'chrome-linux64/chrome',
    'chrome-linux-arm64/chrome',
    'chrome-linux/chrome',
    'chrome-headless-shell-linux64/chrome-headless-shell',
    'chrome-headless-shell-linux-arm64/chrome-headless-shell',
    'chrome-linux/headless_shell',
  ];
}

function playwrightCacheDirs(d: BrowserSearchDeps, p: path.PlatformPath): string[] {
  const set = d.env['PLAYWRIGHT_BROWSERS_PATH'];
  if (set && set !== '0') return [set];
  if (d.platform === 'darwin') return [p.join(d.homedir, 'Library', 'Caches', 'ms-playwright')];
  if (d.platform === 'win32') return [p.join(d.env['LOCALAPPDATA'] ?? p.join(d.homedir, 'AppData', 'Local'), 'ms-playwright')];
  return [p.join(d.env['XDG_CACHE_HOME'] || p.join(d.homedir, '.cache'), 'ms-playwright')];
}

function revisionOf(name: string): number {
  const m = /-(\d+)$/.exec(name);
  return m ? Number(m[1]) : -1;
}

export function findBrowser(deps: Partial<BrowserSearchDeps> = {}): BrowserSearch {
  const d: BrowserSearchDeps = { ...realDeps(), ...deps };
  const p = d.platform === 'win32' ? path.win32 : path.posix;
  const looked: string[] = [];
  const hit = (file: string): boolean => {
    looked.push(file);
    return d.isExecutable(file);
  };

  const explicit = d.env['DOSSIER_CHROMIUM'];
  if (explicit !== undefined && explicit !== '') {
    if (hit(explicit)) return { found: true, path: explicit, via: 'DOSSIER_CHROMIUM' };
    return { found: false, reason: `DOSSIER_CHROMIUM is set to ${explicit}, which is not an executable file`, looked };
  }

  const names = d.platform === 'win32' ? [...PATH_NAMES, 'msedge'] : PATH_NAMES;
  const exts = d.platform === 'win32' ? (d.env['PATHEXT'] ?? '.EXE').split(';').filter(Boolean) : [''];
  const pathDirs = (d.env['PATH'] ?? d.env['Path'] ?? '').split(d.platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const name of names) {
    for (const dir of pathDirs) {
      for (const ext of exts) {
        const file = p.join(dir, name + ext);
        if (hit(file)) return { found: true, path: file, via: `PATH (${name})` };
      }
    }
  }

  const root = d.env['DOSSIER_CHROMIUM_SEARCH_ROOT'];
  for (const loc of fixedLocations(d.platform, d.env, d.homedir, p)) {
    const file = root ? p.join(root, loc.replace(/^[A-Za-z]:/, '')) : loc;
    if (hit(file)) return { found: true, path: file, via: 'install location' };
  }

  for (const cache of playwrightCacheDirs(d, p)) {
    const revisions = d.listDir(cache)
      .filter((n) => /^chromium(_headless_shell)?-\d+$/.test(n))
      // Full Chromium before the headless shell, newest revision first.
      .sort((a, b) => Number(a.includes('headless')) - Number(b.includes('headless')) || revisionOf(b) - revisionOf(a));
    for (const rev of revisions) {
      for (const rel of playwrightExecutables(d.platform)) {
        const file = p.join(cache, rev, rel);
        if (hit(file)) return { found: true, path: file, via: `Playwright cache (${rev})` };
      }
    }
  }

  return { found: false, reason: 'no Chrome or Chromium found on the PATH, in the usual install locations or in Playwright\'s cache', looked };
}

/** The browser to launch, or an Error that says how to get one. */
export function browserPathOrThrow(deps?: Partial<BrowserSearchDeps>): string {
  const r = findBrowser(deps);
  if (r.found) return r.path;
  throw new Error(`${r.reason}; ${installHint(deps?.platform ?? process.platform)}`);
}
