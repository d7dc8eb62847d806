/**
 * The storage layout of older notebooks (one catalog.json, one file per text in bodies/ and per
 * original in originals/) is migrated on the first writable open: catalog.json is backed up first
 * and split into parts, every intact loose text moves into packs (written and synced before the
 * loose file goes), and nothing is lost. Proved on a stored notebook of that layout and on a
 * generated one of 10,000 reports; a kill during the migration leaves a notebook that opens and
 * finishes it.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Notebook } from '../../electron/notebook';
import { checkNotebook } from '../../electron/notebook/check';
import { CATALOG_PART_SIZE } from '../../electron/notebook/storage/catalog';
import { Backups } from '../../electron/notebook/storage/backups';
import { cli, reportTallies, runAndKill, spread, tally, tmp, verifyAfterCrash, WRITER } from './support';

reportTallies('layout');

const FIXTURE = path.resolve(__dirname, '../fixtures/notebooks/layout-v1');
const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
const json = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

interface OldReport {
  id: string;
  title: string;
  contentHash: string;
  bodyRef: string;
  originalRef: string;
  chars: number;
}

describe('the stored notebook of the old layout', () => {
  it('opens, backs up catalog.json first, packs every text, and keeps every report, note, entity and mention', async () => {
    tally('migrations');
    const dir = path.join(tmp(), 'nb');
    cpSync(FIXTURE, dir, { recursive: true });
    const oldCatalog = readFileSync(path.join(dir, 'catalog.json'));
    const reports = json<{ reports: OldReport[] }>(path.join(dir, 'catalog.json')).reports;
    const texts = new Map(reports.map((r) => [r.id, readFileSync(path.join(dir, r.bodyRef), 'utf8')]));
    const originals = new Map(reports.map((r) => [r.id, readFileSync(path.join(dir, r.originalRef))]));
    const notes = json<{ notes: unknown[]; trash: unknown[] }>(path.join(dir, 'notes.json'));
    const entities = json<{ entities: Array<{ id: string; aliases: string[] }> }>(path.join(dir, 'entities.json')).entities;
    const mentions = json<{ mentions: Array<{ reportId: string; start: number; end: number; text: string }> }>(path.join(dir, 'mentions.json')).mentions;

    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      expect(nb.recoveries).toEqual([]);
      expect(nb.reports.count).toBe(reports.length);
      for (const r of reports) {
        expect(await nb.reports.body(r.id)).toBe(texts.get(r.id));
        expect((await nb.blobs.readBytes(r.originalRef)).equals(originals.get(r.id) ?? Buffer.alloc(0))).toBe(true);
      }
      expect(nb.notes.count).toBe(notes.notes.length);
      expect(nb.notes.trashed()).toHaveLength(notes.trash.length);
      expect(nb.entities.all().map((e) => [e.id, e.aliases])).toEqual(entities.map((e) => [e.id, e.aliases]));
      expect(nb.entities.allMentions()).toHaveLength(mentions.length);
      for (const m of mentions) expect(texts.get(m.reportId)?.slice(m.start, m.end)).toBe(m.text);
      const note = nb.notes.all()[0];
      expect(note && nb.links.links(note.id).outgoing.map((l) => l.kind).sort()).toEqual(['entity', 'entity', 'report']);
      expect((await checkNotebook(nb, false)).ok).toBe(true);
      expect((await nb.search.search({ q: 'Hmeimim' })).results.length).toBeGreaterThan(1);
    } finally {
      await nb.close();
    }
    // The catalog as it was is kept as a backup; the loose files are gone, the packs hold them.
    const backups = await new Backups(dir).list('catalog.json');
    expect(backups.some((b) => readFileSync(b.path).equals(oldCatalog))).toBe(true);
    expect(existsSync(path.join(dir, 'bodies'))).toBe(false);
    expect(existsSync(path.join(dir, 'originals'))).toBe(false);
    expect(readdirSync(path.join(dir, 'texts')).sort()).toEqual(['pack-000001.dpk', 'pack-000001.idx']);
    // The CLI reads it as before.
    const show = cli(dir, ['show', reports[0]?.id ?? '', '--json']);
    expect(show.code, show.stderr).toBe(0);
    expect(cli(dir, ['check']).code).toBe(0);
  });
});

/** Writes a notebook of the old layout with `n` reports, notes that link them, entities and mentions. */
function oldLayout(dir: string, n: number): { texts: Map<string, string>; mentions: number; notes: number } {
  mkdirSync(path.join(dir, 'bodies'), { recursive: true });
  const now = '2026-11-25T12:00:00.000Z';
  const reports: object[] = [];
  const texts = new Map<string, string>();
  const mentions: object[] = [];
  const places = ['Hama', 'Khmeimim', 'Tartus', 'Latakia', 'Homs'];
  const entities = places.map((name, i) => ({ id: `e_place${i}xx`, name, type: 'location', aliases: [], notes: '', tags: [], createdAt: now, updatedAt: now }));
  for (let i = 0; i < n; i++) {
    const id = `r_${i.toString(36).padStart(8, '0')}`;
    const place = places[i % places.length] ?? 'Hama';
    const text = `Report ${i} from ${place}\n\nObservers in ${place} counted ${i % 97} vehicles on day ${i}. ${'Routine traffic. '.repeat(i % 7)}`;
    const hash = sha(text);
    writeFileSync(path.join(dir, 'bodies', `${hash}.txt`), text);
    texts.set(id, text);
    const at = text.indexOf(place);
    mentions.push({ entityId: `e_place${i % places.length}xx`, reportId: id, start: at, end: at + place.length, text: place, origin: 'scan' });
    reports.push({
      id, title: `Report ${i} from ${place}`, source: `/tmp/old/${i}.txt`, author: null, publishedAt: null, importedAt: now, updatedAt: now,
      tags: i % 10 === 0 ? ['tenth'] : [], format: 'text', mime: 'text/plain', contentHash: hash, bodyRef: `bodies/${hash}.txt`,
      originalRef: `bodies/${hash}.txt`, originalName: `${i}.txt`, size: Buffer.byteLength(text), chars: text.length, encoding: 'UTF-8',
    });
  }
  const notes = Array.from({ length: 50 }, (_, k) => ({
    id: `n_note${k.toString(36).padStart(4, '0')}`, title: `Note ${k}`, body: `About [[r_${(k * 199).toString(36).padStart(8, '0')}]] and [[Hama]].`, tags: [], createdAt: now, updatedAt: now,
  }));
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ schemaVersion: 1, id: 'nb_oldlayout', createdAt: now, app: 'dossier' }));
  writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({ schemaVersion: 1, reports }));
  writeFileSync(path.join(dir, 'notes.json'), JSON.stringify({ schemaVersion: 1, notes, trash: [] }));
  writeFileSync(path.join(dir, 'entities.json'), JSON.stringify({ schemaVersion: 1, entities }));
  writeFileSync(path.join(dir, 'mentions.json'), JSON.stringify({ schemaVersion: 1, mentions }));
  return { texts, mentions: mentions.length, notes: notes.length };
}

async function expectEverything(nb: Notebook, want: ReturnType<typeof oldLayout>): Promise<void> {
  expect(nb.recoveries).toEqual([]);
  expect(nb.reports.count).toBe(want.texts.size);
  for (const [id, text] of want.texts) expect(await nb.reports.body(id)).toBe(text);
  expect(nb.reports.list({ tag: 'tenth' })).toHaveLength(Math.ceil(want.texts.size / 10));
  expect(nb.notes.count).toBe(want.notes);
  for (const note of nb.notes.all()) expect(nb.links.links(note.id).outgoing).toHaveLength(2);
  expect(nb.entities.count).toBe(5);
  const all = nb.entities.allMentions();
  expect(all).toHaveLength(want.mentions);
  for (const m of all) expect(want.texts.get(m.reportId)?.slice(m.start, m.end)).toBe(m.text);
}

describe('a notebook of 10,000 reports in the old layout', () => {
  it('migrates on open with every report, note, entity and mention still there', async () => {
    tally('migrations');
    const dir = path.join(tmp(), 'old10k');
    const want = oldLayout(dir, 10_000);
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      await expectEverything(nb, want);
      const check = await checkNotebook(nb, false);
      expect(check.ok, JSON.stringify(check.problems.slice(0, 3))).toBe(true);
    } finally {
      await nb.close();
    }
    const parts = readdirSync(dir).filter((f) => /^catalog(-\d{6})?\.json$/.test(f));
    expect(parts).toHaveLength(Math.ceil(10_000 / CATALOG_PART_SIZE));
    expect(existsSync(path.join(dir, 'bodies'))).toBe(false);
    const again = await Notebook.open({ dir, writable: false });
    expect(again.reports.count).toBe(want.texts.size);
    expect(again.entities.allMentions()).toHaveLength(want.mentions);
    await again.close();
  }, 120_000);

  it('a kill during the migration leaves a notebook that opens, finishes it and loses nothing', async () => {
    const dir = path.join(tmp(), 'killed');
    const want = oldLayout(dir, 4_000);
    for (const delay of spread(3, 900, 1800)) {
      // The child opens the notebook (which migrates it) and then writes notes until it is killed.
      await runAndKill(['--import', 'tsx', WRITER, 'notes', dir], delay);
      tally('kill points');
    }
    await verifyAfterCrash(dir, async (nb) => {
      expect(nb.reports.count).toBe(want.texts.size);
      for (const [id, text] of want.texts) expect(await nb.reports.body(id)).toBe(text);
      expect(nb.entities.allMentions()).toHaveLength(want.mentions);
    });
    expect(existsSync(path.join(dir, 'bodies'))).toBe(false);
  }, 120_000);
});
