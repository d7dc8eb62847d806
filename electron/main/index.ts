/**
 * The Electron main process: single instance, one window (size and position remembered), the
 * menu, IPC and the security policy. The notebook itself (opened as the writer with app
 * 'desktop') runs in its own utility process (core-host.ts): main forwards the renderer's calls
 * and never searches, imports or reads report files itself, so it stays responsive.
 * Quitting waits for the core to close the notebook, which flushes pending writes and releases the lock.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, Menu, nativeTheme, session, shell } from 'electron';
import { createClient, type DossierApi, IMPORT_EXTENSIONS } from '../api';
import { type CoreHost, startCore } from './core-host';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { type AppOrigin, applySessionPolicy, hardenWebContents } from './security';
import { loadRecent, loadWindowState, saveRecent, saveWindowState, withRecent, type WindowState } from './state';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
const origin: AppOrigin = { rendererDir: path.join(here, '..', 'renderer'), devServerUrl };
const preloadPath = path.join(here, '..', 'preload', 'index.cjs');
/** The core's process entry, built beside this file (electron.vite.config.ts, input `core`). */
const coreEntry = path.join(here, 'core.js');

let win: BrowserWindow | null = null;
let core: CoreHost | null = null;
/** The open notebook's API, as the menu's dialogs call it (through the core's process like the renderer). */
let api: DossierApi | null = null;
let quitting = false;
let closedCleanly = false;

const userFile = (name: string): string => path.join(app.getPath('userData'), name);

/** The notebook to open at start; null: the core's default (`DOSSIER_HOME`, see notebook/paths.ts). */
function defaultNotebook(): string | null {
  if (process.env.DOSSIER_HOME) return null;
  const recent = loadRecent(userFile('recent.json')).find((d) => existsSync(d));
  return recent ?? path.join(app.getPath('appData'), 'dossier', 'notebook');
}

async function showError(title: string, message: string): Promise<void> {
  const opts = { type: 'error' as const, title, message: title, detail: message, buttons: ['OK'] };
  await (win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts));
}

/** Opens `dir` as the writer; on success the previous notebook is closed and the window reloads. */
async function openNotebook(dir: string | null): Promise<boolean> {
  const target = dir === null ? null : path.resolve(dir);
  if (core && target !== null && core.dir === target) return true;
  let next: CoreHost;
  try {
    next = await startCore({ entry: coreEntry, dir: target ?? undefined, app: 'desktop', onCrash: (info) => void onCoreCrash(next, info) });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const title = e.code === 'LOCKED' ? 'This notebook is open elsewhere' : 'Dossier could not open the notebook';
    await showError(title, e.message ?? String(err));
    return false;
  }
  const previous = core;
  core = next;
  api = createClient(next.transport);
  await previous?.close();
  const recent = withRecent(loadRecent(userFile('recent.json')), next.dir);
  await saveRecent(userFile('recent.json'), recent).catch(() => undefined);
  if (next.recoveries.length > 0) {
    await showError('Some notebook files were recovered', next.recoveries.map((r) => `${r.file}: ${r.problem}; ${r.action}`).join('\n'));
  }
  buildMenu();
  win?.webContents.reload();
  return true;
}

/**
 * The core's process stopped without being asked to (a crash). The host has already failed the calls
 * that were waiting and, unless it keeps crashing, started a new process on the same notebook.
 */
async function onCoreCrash(which: CoreHost, info: { code: number; restarting: boolean }): Promise<void> {
  if (core !== which || quitting) return;
  if (info.restarting) {
    console.error(`dossier: the notebook process stopped (exit code ${info.code}); starting it again`);
    return;
  }
  core = null;
  api = null;
  buildMenu();
  await showError('The notebook stopped unexpectedly', `Its process stopped several times (last exit code ${info.code}). Anything saved before is kept; open the notebook again from the File menu.`);
}

async function chooseNotebook(): Promise<void> {
  const opts = { title: 'Open Notebook Folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
  const r = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  const dir = r.filePaths[0];
  if (!r.canceled && dir) await openNotebook(dir);
}

/** A call from the menu's dialogs: the result, or null after showing the error. */
async function attempt<T>(title: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    await showError(title, err instanceof Error ? err.message : String(err));
    return null;
  }
}

async function importFiles(): Promise<void> {
  const calls = api;
  if (!calls) return;
  const opts = {
    title: 'Import Reports',
    properties: ['openFile', 'openDirectory', 'multiSelections'] as Array<'openFile' | 'openDirectory' | 'multiSelections'>,
    filters: [{ name: 'Reports', extensions: IMPORT_EXTENSIONS.map((e) => e.slice(1)) }],
  };
  const r = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  if (r.canceled || r.filePaths.length === 0) return;
  const result = await attempt('Import failed', () => calls['reports.import']({ paths: r.filePaths }));
  if (!result) return;
  const { imported, duplicates, failed } = result;
  const detail = [
    `${imported.length} imported, ${duplicates.length} already in the notebook, ${failed.length} failed.`,
    ...failed.slice(0, 20).map((f) => `${path.basename(f.path)}: ${f.error.message}`),
  ].join('\n');
  const box = { type: failed.length ? ('warning' as const) : ('info' as const), title: 'Import', message: 'Import finished', detail, buttons: ['OK'] };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
  win?.webContents.reload();
}

async function exportNotes(): Promise<void> {
  const calls = api;
  if (!calls) return;
  const opts = { title: 'Export Notebook to Folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
  const r = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  const outDir = r.filePaths[0];
  if (r.canceled || !outDir) return;
  const result = await attempt('Export failed', () => calls['export.all']({ outDir }));
  if (!result) return;
  const box = { type: 'info' as const, title: 'Export', message: 'Export finished', detail: `${result.files.length} files written to ${result.dir}`, buttons: ['OK'] };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

function toggleTheme(): void {
  nativeTheme.themeSource = nativeTheme.shouldUseDarkColors ? 'light' : 'dark';
}

async function about(): Promise<void> {
  const box = {
    type: 'info' as const,
    title: 'About Dossier',
    message: `Dossier ${app.getVersion()}`,
    detail: `An offline research notebook.\nNotebook: ${core?.dir ?? 'none'}\nElectron ${process.versions.electron ?? ''}, Chromium ${process.versions.chrome ?? ''}, Node ${process.versions.node}`,
    buttons: ['OK'],
  };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

function buildMenu(): void {
  const template = buildMenuTemplate(
    {
      openNotebook: () => void chooseNotebook(),
      openRecent: (dir) => void openNotebook(dir),
      importFiles: () => void importFiles(),
      exportNotes: () => void exportNotes(),
      toggleTheme,
      about: () => void about(),
      quit: () => app.quit(),
    },
    { isDev: !!devServerUrl, isMac: process.platform === 'darwin', recent: loadRecent(userFile('recent.json')), canExport: true },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): BrowserWindow {
  const stateFile = userFile('window-state.json');
  const state = loadWindowState(stateFile);
  const w = createMainWindow({ state, preload: preloadPath, backgroundColor: nativeTheme.shouldUseDarkColors ? '#18191b' : '#fbfbf9' });
  w.once('ready-to-show', () => w.show());
  const remember = (): void => {
    if (w.isDestroyed()) return;
    const b = w.getNormalBounds();
    const next: WindowState = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: w.isMaximized() };
    void saveWindowState(stateFile, next).catch(() => undefined);
  };
  w.on('close', remember);
  w.on('closed', () => {
    if (win === w) win = null;
  });
  if (devServerUrl) void w.loadURL(devServerUrl);
  else void w.loadFile(path.join(origin.rendererDir, 'index.html'));
  return w;
}

async function start(): Promise<void> {
  applySessionPolicy(session.defaultSession, origin);
  registerIpc({
    origin,
    backend: () => core?.transport ?? null,
    external: {
      confirm: async (url) => {
        const box = {
          type: 'question' as const,
          title: 'Open link',
          message: 'Open this link in your browser?',
          detail: url,
          buttons: ['Open', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
        };
        const r = await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
        return r.response === 0;
      },
      // Reviewed: only reached through confirmAndOpenExternal (http/https/mailto + the user's OK).
      open: (url) => shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */,
    },
  });
  buildMenu();
  win = createWindow();
  await openNotebook(defaultNotebook());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (closedCleanly) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void (core?.close() ?? Promise.resolve())
      .catch(() => undefined)
      .finally(() => {
        closedCleanly = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch(async (err: unknown) => {
      await showError('Dossier could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
