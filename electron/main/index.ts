/**
 * The Electron main process: single instance, one window (size and position remembered), the
 * menu, the notebook (opened as the writer with app 'desktop'), IPC and the security policy.
 * Quitting waits for `notebook.close()`, which flushes pending writes and releases the lock.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, Menu, nativeTheme, session, shell } from 'electron';
import { IMPORT_EXTENSIONS, type DossierHandlers } from '../api';
import { callMethod, coreTransport, createHandlers, Notebook, resolveNotebookDir } from '../notebook';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { type AppOrigin, applySessionPolicy, hardenWebContents } from './security';
import { loadRecent, loadWindowState, saveRecent, saveWindowState, withRecent, type WindowState } from './state';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
const origin: AppOrigin = { rendererDir: path.join(here, '..', 'renderer'), devServerUrl };
const preloadPath = path.join(here, '..', 'preload', 'index.cjs');

let win: BrowserWindow | null = null;
let notebook: Notebook | null = null;
let handlers: DossierHandlers | null = null;
let quitting = false;
let closedCleanly = false;

const userFile = (name: string): string => path.join(app.getPath('userData'), name);

function defaultNotebook(): string {
  if (process.env.DOSSIER_HOME) return resolveNotebookDir(undefined);
  const recent = loadRecent(userFile('recent.json')).find((d) => existsSync(d));
  return recent ?? path.join(app.getPath('appData'), 'dossier', 'notebook');
}

async function showError(title: string, message: string): Promise<void> {
  const opts = { type: 'error' as const, title, message: title, detail: message, buttons: ['OK'] };
  await (win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts));
}

/** Opens `dir` as the writer; on success the previous notebook is closed and the window reloads. */
async function openNotebook(dir: string): Promise<boolean> {
  const target = path.resolve(dir);
  if (notebook && notebook.dir === target) return true;
  let next: Notebook;
  try {
    next = await Notebook.open({ dir: target, writable: true, app: 'desktop' });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const title = e.code === 'LOCKED' ? 'This notebook is open elsewhere' : 'Dossier could not open the notebook';
    await showError(title, e.message ?? String(err));
    return false;
  }
  const previous = notebook;
  notebook = next;
  handlers = createHandlers(next);
  await previous?.close();
  const recent = withRecent(loadRecent(userFile('recent.json')), target);
  await saveRecent(userFile('recent.json'), recent).catch(() => undefined);
  if (next.recoveries.length > 0) {
    await showError('Some notebook files were recovered', next.recoveries.map((r) => `${r.file}: ${r.problem}; ${r.action}`).join('\n'));
  }
  buildMenu();
  win?.webContents.reload();
  return true;
}

async function chooseNotebook(): Promise<void> {
  const opts = { title: 'Open Notebook Folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
  const r = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  const dir = r.filePaths[0];
  if (!r.canceled && dir) await openNotebook(dir);
}

async function importFiles(): Promise<void> {
  if (!handlers) return;
  const opts = {
    title: 'Import Reports',
    properties: ['openFile', 'openDirectory', 'multiSelections'] as Array<'openFile' | 'openDirectory' | 'multiSelections'>,
    filters: [{ name: 'Reports', extensions: IMPORT_EXTENSIONS.map((e) => e.slice(1)) }],
  };
  const r = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  if (r.canceled || r.filePaths.length === 0) return;
  const outcome = await callMethod(handlers, 'reports.import', { paths: r.filePaths });
  if (!outcome.ok) return showError('Import failed', outcome.error.message);
  const { imported, duplicates, failed } = outcome.result;
  const detail = [
    `${imported.length} imported, ${duplicates.length} already in the notebook, ${failed.length} failed.`,
    ...failed.slice(0, 20).map((f) => `${path.basename(f.path)}: ${f.error.message}`),
  ].join('\n');
  const box = { type: failed.length ? ('warning' as const) : ('info' as const), title: 'Import', message: 'Import finished', detail, buttons: ['OK'] };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
  win?.webContents.reload();
}

async function exportNotes(): Promise<void> {
  if (!handlers) return;
  const opts = { title: 'Export Notebook to Folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
  const r = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  const outDir = r.filePaths[0];
  if (r.canceled || !outDir) return;
  const outcome = await callMethod(handlers, 'export.all', { outDir });
  if (!outcome.ok) return showError('Export failed', outcome.error.message);
  const box = { type: 'info' as const, title: 'Export', message: 'Export finished', detail: `${outcome.result.files.length} files written to ${outcome.result.dir}`, buttons: ['OK'] };
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
    detail: `An offline research notebook.\nNotebook: ${notebook?.dir ?? 'none'}\nElectron ${process.versions.electron ?? ''}, Chromium ${process.versions.chrome ?? ''}, Node ${process.versions.node}`,
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
    backend: () => (handlers ? coreTransport(handlers) : null),
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
    void (notebook?.close() ?? Promise.resolve())
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
