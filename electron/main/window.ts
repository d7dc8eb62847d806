/**
 * The main window. Its webPreferences are written out here as a literal (not built by a helper)
 * so that reviewers and Electronegativity see the whole policy in one place.
 */
import { BrowserWindow } from 'electron';
import type { WindowState } from './state';

export interface MainWindowOptions {
  state: WindowState;
  preload: string;
  backgroundColor: string;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const { state } = opts;
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Dossier',
    backgroundColor: opts.backgroundColor,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  return win;
}
