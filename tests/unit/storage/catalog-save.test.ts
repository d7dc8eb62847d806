/**
 * An import that grows the catalog past one part keeps every report: a report added while its part
 * is being written is saved by the next save, not dropped (the part was marked clean after the
 * write, losing what came in during it: 50 to 110 of 2,500 reports on reopening).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../../electron/notebook';
import { CATALOG_PART_SIZE } from '../../../electron/notebook/storage/catalog';
import { writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';

describe('catalog saves during an import', () => {
  it('keeps every report of an import past one catalog part after reopening', async () => {
    const n = CATALOG_PART_SIZE + 600;
    const src = tmpDir();
    for (let i = 0; i < n; i++) writeText(src, `r${String(i).padStart(5, '0')}.txt`, `Convoy report ${i}\n\nTrucks moved at dawn, report ${i}.`);
    const dir = path.join(tmpDir(), 'nb');
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    const res = await importPaths(nb, [src]);
    expect(res.imported).toHaveLength(n);
    const ids = nb.reports.all().map((r) => r.id).sort();
    await nb.close();
    const again = await Notebook.open({ dir, writable: false });
    try {
      expect(again.reports.all().map((r) => r.id).sort()).toEqual(ids);
    } finally {
      await again.close();
    }
  }, 60_000);
});
