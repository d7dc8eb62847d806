import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFixture, type Fixture } from './helpers';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/notes/syria-december-2024.txt');

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(async () => {
  await f.close();
});

describe('entities', () => {
  it('creates, lists, adds aliases and persists', async () => {
    const { entity } = await f.call('entities.create', { name: 'Main Directorate of Intelligence', type: 'organization', aliases: ['GUR', 'gur'] });
    expect(entity.aliases).toEqual(['GUR']);
    const { entity: e2, warnings } = await f.call('entities.addAlias', { id: entity.id, alias: 'HUR' });
    expect(e2.aliases).toEqual(['GUR', 'HUR']);
    expect(warnings).toEqual([]);
    await f.reopen();
    const list = await f.call('entities.list', {});
    expect(list.map((e) => [e.name, e.type, e.aliases, e.mentions])).toEqual([['Main Directorate of Intelligence', 'organization', ['GUR', 'HUR'], 0]]);
    expect((await f.call('notebook.stats', {})).entities).toBe(1);
    expect((await f.fail('entities.create', { name: 'X', type: 'planet' as 'other' })).code).toBe('INVALID_INPUT');
  });

  it('warns about an alias shared by two entities, and scan leaves it untagged as ambiguous', async () => {
    const r = await f.addReport('hama', 'Hama update\n\nThe governor of Hama spoke. Assad was absent.');
    const city = await f.call('entities.create', { name: 'Hama', type: 'location' });
    const gov = await f.call('entities.create', { name: 'Hama Governorate', type: 'location' });
    const { warnings } = await f.call('entities.addAlias', { id: gov.entity.id, alias: 'hama' });
    expect(warnings[0]).toMatch(/also a name or alias of Hama/);
    const scan = await f.call('entities.scan', {});
    expect(scan.entities.map((e) => e.mentions)).toEqual([0, 0]);
    expect(scan.ambiguous).toEqual([{ text: 'Hama', entityIds: [city.entity.id, gov.entity.id].sort(), count: 2 }]);
    expect(scan.warnings[0]).toMatch(/2 occurrence/);
    // a link by the shared alias resolves to the older entity and is reported ambiguous
    const n = await f.call('notes.create', { title: 'N', body: '[[HAMA]]' });
    const links = await f.call('notes.links', { id: n.id });
    expect(links.outgoing.map((o) => o.id)).toEqual([city.entity.id]);
    expect(links.ambiguous).toHaveLength(1);
    expect(r).toMatch(/^r_/);
  });
});

describe('scan', () => {
  it('finds names, aliases, multi-word names and spelling variants as whole words', async () => {
    const r1 = await f.addReport('a', 'Report A\n\nOleksandr Zhuravlev arrived. Later General Zhuravlyov left Khmeimim.');
    const r2 = await f.addReport('b', 'Report B\n\nThe Hmeimim base, near Khama. Zhuravlevsky is someone else. ОЛЕКСАНДР irrelevant.');
    const r3 = await f.addReport('c', 'Report C\n\nNothing relevant here: hammam, hamas.');
    const z = await f.call('entities.create', { name: 'Oleksandr Zhuravlyov', type: 'person', aliases: ['Zhuravlev'] });
    const k = await f.call('entities.create', { name: 'Khmeimim', type: 'location' });
    const h = await f.call('entities.create', { name: 'Hama', type: 'location' });
    const scan = await f.call('entities.scan', {});
    expect(scan.reports).toBe(3);
    const byId = new Map(scan.entities.map((e) => [e.id, e]));
    expect(byId.get(z.entity.id)?.mentions).toBe(2);
    expect(byId.get(k.entity.id)?.mentions).toBe(2);
    expect(byId.get(h.entity.id)?.mentions).toBe(1);
    const zm = await f.call('entities.mentions', { id: z.entity.id });
    expect(zm.map((m) => [m.reportId, m.text])).toEqual([
      [r1, 'Oleksandr Zhuravlev'],
      [r1, 'Zhuravlyov'],
    ]);
    expect(zm[1]?.before).toMatch(/Later General $/);
    expect(zm[1]?.after).toMatch(/^ left Khmeimim/);
    expect((await f.call('entities.mentions', { id: h.entity.id })).map((m) => [m.reportId, m.text])).toEqual([[r2, 'Khama']]);
    expect(r3).toMatch(/^r_/);
    // per entity: reports, co-occurring entities
    const detail = await f.call('entities.get', { id: k.entity.id });
    expect(detail.reports.map((x) => x.id).sort()).toEqual([r1, r2].sort());
    expect(detail.cooccurring.map((c) => [c.name, c.reports])).toEqual([
      ['Hama', 1],
      ['Oleksandr Zhuravlyov', 1],
    ]);
  });

  it('replaces earlier scan mentions but keeps manual ones; one entity can be scanned alone', async () => {
    const r = await f.addReport('a', 'Report A\n\nThe GUR said so. The Main Directorate agreed.');
    const gur = await f.call('entities.create', { name: 'GUR', type: 'organization' });
    const body = (await f.call('reports.body', { id: r })).text;
    const start = body.indexOf('Main Directorate');
    const manual = await f.call('entities.tagSelection', { entityId: gur.entity.id, reportId: r, start, end: start + 'Main Directorate'.length });
    expect(manual.text).toBe('Main Directorate');
    expect(manual.origin).toBe('manual');
    await f.call('entities.scan', { id: gur.entity.id });
    await f.call('entities.scan', {});
    const ms = await f.call('entities.mentions', { id: gur.entity.id });
    expect(ms.map((m) => [m.text, m.origin])).toEqual([
      ['GUR', 'scan'],
      ['Main Directorate', 'manual'],
    ]);
    await f.call('entities.update', { id: gur.entity.id, name: 'Main Directorate' });
    await f.call('entities.scan', {});
    expect((await f.call('entities.mentions', { id: gur.entity.id })).map((m) => m.text)).toEqual(['Main Directorate']);
    expect((await f.fail('entities.tagSelection', { entityId: gur.entity.id, reportId: r, start: 3, end: 99999 })).code).toBe('INVALID_INPUT');
    const inReport = await f.call('reports.mentions', { id: r });
    expect(inReport.map((m) => m.text)).toContain('Main Directorate');
    expect(inReport.every((m) => m.reportId === r)).toBe(true);
    expect([...inReport].sort((a, b) => a.start - b.start)).toEqual(inReport);
  });

  it('deleting a report drops its mentions', async () => {
    const r = await f.addReport('a', 'Report A\n\nGUR.');
    const gur = await f.call('entities.create', { name: 'GUR', type: 'organization' });
    await f.call('entities.scan', {});
    await f.call('reports.delete', { id: r });
    await f.reopen();
    expect((await f.call('entities.list', {}))[0]?.mentions).toBe(0);
    expect(gur.entity.id).toMatch(/^e_/);
  });
});

describe('suggest and accept', () => {
  it('suggests people, places, organisations (GUR) and the date from a news report, with offsets', async () => {
    const r = await f.addReport('syria', await fs.readFile(FIXTURE, 'utf8'));
    const body = (await f.call('reports.body', { id: r })).text;
    const s = await f.call('entities.suggest', { reportId: r });
    for (const c of s) expect(body.slice(c.start, c.end)).toBe(c.text);
    const has = (type: string, text: string): boolean => s.some((c) => c.type === type && c.text === text);
    expect(has('person', 'Oleksandr Zhuravlev')).toBe(true);
    expect(has('person', 'Bashar al-Assad')).toBe(true);
    expect(has('organization', 'GUR')).toBe(true);
    expect(has('location', 'Damascus')).toBe(true);
    expect(has('date', 'December 1, 2024')).toBe(true);
    expect(has('location', 'Hama')).toBe(true);
    expect(s.find((c) => c.text === 'GUR')?.count).toBe(2);

    // accept: creates the entity with a suggested-accepted mention; it is then no longer suggested
    const gur = s.find((c) => c.text === 'GUR');
    if (!gur) throw new Error('no GUR');
    const acc = await f.call('entities.accept', { reportId: r, start: gur.start, end: gur.end, type: 'organization' });
    expect(acc.created).toBe(true);
    expect(acc.mention.origin).toBe('suggested-accepted');
    expect((await f.call('entities.suggest', { reportId: r })).some((c) => c.text === 'GUR')).toBe(false);

    // a suggestion matching an existing entity not yet mentioned here carries its id, and accept attaches to it
    const dam = await f.call('entities.create', { name: 'Damascus', type: 'location' });
    const again = await f.call('entities.suggest', { reportId: r });
    const d = again.find((c) => c.text === 'Damascus');
    expect(d?.existingEntityId).toBe(dam.entity.id);
    const acc2 = await f.call('entities.accept', { reportId: r, start: d?.start ?? 0, end: d?.end ?? 0, type: 'location' });
    expect(acc2.created).toBe(false);
    expect(acc2.entity.id).toBe(dam.entity.id);
    // scanning keeps accepted mentions
    await f.call('entities.scan', {});
    expect((await f.call('entities.mentions', { id: acc.entity.id })).some((m) => m.origin === 'suggested-accepted')).toBe(true);
  });
});

describe('merge', () => {
  it('moves aliases, mentions and links to the kept entity; [[Drop name]] still resolves', async () => {
    const r = await f.addReport('a', 'Report A\n\nZhuravlev met Zhuravlyov.');
    const keep = await f.call('entities.create', { name: 'Oleksandr Zhuravlyov', type: 'person', tags: ['ru'] });
    const drop = await f.call('entities.create', { name: 'General Zhuravlev', type: 'person', aliases: ['Zhuravlev'], tags: ['military'] });
    await f.call('entities.scan', {});
    const n = await f.call('notes.create', { title: 'N', body: `[[General Zhuravlev]] and [[${drop.entity.id}|him]]` });
    const m = await f.call('entities.merge', { keepId: keep.entity.id, dropId: drop.entity.id });
    expect(m.entity.aliases).toEqual(['General Zhuravlev', 'Zhuravlev']);
    expect(m.entity.tags).toEqual(['ru', 'military']);
    expect(m.movedMentions).toBe(2); // the alias "Zhuravlev" also matched the variant "Zhuravlyov"
    expect(m.rewrittenNotes).toBe(1);
    expect((await f.call('entities.list', {})).map((e) => e.id)).toEqual([keep.entity.id]);
    const note = await f.call('notes.get', { id: n.id });
    expect(note.body).toBe(`[[General Zhuravlev]] and [[${keep.entity.id}|him]]`);
    expect(note.links.outgoing.map((o) => o.id)).toEqual([keep.entity.id]);
    expect(note.links.unresolved).toEqual([]);
    expect((await f.call('entities.get', { id: keep.entity.id })).linkedFrom.map((l) => l.id)).toEqual([n.id]);
    await f.call('entities.scan', {});
    expect((await f.call('entities.mentions', { id: keep.entity.id })).map((x) => [x.reportId, x.text])).toEqual([
      [r, 'Zhuravlev'],
      [r, 'Zhuravlyov'],
    ]);
  });
});

describe('search over notes and entities', () => {
  it('finds notes by body, entities by alias variants, and reports by the entities they mention', async () => {
    const r = await f.addReport('a', 'Report A\n\nGeneral Zhuravlyov inspected the base.');
    await f.addReport('b', 'Report B\n\nNothing about him here.');
    const first = await f.call('search.query', { q: 'inspected' });
    expect(first.results.map((x) => x.id)).toEqual([r]);
    const e = await f.call('entities.create', { name: 'Oleksandr Zhuravlyov', type: 'person', aliases: ['Zhuravlev'] });
    const n = await f.call('notes.create', { title: 'Field notes', body: 'The quartermaster mentioned the convoy.' });
    await f.call('entities.scan', {});
    const notes = await f.call('search.query', { q: 'quartermaster', kinds: ['note'] });
    expect(notes.results.map((x) => x.id)).toEqual([n.id]);
    const ents = await f.call('search.query', { q: 'Zhuravlev', kinds: ['entity'] });
    expect(ents.results.map((x) => x.id)).toEqual([e.entity.id]);
    const byEntity = await f.call('search.query', { q: '', entityId: e.entity.id, kinds: ['report'] });
    expect(byEntity.results.map((x) => x.id)).toEqual([r]);
    // after reopening (search cache), the same holds
    await f.reopen();
    expect((await f.call('search.query', { q: '', entityId: e.entity.id, kinds: ['report'] })).results.map((x) => x.id)).toEqual([r]);
  });
});
