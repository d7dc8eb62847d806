/** The main window's web preferences, with `electron` mocked. */
import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => [] as Array<Record<string, unknown>>);

vi.mock('electron', () => ({
  BrowserWindow: class {
    maximized = false;
    constructor(opts: Record<string, unknown>) {
      created.push(opts);
    }
    maximize(): void {
      this.maximized = true;
    }
  },
}));

const { createMainWindow } = await import('../../../electron/main/window');

describe('main window', () => {
  it('isolates the page from Node and Electron and restores the saved size and position', () => {
    const win = createMainWindow({ state: { x: 10, y: 20, width: 1300, height: 850, maximized: true }, preload: '/app/out/preload/index.cjs', backgroundColor: '#fff' });
    const opts = created[0] as { x: number; width: number; webPreferences: Record<string, unknown> };
    expect(opts).toMatchObject({ x: 10, y: 20, width: 1300, height: 850, show: false });
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(opts.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect((win as unknown as { maximized: boolean }).maximized).toBe(true);
  });
});
