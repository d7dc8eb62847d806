import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST, yamlString } from '../../../electron/notebook/export/export';
import { NameAllocator, safeBaseName } from '../../../electron/notebook/export/names';
import { openFixture, type Fixture } from './helpers';

describe('export file names', () => {
  it('makes any title a safe file name', () => {
    expect(safeBaseName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j');
    expect(safeBaseName('../../etc/passwd')).toBe('etc passwd');
    expect(safeBaseName('...hidden.')).toBe('hidden');
    expect(safeBaseName('trailing dots and spaces . . ')).toBe('trailing dots and spaces');
    expect(safeBaseName('tab\tnew\nline\u0000nul')).toBe('tab new line nul');
    expect(safeBaseName('')).toBe('untitled');
    expect(safeBaseName(' / . ')).toBe('untitled');
    for (const reserved of ['CON', 'nul', 'Com1', 'LPT9', 'aux.txt', 'PRN.tar.gz']) expect(safeBaseName(reserved)).toBe(`_${reserved}`);
    expect(safeBaseName('Console')).toBe('Console');
  });

  it('cuts long names to 100 UTF-8 bytes without splitting an emoji', () => {
    const long = safeBaseName('x'.repeat(400));
    expect(Buffer.byteLength(long)).toBe(100);
    const emoji = safeBaseName(`${'a'.repeat(97)}👩‍👩‍👧😀`);
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(100);
    expect(emoji).toBe('a'.repeat(97));
    const cyr = safeBaseName('Журавлёв '.repeat(40));
    expect(Buffer.byteLength(cyr)).toBeLessThanOrEqual(100);
    expect(cyr).not.toMatch(/\uFFFD/);
    expect(Buffer.from(cyr).toString('utf8')).toBe(cyr);
  });

  it('gives duplicates (2), (3)… case-insensitively, within the byte limit', () => {
    const a = new NameAllocator();
    expect([a.take('Notes'), a.take('notes'), a.take('NOTES'), a.take('')]).toEqual(['Notes.md', 'notes (2).md', 'NOTES (3).md', 'untitled.md']);
    const long = 'y'.repeat(300);
    const first = a.take(long);
    const second = a.take(long);
    expect(second.endsWith(' (2).md')).toBe(true);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(100);
    expect(first).not.toBe(second);
  });

  it('quotes YAML strings', () => {
    expect(yamlString('He said: "yes" # no\nnext')).toBe('"He said: \\"yes\\" # no\\nnext"');
    expect(yamlString('a\u2028b')).toBe('"a\\u2028b"');
  });
});

describe('export', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await openFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  async function sample(): Promise<{ a: string; b: string; r: string; e: string }> {
    const r = await f.addReport('r', 'Khmeimim: report / update\n\nRussian aircraft at Khmeimim. Zhuravlev was there.');
    const body = (await f.call('reports.body', { id: r })).text;
    const e = await f.call('entities.create', { name: 'Oleksandr Zhuravlyov', type: 'person', aliases: ['Zhuravlev'] });
    await f.call('entities.scan', {});
    const b = await f.call('notes.create', { title: 'CON', body: 'Back to [[a: "first"/note]]' });
    const a = await f.call('notes.create', { title: 'a: "first"/note', tags: ['syria', 'key: value'], body: 'Links [[CON|the other]], [[zhuravlev]], [[Missing]] and `[[code]]`.' });
    await f.call('notes.quote', { noteId: a.id, reportId: r, start: body.indexOf('Russian'), end: body.indexOf('Khmeimim.') + 8 });
    return { a: a.id, b: b.id, r, e: e.entity.id };
  }

  it('writes notes with front matter, relative links that resolve, quotes with citations, and an index', async () => {
    const { a, r } = await sample();
    const out = path.join(f.dir, 'out');
    const res = await f.call('export.all', { outDir: out, links: 'markdown' });
    const rel = res.files.map((p) => path.relative(out, p).split(path.sep).join('/')).sort();
    expect(rel).toEqual(['entities/Oleksandr Zhuravlyov.md', 'index.md', 'notes/_CON.md', 'notes/a first note.md', 'reports/Khmeimim report update.md']);
    const note = await fs.readFile(path.join(out, 'notes', 'a first note.md'), 'utf8');
    expect(note).toMatch(/^---\ntitle: "a: \\"first\\"\/note"\nid: "n_[0-9a-z]+"\ntags: \["syria", "key: value"\]\ncreated: "[^"]+"\nupdated: "[^"]+"\nentities: \["Oleksandr Zhuravlyov"\]\n---\n/);
    expect(note).toContain('[the other](_CON.md)');
    expect(note).toContain('[zhuravlev](../entities/Oleksandr%20Zhuravlyov.md)');
    expect(note).toContain('[[Missing]]');
    expect(note).toContain('`[[code]]`');
    // The citation is a readable link to the passage, never the internal ^cite(…) syntax.
    const start = 'Khmeimim: report / update\n\n'.length;
    const anchor = `cited-passage-${start}-${start + 'Russian aircraft at Khmeimim'.length}`;
    expect(note).toContain(`> Russian aircraft at Khmeimim\n> — [Khmeimim: report / update](../reports/Khmeimim%20report%20update.md) ([the passage](../reports/Khmeimim%20report%20update.md#${anchor}))`);
    expect(note).not.toContain('^cite(');
    expect(note).not.toContain(r);
    const reportFile = await fs.readFile(path.join(out, 'reports', 'Khmeimim report update.md'), 'utf8');
    expect(reportFile).toContain(`## Cited passages\n\n### Cited passage ${start}-${start + 28}\n\n> Russian aircraft at Khmeimim\n`);
    // every relative link in every exported file points at a file that exists
    for (const file of res.files) {
      const text = await fs.readFile(file, 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+\.md)\)/g)) {
        const target = path.resolve(path.dirname(file), decodeURIComponent(m[1] ?? ''));
        expect(target.startsWith(out + path.sep)).toBe(true);
        await expect(fs.stat(target)).resolves.toBeTruthy();
      }
    }
    const entity = await fs.readFile(path.join(out, 'entities', 'Oleksandr Zhuravlyov.md'), 'utf8');
    expect(entity).toContain('- Zhuravlev');
    expect(entity).toContain('“Zhuravlev”');
    expect(entity).toContain('](../notes/a%20first%20note.md)');
    expect(await fs.readFile(path.join(out, 'index.md'), 'utf8')).toContain('- [CON](notes/_CON.md)');
    expect(a).toMatch(/^n_/);
  });

  it('keeps [[wikilinks]] when asked, and exports only the chosen notes plus what they link to', async () => {
    const { a } = await sample();
    const out = path.join(f.dir, 'wiki');
    const res = await f.call('export.notes', { noteIds: [a], outDir: out, links: 'wiki' });
    expect(res.files.some((p) => p.includes(`${path.sep}notes${path.sep}_CON.md`))).toBe(false);
    const note = await fs.readFile(path.join(out, 'notes', 'a first note.md'), 'utf8');
    expect(note).toContain('Links the other, [[entities/Oleksandr Zhuravlyov|zhuravlev]]');
    expect(note).toMatch(/\[\[reports\/Khmeimim report update\|Khmeimim: report \/ update\]\] \(\[\[reports\/Khmeimim report update#Cited passage \d+-\d+\|the passage\]\]\)/);
    expect(note).not.toContain('^cite(');
  });

  it('refuses a folder holding files Dossier did not write, but re-exports into its own folder', async () => {
    const { b } = await sample();
    const out = path.join(f.dir, 'mine');
    await fs.mkdir(out);
    await fs.writeFile(path.join(out, 'thesis.docx'), 'precious');
    const err = await f.fail('export.all', { outDir: out, links: 'markdown' });
    expect(err.message).toMatch(/did not export \(thesis\.docx\)/);
    expect(await fs.readFile(path.join(out, 'thesis.docx'), 'utf8')).toBe('precious');
    const fresh = path.join(f.dir, 'fresh');
    await f.call('export.all', { outDir: fresh, links: 'markdown' });
    await f.call('notes.update', { id: b, title: 'Renamed' });
    const again = await f.call('export.all', { outDir: fresh, links: 'markdown' });
    expect(again.files.some((p) => p.endsWith('Renamed.md'))).toBe(true);
    await expect(fs.stat(path.join(fresh, 'notes', '_CON.md'))).rejects.toThrow();
    expect((JSON.parse(await fs.readFile(path.join(fresh, MANIFEST), 'utf8')) as { files: Array<{ path: string }> }).files.map((x) => x.path)).toContain('notes/Renamed.md');
  });

  it('never writes outside the folder, whatever the titles', async () => {
    await f.call('notes.create', { title: '../../../escape', body: '[[..]] [[/etc/passwd]]' });
    await f.call('notes.create', { title: '/abs/path' });
    await f.call('notes.create', { title: '..' });
    const out = path.join(f.dir, 'deep', 'out');
    const res = await f.call('export.all', { outDir: out, links: 'markdown' });
    for (const p of res.files) expect(p.startsWith(out + path.sep)).toBe(true);
    expect((await fs.readdir(path.join(f.dir, 'deep'))).sort()).toEqual(['out']);
    expect((await fs.readdir(path.join(out, 'notes'))).sort()).toEqual(['abs path.md', 'escape.md', 'untitled.md']);
  });
});
