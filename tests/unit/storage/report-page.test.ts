/**
 * reports.page: the report list a page at a time, in each of the list's orders, with the list's
 * filters (tag, published range, entity, words of the title or a tag) and the total the filter
 * keeps; pages stay consistent with reports.list after imports, edits and deletions.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callMethod, createHandlers, importPaths, Notebook } from '../../../electron/notebook';
import { writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';
import { openFixture, type Fixture } from '../notes/helpers';

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
      for (const sort of ['imported', 'title', 'published', 'published-asc'] as const) {
        const all = nb.reports.list({ sort }).map((r) => r.id);
        expect(new Set(all).size).toBe(45);
        const pages: string[] = [];
        for (let offset = 0; offset < all.length; offset += 10) {
          const out = await callMethod(h, 'reports.page', { offset, limit: 10, sort });
          if (!out.ok) throw new Error(out.error.message);
          expect(out.result.total).toBe(45);
          expect(out.result.offset).toBe(offset);
          pages.push(...out.result.items.map((r) => r.id));
        }
        expect(pages).toEqual(all);
      }
      // Only given ids, in the order asked: a few (looked up) or many (filtered from the order) answer alike.
      for (const n of [3, 23]) {
        const some = nb.reports.all().filter((_, i) => i % 2 === 0).slice(0, n).map((r) => r.id);
        const want = nb.reports.list({ sort: 'title' }).filter((r) => some.includes(r.id)).map((r) => r.id);
        const got = await callMethod(h, 'reports.page', { ids: [...some].reverse(), sort: 'title', limit: 1000 });
        expect(got.ok && got.result.items.map((r) => r.id)).toEqual(want);
        expect(got.ok && got.result.total).toBe(n);
        const seen = await callMethod(h, 'reports.page', { ids: some, tag: 'seen', sort: 'title' });
        expect(seen.ok && seen.result.items.map((r) => r.id)).toEqual(want.filter((id) => first.some((r) => r.id === id)));
      }
      const tagged = await callMethod(h, 'reports.page', { tag: 'SEEN', limit: 3 });
      expect(tagged.ok && tagged.result.total).toBe(7);
      expect(tagged.ok && tagged.result.items.map((r) => r.id)).toEqual(nb.reports.list({ tag: 'seen' }).slice(0, 3).map((r) => r.id));
    } finally {
      await nb.close();
    }
  });
});

describe('reports.page orders, filters and bounds', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openFixture();
  });
  afterEach(async () => {
    await f.close();
  });
  const ids = async (input: Parameters<Fixture['call']>[1]) => (await f.call('reports.page', input as never)).items.map((r) => r.id);

  it('orders by published date both ways with undated reports last, by title A-Z and by newest import', async () => {
    const old = await f.addReport('old', 'Zulu convoy\n\nReuters, 1 November 2023\n\ntext');
    const none = await f.addReport('none', 'alpha convoy\n\nno date here');
    const mid = await f.addReport('mid', 'Mike convoy\n\nReuters, 3 December 2024\n\ntext');
    const late = await f.addReport('late', 'Bravo convoy\n\nReuters, 5 January 2025\n\ntext');
    expect(await ids({ sort: 'published' })).toEqual([late, mid, old, none]);
    expect(await ids({ sort: 'published-asc' })).toEqual([old, mid, late, none]);
    expect(await ids({ sort: 'title' })).toEqual([none, late, mid, old]);
    expect(await ids({ sort: 'imported' })).toEqual([late, mid, none, old]);
    expect(await ids({ sort: 'published-asc', from: '2024-01-01', to: '2024-12-31' })).toEqual([mid]);
  });

  it('filters by words of the title or a tag, case and accents aside, and counts what it keeps', async () => {
    const hama = await f.addReport('hama', 'Hama update\n\nRebels entered the city.');
    const zurich = await f.addReport('zurich', 'Zürich talks\n\nDelegates met.');
    const homs = await f.addReport('homs', 'Homs road\n\nThe road was cut.');
    await f.call('tags.add', { id: homs, tags: ['Hama-front'] });
    expect(await f.call('reports.page', { text: 'HAMA' })).toMatchObject({ total: 2 });
    expect(new Set(await ids({ text: 'hama' }))).toEqual(new Set([hama, homs]));
    expect(await ids({ text: 'zurich' })).toEqual([zurich]);
    expect(await ids({ text: 'road hama' })).toEqual([homs]);
    expect(await ids({ text: 'road zurich' })).toEqual([]);
    expect(await ids({ text: '   ' })).toHaveLength(3);
    expect(await ids({ text: 'hama', tag: 'hama-front' })).toEqual([homs]);
    // Typing on narrows what matched; typing back widens it again.
    const typed: number[] = [];
    for (const text of ['h', 'ho', 'hom', 'homs', 'homs r', 'homs ro', 'hom', 'h', '']) typed.push((await f.call('reports.page', { text })).total);
    expect(typed).toEqual([3, 1, 1, 1, 1, 1, 1, 3, 3]);
  });

  it('answers past the end with no items and the total, and refuses bad bounds with a clear error', async () => {
    for (let i = 0; i < 5; i++) await f.addReport(`r${i}`, `Report ${i}\n\nBody ${i}.`);
    expect(await f.call('reports.page', { offset: 3, limit: 10 })).toMatchObject({ total: 5, offset: 3 });
    expect(await ids({ offset: 3, limit: 10 })).toHaveLength(2);
    expect(await f.call('reports.page', { offset: 50, limit: 10 })).toEqual({ total: 5, offset: 50, items: [] });
    expect((await f.fail('reports.page', { limit: 5000 })).message).toMatch(/limit/);
    expect((await f.fail('reports.page', { offset: -1 })).message).toMatch(/offset/);
    expect((await f.fail('reports.page', { limit: 0 })).code).toBe('INVALID_INPUT');
    expect((await f.fail('reports.page', { sort: 'random' as never })).message).toMatch(/sort/);
  });

  it('pages stay in step with the notebook after an import, a rename, a tag and a deletion', async () => {
    const a = await f.addReport('a', 'Bravo\n\nfirst');
    const b = await f.addReport('b', 'Delta\n\nsecond');
    expect(await ids({ sort: 'title' })).toEqual([a, b]);
    expect(await ids({ sort: 'title', text: 'delta' })).toEqual([b]);
    const c = await f.addReport('c', 'Alpha\n\nthird');
    expect(await ids({ sort: 'title' })).toEqual([c, a, b]);
    await f.call('reports.update', { id: b, title: 'Aardvark' });
    expect(await ids({ sort: 'title' })).toEqual([b, c, a]);
    expect(await ids({ sort: 'title', text: 'delta' })).toEqual([]);
    await f.call('tags.add', { id: a, tags: ['delta'] });
    expect(await ids({ sort: 'title', text: 'delta' })).toEqual([a]);
    await f.call('reports.delete', { id: c });
    expect(await f.call('reports.page', { sort: 'title' })).toMatchObject({ total: 2 });
    expect(await ids({ sort: 'title' })).toEqual([b, a]);
    await f.call('reports.restore', { id: c });
    expect(await ids({ sort: 'title' })).toEqual([b, c, a]);
    expect(await ids({ sort: 'title' })).toEqual((await f.call('reports.list', { sort: 'title' })).map((r) => r.id));
  });

  it('keeps only the reports that mention an entity', async () => {
    const hama = await f.addReport('hama', 'Hama update\n\nRebels entered Hama.');
    const homs = await f.addReport('homs', 'Homs road\n\nThe road was cut.');
    const e = await f.call('entities.create', { name: 'Hama', type: 'location' });
    await f.call('entities.scan', {});
    expect(await f.call('reports.page', { entityId: e.entity.id })).toMatchObject({ total: 1, items: [{ id: hama }] });
    expect(await f.call('reports.page', { entityId: e.entity.id, ids: [homs] })).toMatchObject({ total: 0, items: [] });
  });
});
