import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Notebook } from '../../../electron/notebook';
import { tmpDir } from '../../helpers/tmp';
import { writeText } from '../../helpers/files';

async function notebookWithReports(): Promise<{ dir: string; ids: string[] }> {
  const dir = tmpDir();
  const src = tmpDir();
  writeText(src, 'a.txt', 'Khmeimim air base\n\nRussian aircraft flew from Khmeimim on December 1, 2024.');
  writeText(src, 'b.txt', 'Tartus naval facility\n\nShips left the port of Tartus.');
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  const { importPaths } = await import('../../../electron/notebook');
  const res = await importPaths(nb, [src]);
  await nb.close();
  return { dir, ids: res.imported.map((i) => i.id) };
}

describe('damaged notebook files', () => {
  it('sets a garbage catalog aside, restores the last good backup and says so', async () => {
    const { dir, ids } = await notebookWithReports();
    writeFileSync(path.join(dir, 'catalog.json'), '{"schemaVersion":1,"reports":[{"id":');
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.reports.all().map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(nb.recoveries).toHaveLength(1);
    expect(nb.recoveries[0]).toMatchObject({ file: 'catalog.json', recovered: true });
    expect(nb.recoveries[0]?.problem).toMatch(/not valid JSON/);
    const aside = readdirSync(dir).filter((n) => n.startsWith('catalog.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toContain('"reports":[{"id":');
    await nb.close();
  });

  it('recovers a file that parses but fails validation', async () => {
    const { dir } = await notebookWithReports();
    writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({ schemaVersion: 1, reports: [{ id: 'nonsense' }] }));
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.reports.count).toBe(2);
    expect(nb.recoveries[0]?.problem).toMatch(/failed validation/);
    await nb.close();
  });

  it('restores a deleted catalog from its backup', async () => {
    const { dir } = await notebookWithReports();
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'catalog.json'));
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.reports.count).toBe(2);
    expect(nb.recoveries[0]?.problem).toMatch(/missing/);
    await nb.close();
  });

  it('when no backup is good it starts empty but keeps the damaged file and reports the loss', async () => {
    const { dir } = await notebookWithReports();
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'backups'), { recursive: true });
    writeFileSync(path.join(dir, 'catalog.json'), 'not json at all');
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.reports.count).toBe(0);
    expect(nb.recoveries[0]).toMatchObject({ recovered: false });
    expect(nb.recoveries[0]?.action).toMatch(/kept the damaged file/);
    await nb.close();
  });

  it('a read-only open uses the backup in memory and moves nothing', async () => {
    const { dir } = await notebookWithReports();
    writeFileSync(path.join(dir, 'catalog.json'), '');
    const nb = await Notebook.open({ dir, writable: false });
    expect(nb.reports.count).toBe(2);
    expect(nb.recoveries[0]?.action).toMatch(/check --repair/);
    expect(readFileSync(path.join(dir, 'catalog.json'), 'utf8')).toBe('');
    await nb.close();
  });

  it('refuses a notebook written by a newer Dossier without touching it', async () => {
    const { dir } = await notebookWithReports();
    const newer = JSON.stringify({ schemaVersion: 99, reports: [], somethingNew: true });
    writeFileSync(path.join(dir, 'catalog.json'), newer);
    await expect(Notebook.open({ dir, writable: true, app: 'test' })).rejects.toMatchObject({ code: 'NEWER_VERSION' });
    expect(readFileSync(path.join(dir, 'catalog.json'), 'utf8')).toBe(newer);
    expect(existsSync(path.join(dir, 'dossier.lock'))).toBe(false);
  });

  it('a notebook opened for writing cannot be opened for writing again until closed', async () => {
    const { dir } = await notebookWithReports();
    const a = await Notebook.open({ dir, writable: true, app: 'desktop' });
    await expect(Notebook.open({ dir, writable: true, app: 'cli' })).rejects.toMatchObject({ code: 'LOCKED' });
    const reader = await Notebook.open({ dir, writable: false });
    expect(reader.reports.count).toBe(2);
    await a.close();
    const b = await Notebook.open({ dir, writable: true, app: 'cli' });
    await b.close();
  });
});
