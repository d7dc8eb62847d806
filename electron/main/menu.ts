/** The application menu as a template (pure: tests inspect it without Electron). */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openNotebook(): void;
  openRecent(dir: string): void;
  importFiles(): void;
  exportNotes(): void;
  toggleTheme(): void;
  about(): void;
  quit(): void;
}

export interface MenuOptions {
  isDev: boolean;
  isMac: boolean;
  recent: readonly string[];
  canExport: boolean;
}

export function buildMenuTemplate(actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    opts.recent.length > 0
      ? opts.recent.map((dir) => ({ label: `${path.basename(dir)} — ${dir}`, click: () => actions.openRecent(dir) }))
      : [{ label: 'No recent notebooks', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Notebook Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openNotebook() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', enabled: opts.canExport, click: () => actions.exportNotes() },
      { type: 'separator' },
      { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(opts.isDev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { label: 'Toggle Theme', accelerator: 'CmdOrCtrl+Shift+L', click: () => actions.toggleTheme() },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { label: 'Help', submenu: [{ label: 'About Dossier', click: () => actions.about() }] };
  const appMenu: MenuItemConstructorOptions[] = opts.isMac
    ? [{ label: 'Dossier', submenu: [{ label: 'About Dossier', click: () => actions.about() }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { label: 'Quit Dossier', accelerator: 'Cmd+Q', click: () => actions.quit() }] }]
    : [];
  return [...appMenu, file, edit, view, help];
}
