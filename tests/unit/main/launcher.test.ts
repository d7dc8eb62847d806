/** `npm start`: finding the Electron binary without ever triggering its download. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installedElectronBinary, NO_ELECTRON_MESSAGE } from '../../../electron/cli/commands/serve';

const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
});

describe('desktop launcher', () => {
  it('finds an installed Electron binary and reports a missing one as null', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-electron-'));
    try {
      process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
      expect(installedElectronBinary()).toBeNull();
      const bin = path.join(dir, process.platform === 'win32' ? 'electron.exe' : 'electron');
      writeFileSync(bin, '');
      expect(installedElectronBinary()).toBe(bin);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains the fallback in one plain sentence with the commands to fetch the binary', () => {
    expect(NO_ELECTRON_MESSAGE).toMatch(/^The Electron desktop binary is not installed/);
    expect(NO_ELECTRON_MESSAGE).toContain('npx electron@45.5.0 --version');
    expect(NO_ELECTRON_MESSAGE).toContain('npm rebuild electron');
    expect(NO_ELECTRON_MESSAGE).toMatch(/Starting the browser mode instead\.$/);
  });
});
