/**
 * Sealed catalog parts: a part this build wrote ends with the CRC-32 of its bytes and is read
 * without being validated again; a part whose seal does not hold (damage that still parses, a hand
 * edit, an older build's part without a seal) is validated as before and recovered when that fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../../electron/notebook';
import { sealHolds } from '../../../electron/notebook/storage/jsonfile';
import { writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';

async function notebookWith(n: number): Promise<{ dir: string; ids: string[] }> {
  const src = tmpDir();
  for (let i = 0; i < n; i++) writeText(src, `r${i}.txt`, `Convoy report ${i}\n\nTrucks moved near Khmeimim at dawn, report ${i}.`);
  const dir = path.join(tmpDir(), 'nb');
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  const res = await importPaths(nb, [src]);
  await nb.close();
  return { dir, ids: res.imported.map((r) => r.id).sort() };
}

const part = (dir: string): string => path.join(dir, 'catalog.json');

describe('sealed catalog parts', () => {
  it('writes each part with a seal that holds, and reads it back whole', async () => {
    const { dir, ids } = await notebookWith(3);
    const bytes = readFileSync(part(dir));
    expect(sealHolds(bytes)).toBe(true);
    expect(bytes.toString('utf8')).toMatch(/,"seal":"[0-9a-f]{8}"\}$/);
    const nb = await Notebook.open({ dir, writable: false });
    try {
      expect(nb.recoveries).toEqual([]);
      expect(nb.reports.all().map((r) => r.id).sort()).toEqual(ids);
      // The seal is of the file, not of a record.
      expect(nb.reports.all().every((r) => !('seal' in r))).toBe(true);
    } finally {
      await nb.close();
    }
  });

  it('validates a part whose seal no longer holds, and recovers it when it is invalid', async () => {
    const { dir, ids } = await notebookWith(3);
    const text = readFileSync(part(dir), 'utf8');
    // Still JSON with the old seal, but a content hash is no longer one: only validation sees it.
    const damaged = text.replace(/"contentHash":"[0-9a-f]{64}"/, '"contentHash":"not-a-hash"');
    expect(damaged).not.toBe(text);
    writeFileSync(part(dir), damaged);
    expect(sealHolds(readFileSync(part(dir)))).toBe(false);
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      expect(nb.recoveries).toHaveLength(1);
      expect(nb.recoveries[0]).toMatchObject({ file: 'catalog.json', recovered: true });
      expect(nb.recoveries[0]?.problem).toMatch(/failed validation/);
      expect(nb.reports.all().map((r) => r.id).sort()).toEqual(ids);
    } finally {
      await nb.close();
    }
  });

  it('reads a valid part without a seal (an older build wrote it), and a writable open seals it keeping its stamp', async () => {
    const { dir, ids } = await notebookWith(3);
    const text = readFileSync(part(dir), 'utf8').replace(/,"seal":"[0-9a-f]{8}"\}$/, '}');
    writeFileSync(part(dir), text);
    expect(sealHolds(readFileSync(part(dir)))).toBe(false);
    const reader = await Notebook.open({ dir, writable: false });
    try {
      expect(reader.recoveries).toEqual([]);
      expect(reader.reports.all().map((r) => r.id).sort()).toEqual(ids);
    } finally {
      await reader.close();
    }
    expect(readFileSync(part(dir), 'utf8')).toBe(text); // a reader changes nothing
    const stamp = (): string => /"rev":"([^"]*)"/.exec(readFileSync(part(dir), 'utf8'))?.[1] ?? '';
    const before = stamp();
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      expect(nb.recoveries).toEqual([]);
      expect(nb.reports.all().map((r) => r.id).sort()).toEqual(ids);
    } finally {
      await nb.close();
    }
    expect(sealHolds(readFileSync(part(dir)))).toBe(true);
    // The same stamp: the search cache, keyed by the stamps, stays current.
    expect(stamp()).toBe(before);
    const again = await Notebook.open({ dir, writable: false });
    try {
      expect(again.reports.all().map((r) => r.id).sort()).toEqual(ids);
    } finally {
      await again.close();
    }
  });
});
