import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(async () => {
  await f.close();
});

const ids = (refs: Array<{ id: string }>): string[] => refs.map((r) => r.id);

describe('notes', () => {
  it('creates, lists, edits, deletes to the trash and restores a note', async () => {
    const n = await f.call('notes.create', { title: 'Hama timeline', body: 'First draft', tags: ['syria'] });
    expect(n.id).toMatch(/^n_[0-9a-z]+$/);
    expect((await f.call('notes.list', {})).map((x) => x.title)).toEqual(['Hama timeline']);
    const edited = await f.call('notes.update', { id: n.id, body: 'Second draft' });
    expect(edited.body).toBe('Second draft');
    expect(edited.updatedAt > n.updatedAt).toBe(true);
    await f.call('notes.delete', { id: n.id });
    expect(await f.call('notes.list', {})).toEqual([]);
    expect((await f.fail('notes.get', { id: n.id })).message).toMatch(/trash/);
    const back = await f.call('notes.restore', { id: n.id });
    expect(back.body).toBe('Second draft');
    await f.reopen();
    expect((await f.call('notes.get', { id: n.id })).tags).toEqual(['syria']);
    expect((await f.call('notebook.stats', {})).notes).toBe(1);
  });

  it('saving a note never rewrites catalog.json', async () => {
    await f.addReport('r', 'Some report\n\nText.');
    const catalog = path.join(f.nb.dir, 'catalog.json');
    const before = (await fs.stat(catalog)).mtimeMs;
    const n = await f.call('notes.create', { title: 'A', body: 'x' });
    for (let i = 0; i < 5; i++) await f.call('notes.update', { id: n.id, body: `edit ${i}` });
    expect((await fs.stat(catalog)).mtimeMs).toBe(before);
    expect(JSON.parse(await fs.readFile(path.join(f.nb.dir, 'notes.json'), 'utf8')).notes[0].body).toBe('edit 4');
  });

  it('refuses an empty title', async () => {
    expect((await f.fail('notes.create', { title: '   ' })).code).toBe('INVALID_INPUT');
  });

  it('keeps a 5 MB note intact', async () => {
    const body = `${'Zhuravlev was seen near Hama. '.repeat(175_000)}[[Big link]]`;
    expect(body.length).toBeGreaterThan(5_000_000);
    const n = await f.call('notes.create', { title: 'Big', body });
    await f.reopen();
    const back = await f.call('notes.get', { id: n.id });
    expect(back.body).toBe(body);
    expect(back.links.unresolved).toEqual([{ text: 'Big link', label: null }]);
  });
});

describe('links', () => {
  it('resolves titles, names and aliases case- and diacritic-insensitively, and ids', async () => {
    const r = await f.addReport('r', 'Russian forces near Hama\n\nBody text.');
    const e = await f.call('entities.create', { name: 'Oleksandr Zhuravlyov', type: 'person', aliases: ['Zhuravlev'] });
    const target = await f.call('notes.create', { title: 'Café Réunion notes' });
    const n = await f.call('notes.create', {
      title: 'Linker',
      body: `[[cafe reunion NOTES]] [[ZHURAVLEV]] [[oleksandr   zhuravlyov|the general]] [[${r}]] [[russian forces NEAR hama]] [[Nobody at all]]`,
    });
    const links = await f.call('notes.links', { id: n.id });
    expect(ids(links.outgoing)).toEqual([target.id, e.entity.id, r]);
    expect(links.unresolved).toEqual([{ text: 'Nobody at all', label: null }]);
    expect(ids((await f.call('notes.links', { id: e.entity.id })).backlinks)).toEqual([n.id]);
    expect(ids((await f.call('notes.links', { id: r })).backlinks)).toEqual([n.id]);
  });

  it('folds titles by the letters search folds: a caron is a digraph, й stays a letter of its own', async () => {
    const airfield = await f.call('notes.create', { title: 'Čeljabinsk airfield' });
    const city = await f.call('notes.create', { title: 'Йошкар-Ола' });
    const n = await f.call('notes.create', { title: 'Linker', body: '[[Cheljabinsk AIRFIELD]] [[йошкар-ола]] [[Иошкар-Ола]]' });
    const links = await f.call('notes.links', { id: n.id });
    expect(ids(links.outgoing)).toEqual([airfield.id, city.id]);
    expect(links.unresolved).toEqual([{ text: 'Иошкар-Ола', label: null }]);
  });

  it('an unresolved link starts resolving once its target exists', async () => {
    const n = await f.call('notes.create', { title: 'A', body: 'see [[Later note]]' });
    expect((await f.call('notes.links', { id: n.id })).unresolved).toHaveLength(1);
    const later = await f.call('notes.create', { title: 'later NOTE' });
    const links = await f.call('notes.links', { id: n.id });
    expect(links.unresolved).toEqual([]);
    expect(ids(links.outgoing)).toEqual([later.id]);
  });

  it('renaming a note rewrites [[Old title]] links in other notes, keeping labels', async () => {
    const t = await f.call('notes.create', { title: 'Old title' });
    const a = await f.call('notes.create', { title: 'A', body: 'x [[old title]] y [[Old Title|my label]] `[[Old title]]`' });
    await f.call('notes.update', { id: t.id, title: 'New title' });
    const after = await f.call('notes.get', { id: a.id });
    expect(after.body).toBe('x [[New title]] y [[New title|my label]] `[[Old title]]`');
    expect(ids(after.links.outgoing)).toEqual([t.id]);
    expect(ids((await f.call('notes.links', { id: t.id })).backlinks)).toEqual([a.id]);
    await f.reopen();
    expect(ids((await f.call('notes.links', { id: t.id })).backlinks)).toEqual([a.id]);
  });

  it('renaming an entity or a report keeps links to it working', async () => {
    const r = await f.addReport('r', 'Khmeimim base report\n\nBody.');
    const e = await f.call('entities.create', { name: 'Khmeimim', type: 'location' });
    const a = await f.call('notes.create', { title: 'A', body: '[[khmeimim]] and [[Khmeimim base report|the report]]' });
    await f.call('entities.update', { id: e.entity.id, name: 'Khmeimim Air Base' });
    await f.call('reports.update', { id: r, title: 'Hmeimim base (updated)' });
    await f.nb.close().catch(() => undefined);
    await f.reopen();
    const after = await f.call('notes.get', { id: a.id });
    expect(after.body).toBe('[[Khmeimim Air Base]] and [[Hmeimim base (updated)|the report]]');
    expect(ids(after.links.outgoing)).toEqual([e.entity.id, r]);
  });

  it('a report renamed first thing after opening still rewrites the links to its old title', async () => {
    const r = await f.addReport('r', 'Tartus port report\n\nBody.');
    const other = await f.addReport('o', 'Hama front report\n\nBody.');
    const a = await f.call('notes.create', { title: 'A', body: 'See [[tartus port report]] and [[Hama front report]].' });
    await f.reopen();
    // Nothing has looked a title up since the open: the rename is the first thing that needs them.
    await f.call('reports.update', { id: r, title: 'Tartus naval facility' });
    await f.call('reports.update', { id: other, tags: ['front'] });
    await f.nb.close().catch(() => undefined);
    await f.reopen();
    const after = await f.call('notes.get', { id: a.id });
    expect(after.body).toBe('See [[Tartus naval facility]] and [[Hama front report]].');
    expect(ids(after.links.outgoing)).toEqual([r, other]);
    expect(ids((await f.call('notes.links', { id: r })).backlinks)).toEqual([a.id]);
  });

  it('deleting a note turns links to it unresolved, and restoring brings them back', async () => {
    const t = await f.call('notes.create', { title: 'Target' });
    const a = await f.call('notes.create', { title: 'A', body: `[[Target]] [[${t.id}]]` });
    const b = await f.call('notes.create', { title: 'B', body: '[[A]]' });
    await f.call('notes.delete', { id: t.id });
    expect((await f.call('notes.links', { id: a.id })).unresolved.map((u) => u.text)).toEqual(['Target', t.id]);
    // the deleted note's own links are gone from its targets' backlinks
    await f.call('notes.delete', { id: a.id });
    expect((await f.call('notes.links', { id: b.id })).unresolved.map((u) => u.text)).toEqual(['A']);
    await f.call('notes.restore', { id: t.id });
    await f.call('notes.restore', { id: a.id });
    expect(ids((await f.call('notes.links', { id: t.id })).backlinks)).toEqual([a.id]);
  });

  it('allows circular links', async () => {
    const a = await f.call('notes.create', { title: 'A', body: '[[B]] and [[A]]' });
    const b = await f.call('notes.create', { title: 'B', body: '[[A]]' });
    const la = await f.call('notes.links', { id: a.id });
    expect(ids(la.outgoing)).toEqual([b.id, a.id]);
    expect(ids(la.backlinks)).toEqual([a.id, b.id]);
  });

  it('two notes with the same title: both kept, [[Title]] goes to the oldest and is flagged ambiguous', async () => {
    const first = await f.call('notes.create', { title: 'Same' });
    const second = await f.call('notes.create', { title: 'same' });
    const n = await f.call('notes.create', { title: 'L', body: '[[Same]]' });
    expect((await f.call('notes.list', {})).length).toBe(3);
    const links = await f.call('notes.links', { id: n.id });
    expect(ids(links.outgoing)).toEqual([first.id]);
    expect(links.ambiguous[0]?.text).toBe('Same');
    expect(ids(links.ambiguous[0]?.candidates ?? [])).toEqual([first.id, second.id]);
    expect((await f.call('notes.links', { id: second.id })).backlinks).toEqual([]);
  });

  it('an unknown id is NOT_FOUND', async () => {
    expect((await f.fail('notes.links', { id: 'n_doesnotexist' })).code).toBe('NOT_FOUND');
  });
});

describe('quotes', () => {
  it('quotes a report passage with a citation that leads back to the exact place', async () => {
    const text = 'Hama report\n\nOpposition fighters pressed south toward Hama. The GUR said nothing.';
    const r = await f.addReport('hama', text);
    const body = (await f.call('reports.body', { id: r })).text;
    const start = body.indexOf('Opposition');
    const end = body.indexOf('Hama.') + 5;
    const q = await f.call('notes.quote', { reportId: r, start, end });
    expect(q.text).toBe('Opposition fighters pressed south toward Hama.');
    expect(q.note.body).toContain(`> Opposition fighters pressed south toward Hama.\n> — [[${r}|Hama report]] ^cite(${r}:${start}-${end})`);
    const again = await f.call('notes.quote', { noteId: q.note.id, reportId: r, start: 0, end: 4 });
    expect(again.note.citations.map((c) => [c.reportId, c.start, c.end])).toEqual([
      [r, start, end],
      [r, 0, 4],
    ]);
    for (const c of again.note.citations) expect(body.slice(c.start, c.end)).toBe(c === again.note.citations[0] ? q.text : 'Hama');
    expect(ids((await f.call('notes.links', { id: r })).backlinks)).toEqual([q.note.id]);
    // survives an unrelated edit and a reopen
    await f.call('notes.update', { id: q.note.id, body: `Intro line\n\n${again.note.body}` });
    await f.reopen();
    expect((await f.call('notes.get', { id: q.note.id })).citations).toHaveLength(2);
  });

  it('refuses offsets outside the report text', async () => {
    const r = await f.addReport('short', 'Short\n\nTiny.');
    expect((await f.fail('notes.quote', { reportId: r, start: 2, end: 9999 })).code).toBe('INVALID_INPUT');
    expect((await f.fail('notes.quote', { reportId: r, start: 5, end: 5 })).code).toBe('INVALID_INPUT');
  });
});

describe('tags on notes and entities', () => {
  it('tags.add/remove/list cover notes and entities', async () => {
    const n = await f.call('notes.create', { title: 'N' });
    const e = await f.call('entities.create', { name: 'GUR', type: 'organization' });
    await f.call('tags.add', { id: n.id, tags: ['Syria'] });
    await f.call('tags.add', { id: e.entity.id, tags: ['syria', 'intel'] });
    expect(await f.call('tags.list', {})).toEqual([
      { tag: 'Syria', count: 2 },
      { tag: 'intel', count: 1 },
    ]);
    expect((await f.call('tags.remove', { id: e.entity.id, tags: ['INTEL'] })).tags).toEqual(['syria']);
  });
});
