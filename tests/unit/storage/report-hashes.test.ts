/**
 * The duplicate check by content hash, whose index is built on the first lookup rather than on
 * open: whatever happened to the catalog before that lookup (a delete, a re-import, a restore from
 * the trash), an import finds exactly the reports that are there.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../../electron/notebook';
import { writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';

async function setup(): Promise<{ dir: string; src: string; ids: Map<string, string> }> {
  const src = tmpDir();
  writeText(src, 'a.txt', 'Khmeimim air base\n\nRussian aircraft flew from Khmeimim.');
  writeText(src, 'b.txt', 'Tartus naval facility\n\nShips left the port of Tartus.');
  const dir = path.join(tmpDir(), 'nb');
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  const res = await importPaths(nb, [src]);
  await nb.close();
  return { dir, src, ids: new Map(res.imported.map((i) => [path.basename(i.path), i.id])) };
}

describe('the duplicate check after opening', () => {
  it('an import right after opening skips texts already in the notebook', async () => {
    const { dir, src, ids } = await setup();
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      const res = await importPaths(nb, [src]);
      expect(res.imported).toEqual([]);
      expect(res.duplicates.map((d) => d.id).sort()).toEqual([...ids.values()].sort());
    } finally {
      await nb.close();
    }
  });

  it('a report deleted before the first lookup is not a duplicate any more; one restored is', async () => {
    const { dir, src, ids } = await setup();
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      const a = ids.get('a.txt') ?? '';
      const b = ids.get('b.txt') ?? '';
      const gone = await nb.reports.delete(a);
      await nb.reports.delete(b, { keepFiles: true }).then((r) => nb.reports.reinstate(r));
      const res = await importPaths(nb, [src]);
      expect(res.imported.map((i) => path.basename(i.path))).toEqual(['a.txt']);
      expect(res.imported[0]?.id).not.toBe(gone.id);
      expect(res.duplicates).toEqual([{ path: path.join(src, 'b.txt'), id: b }]);
      // And the one just imported is a duplicate of itself from now on.
      const again = await importPaths(nb, [path.join(src, 'a.txt')]);
      expect(again.duplicates.map((d) => d.id)).toEqual([res.imported[0]?.id]);
    } finally {
      await nb.close();
    }
    const reopened = await Notebook.open({ dir, writable: false });
    try {
      expect(reopened.reports.count).toBe(2);
    } finally {
      await reopened.close();
    }
  });
});
