/** Window state, recent notebooks and the application menu. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { DEFAULT_WINDOW_STATE, loadRecent, loadWindowState, MAX_RECENT, saveRecent, saveWindowState, withRecent } = await import('../../../electron/main/state');
const { buildMenuTemplate } = await import('../../../electron/main/menu');

const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('remembers size and position, and falls back to defaults on a damaged file', async () => {
    const file = path.join(dir, 'window-state.json');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    await saveWindowState(file, { x: 40, y: 60, width: 1400, height: 900, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 40, y: 60, width: 1400, height: 900, maximized: true });
    writeFileSync(file, '{"width": 10');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: 5, height: 5 }));
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('recent notebooks', () => {
  it('keeps the latest first, without duplicates, at most MAX_RECENT', async () => {
    const file = path.join(dir, 'recent.json');
    let list = loadRecent(file);
    expect(list).toEqual([]);
    for (let i = 0; i < MAX_RECENT + 3; i++) list = withRecent(list, `/data/nb${i}`);
    list = withRecent(list, '/data/nb5');
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe(path.resolve('/data/nb5'));
    expect(new Set(list).size).toBe(list.length);
    await saveRecent(file, list);
    expect(loadRecent(file)).toEqual(list);
  });
});

describe('application menu', () => {
  const actions = {
    openNotebook: vi.fn(),
    openRecent: vi.fn(),
    importFiles: vi.fn(),
    exportNotes: vi.fn(),
    toggleTheme: vi.fn(),
    about: vi.fn(),
    quit: vi.fn(),
  };
  type Item = { label?: string; role?: string; submenu?: unknown; click?: () => void; enabled?: boolean };
  const sub = (items: Item[], label: string): Item[] => (items.find((i) => i.label === label)?.submenu ?? []) as Item[];

  it('has File, Edit, View and Help with the expected commands', () => {
    const menu = buildMenuTemplate(actions, { isDev: false, isMac: false, recent: ['/data/syria'], canExport: true }) as Item[];
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = sub(menu, 'File');
    expect(file.map((i) => i.label).filter(Boolean)).toEqual(['Open Notebook Folder…', 'Open Recent', 'Import…', 'Export…', 'Quit']);
    file.find((i) => i.label === 'Import…')?.click?.();
    expect(actions.importFiles).toHaveBeenCalled();
    sub(file, 'Open Recent')[0]?.click?.();
    expect(actions.openRecent).toHaveBeenCalledWith('/data/syria');
    expect(sub(menu, 'Help').map((i) => i.label)).toEqual(['About Dossier']);
  });

  it('offers reload and devtools only in development', () => {
    const prod = sub(buildMenuTemplate(actions, { isDev: false, isMac: false, recent: [], canExport: false }) as Item[], 'View');
    expect(prod.some((i) => i.role === 'reload' || i.role === 'toggleDevTools')).toBe(false);
    expect(prod.some((i) => i.label === 'Toggle Theme')).toBe(true);
    expect(prod.some((i) => i.role === 'zoomIn')).toBe(true);
    const dev = sub(buildMenuTemplate(actions, { isDev: true, isMac: false, recent: [], canExport: false }) as Item[], 'View');
    expect(dev.some((i) => i.role === 'reload')).toBe(true);
  });
});
