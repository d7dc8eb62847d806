import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callMethod, createHandlers, importPaths, Notebook } from '../../../electron/notebook';
import { writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';

describe('reports.page', () => {
  it('pages through the same order as reports.list, with the total, and filters by tag', async () => {
    const src = tmpDir();
    for (let i = 0; i < 45; i++) writeText(src, `r${String(i).padStart(2, '0')}.txt`, `Report ${i}\n\nConvoy ${i} passed Khmeimim.`);
    const nb = await Notebook.open({ dir: path.join(tmpDir(), 'nb'), writable: true, app: 'test' });
    try {
      await importPaths(nb, [src]);
      const first = nb.reports.all().slice(0, 7);
      for (const r of first) await nb.reports.tag(r.id, ['seen']);
      const h = createHandlers(nb);
      const all = nb.reports.list().map((r) => r.id);
      const pages: string[] = [];
      for (let offset = 0; offset < all.length; offset += 10) {
        const out = await callMethod(h, 'reports.page', { offset, limit: 10 });
        if (!out.ok) throw new Error(out.error.message);
        expect(out.result.total).toBe(45);
        pages.push(...out.result.items.map((r) => r.id));
      }
      expect(pages).toEqual(all);
      const tagged = await callMethod(h, 'reports.page', { tag: 'SEEN', limit: 3 });
      expect(tagged.ok && tagged.result.total).toBe(7);
      expect(tagged.ok && tagged.result.items.map((r) => r.id)).toEqual(nb.reports.list({ tag: 'seen' }).slice(0, 3).map((r) => r.id));
      const bad = await callMethod(h, 'reports.page', { limit: 5000 });
      expect(bad.ok).toBe(false);
    } finally {
      await nb.close();
    }
  });
});
