/**
 * Reading and tagging in the core: report metadata edits, the report trash (mentions and
 * citations kept and restored), dangling references in `check`, reports of an entity, entity
 * rename, spellings accepted or rejected, tag candidates, and where a query matches in a report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(async () => {
  await f.close();
});

const HAMA = 'Hama update\n\nRebels entered Khama on Thursday. The road from Hama to Homs was cut; residents of Hama fled.';

describe('report metadata', () => {
  it('edits title, date, source, author and URL, validates each and keeps them after reopening', async () => {
    const id = await f.addReport('hama', HAMA);
    const r = await f.call('reports.update', { id, title: '  Hama, Dec 5 ', publishedAt: '2024-12-05', source: 'BBC Monitoring', author: ' Jane Doe ', url: 'https://example.org/hama' });
    expect(r).toMatchObject({ title: 'Hama, Dec 5', publishedAt: '2024-12-05', source: 'BBC Monitoring', author: 'Jane Doe', url: 'https://example.org/hama' });
    expect((await f.fail('reports.update', { id, publishedAt: '2024-02-30' })).message).toMatch(/not a real date/);
    expect((await f.fail('reports.update', { id, url: 'javascript:alert(1)' })).message).toMatch(/http/);
    expect((await f.fail('reports.update', { id, title: '   ' })).code).toBe('INVALID_INPUT');
    await f.call('reports.update', { id, author: '', publishedAt: null });
    await f.reopen();
    expect(await f.call('reports.get', { id })).toMatchObject({ title: 'Hama, Dec 5', author: null, publishedAt: null, url: 'https://example.org/hama' });
  });

  it('lists by published date with undated reports last, by import, and within a published range', async () => {
    const a = await f.addReport('a', 'Alpha\n\nno date here');
    const b = await f.addReport('b', 'Bravo\n\nBBC Monitoring, December 3, 2024\n\ntext');
    const c = await f.addReport('c', 'Charlie\n\nReuters, 1 November 2024\n\ntext');
    expect((await f.call('reports.get', { id: a })).publishedAt).toBeNull();
    expect((await f.call('reports.list', { sort: 'published' })).map((r) => r.id)).toEqual([b, c, a]);
    expect((await f.call('reports.list', { sort: 'imported' })).map((r) => r.id)[2]).toBe(a);
    expect((await f.call('reports.list', { from: '2024-12-01' })).map((r) => r.id)).toEqual([b]);
    await f.call('reports.update', { id: a, publishedAt: '2025-01-01' });
    expect((await f.call('reports.list', { sort: 'published' })).map((r) => r.id)).toEqual([a, b, c]);
  });
});

describe('report trash', () => {
  it('moves a report with its mentions to the trash and restores both; citations resolve again', async () => {
    const id = await f.addReport('hama', HAMA);
    const other = await f.addReport('homs', 'Homs\n\nHama was quiet.');
    const hama = await f.call('entities.create', { name: 'Hama', type: 'location' });
    await f.call('entities.scan', {});
    const mentions = (await f.call('reports.mentions', { id })).length;
    expect(mentions).toBe(4); // the title's Hama, Khama, Hama, Hama
    const body = (await f.call('reports.body', { id })).text;
    const q = await f.call('notes.quote', { reportId: id, start: body.indexOf('Rebels'), end: body.indexOf('Thursday') + 8 });

    const del = await f.call('reports.delete', { id });
    expect(del).toMatchObject({ trashed: true, mentions: 4, citingNotes: 1 });
    expect((await f.call('reports.list', {})).map((r) => r.id)).toEqual([other]);
    expect((await f.fail('reports.get', { id })).code).toBe('NOT_FOUND');
    expect((await f.call('entities.get', { id: hama.entity.id })).mentions).toBe(1);
    expect((await f.call('search.query', { q: 'Thursday', kinds: ['report'] })).total).toBe(0);
    expect((await f.call('notes.get', { id: q.note.id })).citations[0]?.reportTitle).toBeNull();
    const check = await f.call('notebook.check', {});
    expect(check.problems.map((p) => p.message).join('\n')).toMatch(/cites report r_\w+ \(Hama update\), which is in the trash/);
    expect((await f.call('reports.trash', {})).map((t) => [t.id, t.mentions])).toEqual([[id, 4]]);

    await f.reopen();
    const back = await f.call('reports.restore', { id });
    expect(back.title).toBe('Hama update');
    expect((await f.call('reports.body', { id })).text).toBe(body);
    expect((await f.call('reports.mentions', { id })).length).toBe(4);
    expect((await f.call('notes.get', { id: q.note.id })).citations[0]?.reportTitle).toBe('Hama update');
    expect((await f.call('search.query', { q: 'Thursday', kinds: ['report'] })).results.map((r) => r.id)).toEqual([id]);
    expect(await f.call('reports.trash', {})).toEqual([]);
    expect((await f.call('notebook.check', {})).problems).toEqual([]);
  });

  it('purges for good: texts reclaimed by gc, the citation left dangling and listed by check', async () => {
    const id = await f.addReport('hama', HAMA);
    const body = (await f.call('reports.body', { id })).text;
    await f.call('notes.quote', { reportId: id, start: 0, end: 4 });
    const bodyRef = (await f.call('reports.get', { id })).bodyRef;
    await f.call('reports.delete', { id });
    expect(await f.nb.blobs.readText(bodyRef)).toBe(body);
    const purged = await f.call('reports.delete', { id, purge: true });
    expect(purged.trashed).toBe(false);
    // A purged report's text stays in its pack until gc reclaims the space.
    const gc = await f.call('notebook.gc', {});
    expect(gc.recordsDropped).toBeGreaterThan(0);
    await expect(f.nb.blobs.readText(bodyRef)).rejects.toThrow();
    expect((await f.fail('reports.restore', { id })).code).toBe('NOT_FOUND');
    const check = await f.call('notebook.check', {});
    expect(check.problems.map((p) => p.message).join('\n')).toMatch(/cites report r_\w+, which no longer exists/);
  });

  it('check lists a plain [[r_…]] link to a purged report, as links resolve it, and not one inside code', async () => {
    const id = await f.addReport('hama', HAMA);
    const linking = await f.call('notes.create', { title: 'Links', body: `See [[ ${id} |the Hama update]].` });
    const inCode = await f.call('notes.create', { title: 'Code', body: `Written as \`[[${id}]]\`, not a link.` });
    await f.call('reports.delete', { id, purge: true });
    const messages = (await f.call('notebook.check', {})).problems.map((p) => p.message);
    expect(messages.filter((m) => m.includes(linking.id))).toEqual([expect.stringMatching(new RegExp(`cites report ${id}, which no longer exists`))]);
    expect(messages.filter((m) => m.includes(inCode.id))).toEqual([]);
  });

  it('check finds mentions left pointing at a missing report and repair removes them', async () => {
    const id = await f.addReport('hama', HAMA);
    const e = await f.call('entities.create', { name: 'Hama', type: 'location' });
    f.nb.entities.setMentions([...f.nb.entities.allMentions(), { entityId: e.entity.id, reportId: 'r_gone00000', start: 0, end: 4, text: 'Hama', origin: 'manual' }]);
    await f.nb.entities.saveMentions();
    const check = await f.call('notebook.check', {});
    expect(check.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^1 mention points to a report or entity that no longer exists/)]);
    const repaired = await f.call('notebook.check', { repair: true });
    expect(repaired.problems[0]?.repaired).toBe(true);
    expect((await f.call('notebook.check', {})).problems).toEqual([]);
    expect(id).toMatch(/^r_/);
  });
});

describe('entities while reading', () => {
  it('lists the reports that mention an entity', async () => {
    const a = await f.addReport('hama', HAMA);
    await f.addReport('kyiv', 'Kyiv\n\nNothing about Syria.');
    const e = await f.call('entities.create', { name: 'Hama', type: 'location' });
    await f.call('entities.scan', { id: e.entity.id });
    expect((await f.call('reports.list', { entityId: e.entity.id })).map((r) => r.id)).toEqual([a]);
  });

  it('renames an entity, optionally keeping the old name as an alias, and deletes it with its mentions', async () => {
    await f.addReport('hama', HAMA);
    const e = await f.call('entities.create', { name: 'Hamah', type: 'location' });
    const r1 = await f.call('entities.rename', { id: e.entity.id, name: 'Hama', keepOldName: true });
    expect([r1.entity.name, r1.entity.aliases]).toEqual(['Hama', ['Hamah']]);
    const r2 = await f.call('entities.rename', { id: e.entity.id, name: 'Hamah' });
    expect([r2.entity.name, r2.entity.aliases]).toEqual(['Hamah', []]);
    await f.call('entities.rename', { id: e.entity.id, name: 'Hama' });
    await f.call('entities.scan', {});
    const del = await f.call('entities.delete', { id: e.entity.id });
    expect(del.mentions).toBe(4);
    expect(f.nb.entities.allMentions()).toEqual([]);
  });

  it('lists spellings a scan found; an accepted one becomes an alias, a rejected one is removed and skipped by later scans', async () => {
    const id = await f.addReport('hama', HAMA);
    await f.addReport('hamah', 'Hamah\n\nHamah and Hama are one city; Khama too.');
    const e = await f.call('entities.create', { name: 'Hama', type: 'location' });
    await f.call('entities.scan', { id: e.entity.id });
    // Hamah is Hama with the -ah ending (ta marbuta), Khama with kh for the same letter
    expect(await f.call('entities.spellings', { id: e.entity.id })).toEqual([
      { text: 'Hamah', mentions: 2, reports: 1 },
      { text: 'Khama', mentions: 2, reports: 2 },
    ]);
    const rej = await f.call('entities.rejectSpelling', { id: e.entity.id, text: 'khama' });
    expect(rej.removedMentions).toBe(2);
    await f.call('entities.scan', { id: e.entity.id });
    expect((await f.call('reports.mentions', { id })).map((m) => m.text)).toEqual(['Hama', 'Hama', 'Hama']);
    expect(await f.call('entities.spellings', { id: e.entity.id })).toEqual([{ text: 'Hamah', mentions: 2, reports: 1 }]);
    await f.call('entities.addAlias', { id: e.entity.id, alias: 'Hamah' });
    expect((await f.call('entities.get', { id: e.entity.id })).aliases).toEqual(['Hamah']);
    expect(await f.call('entities.spellings', { id: e.entity.id })).toEqual([]);
    expect((await f.fail('entities.rejectSpelling', { id: e.entity.id, text: 'Hama' })).message).toMatch(/is a name or alias/);
  });

  it('scans only the reports it is given, so the reader can scan in steps with progress', async () => {
    const a = await f.addReport('hama', HAMA);
    const b = await f.addReport('homs', 'Homs\n\nHama was quiet.');
    const e = await f.call('entities.create', { name: 'Hama', type: 'location' });
    const first = await f.call('entities.scan', { id: e.entity.id, reportIds: [a] });
    expect([first.reports, first.entities[0]?.mentions]).toEqual([1, 4]);
    expect((await f.call('reports.mentions', { id: b })).length).toBe(0);
    await f.call('entities.scan', { id: e.entity.id, reportIds: [b] });
    expect((await f.call('reports.mentions', { id: a })).length).toBe(4);
    expect((await f.call('reports.mentions', { id: b })).length).toBe(1);
  });

  it('proposes the existing entity a selection is a variant of, and guesses a new name’s type', async () => {
    const id = await f.addReport('hama', HAMA + '\n\nGeneral Sergei Kuzovlev commanded the group.');
    const body = (await f.call('reports.body', { id })).text;
    const hama = await f.call('entities.create', { name: 'Hama', type: 'location' });
    const at = body.indexOf('Khama');
    const c = await f.call('entities.candidates', { reportId: id, start: at, end: at + 5 });
    expect(c.entities.map((x) => [x.entity.id, x.reason])).toEqual([[hama.entity.id, 'variant']]);
    expect([c.type, c.typeFrom]).toEqual(['location', 'existing']);
    const k = body.indexOf('Sergei Kuzovlev');
    const p = await f.call('entities.candidates', { reportId: id, start: k, end: k + 'Sergei Kuzovlev'.length });
    expect(p.entities).toEqual([]);
    expect([p.type, p.typeFrom]).toEqual(['person', 'suggester']);
  });
});

describe('where a query matches in a report', () => {
  it('gives whole-word offsets for exact, variant, typo and prefix matches', async () => {
    const id = await f.addReport('hama', HAMA + '\n\nAircraft at Khmeimim and Hmeimim.');
    const body = (await f.call('reports.body', { id })).text;
    const words = async (q: string): Promise<string[]> => (await f.call('search.locate', { q, id })).map((m) => body.slice(m.start, m.end));
    expect(await words('Hama')).toEqual(['Hama', 'Khama', 'Hama', 'Hama']); // the title's, the variant Khama, two more
    expect(await words('Khama')).toContain('Khama');
    expect((await words('Khama')).every((w) => /^K?hama$/i.test(w))).toBe(true);
    expect(await words('Hmeimim')).toEqual(['Khmeimim', 'Hmeimim']);
    expect(await words('Khmeimin')).toEqual(['Khmeimim', 'Hmeimim']); // a typo
    expect(await words('resid')).toEqual(['residents']); // a prefix
    const hit = (await f.call('search.query', { q: 'Hmeimim' })).results[0];
    expect(hit?.at && body.slice(hit.at.start, hit.at.end)).toBe('Khmeimim');
  });
});
