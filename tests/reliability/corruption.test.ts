/**
 * Damaged notebook files. Each JSON file truncated, emptied or replaced by garbage (one at a time
 * and all at once), a missing report text, a stale or corrupt search cache and a stale lock: on open
 * Dossier sets the damaged file aside (`*.corrupt-<time>`), restores the newest good backup,
 * rebuilds what is derived and says exactly what it recovered and what it could not;
 * `dossier check --repair` does the same on demand.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../electron/notebook';
import { checkNotebook } from '../../electron/notebook/check';
import { createEntity } from '../../electron/notebook/entities/ops';
import { scanEntities } from '../../electron/notebook/entities/scan';
import { createNote } from '../../electron/notebook/notes/ops';
import { SEARCH_CACHE } from '../../electron/notebook/searcher';
import { damagePacked } from '../helpers/packs';
import { cli, reportTallies, tally, tmp } from './support';

reportTallies('corruption');

const FILES = ['catalog.json', 'notes.json', 'entities.json', 'mentions.json', 'meta.json'] as const;
type Damage = 'truncated' | 'emptied' | 'garbage' | 'wrong shape';
const DAMAGE: Record<Damage, (text: string) => string | Buffer> = {
  truncated: (t) => t.slice(0, Math.floor(t.length / 2)),
  emptied: () => '',
  garbage: () => Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 151 + 7) % 256)),
  'wrong shape': () => JSON.stringify({ schemaVersion: 1, reports: 'none', notes: 7, entities: null, mentions: {}, id: 3 }),
};

let base = '';
let expected = { reports: 0, notes: 0, entities: 0, mentions: 0, metaId: '' };
let htmlReport = { id: '', bodyRef: '' };
let textReport = { id: '', bodyRef: '' };

beforeAll(async () => {
  const src = tmp();
  writeFileSync(path.join(src, 'khmeimim.txt'), 'Khmeimim air base\n\nRussian aircraft flew from Khmeimim on December 1, 2024.');
  writeFileSync(path.join(src, 'tartus.md'), '# Tartus naval facility\n\nShips left the port of Tartus; Khmeimim stayed busy.');
  writeFileSync(path.join(src, 'hama.html'), '<html><head><title>Hama front</title></head><body><p>Fighting near Hama and Khmeimim.</p></body></html>');
  base = path.join(tmp(), 'base');
  const nb = await Notebook.open({ dir: base, writable: true, app: 'setup' });
  const res = await importPaths(nb, [src]);
  await createNote(nb, { title: 'Air bases', body: 'See [[Khmeimim air base]] and [[Tartus]].' });
  await createNote(nb, { title: 'Ports', body: 'Tartus matters.' });
  await createEntity(nb, { name: 'Khmeimim', type: 'location' });
  await scanEntities(nb);
  await nb.search.search({ q: 'Khmeimim' });
  const html = nb.reports.all().find((r) => r.format === 'html');
  const text = nb.reports.all().find((r) => r.format === 'text');
  if (!html || !text) throw new Error('setup failed');
  htmlReport = { id: html.id, bodyRef: html.bodyRef };
  textReport = { id: text.id, bodyRef: text.bodyRef };
  expected = { reports: res.imported.length, notes: nb.notes.count, entities: nb.entities.count, mentions: nb.entities.allMentions().length, metaId: nb.meta.id };
  await nb.close();
  expect(expected.mentions).toBeGreaterThan(0);
});

function copyOfBase(): string {
  const dir = path.join(tmp(), 'nb');
  cpSync(base, dir, { recursive: true });
  return dir;
}

function expectAllThere(nb: Notebook): void {
  expect(nb.reports.count).toBe(expected.reports);
  expect(nb.notes.count).toBe(expected.notes);
  expect(nb.entities.count).toBe(expected.entities);
  expect(nb.entities.allMentions()).toHaveLength(expected.mentions);
  expect(nb.meta.id).toBe(expected.metaId);
}

describe('a damaged JSON file is set aside and its newest good backup restored', () => {
  for (const file of FILES) {
    for (const damage of Object.keys(DAMAGE) as Damage[]) {
      it(`${file} ${damage}`, async () => {
        tally('corruptions');
        const dir = copyOfBase();
        const damaged = DAMAGE[damage](readFileSync(path.join(dir, file), 'utf8'));
        writeFileSync(path.join(dir, file), damaged);
        const nb = await Notebook.open({ dir, writable: true, app: 'test' });
        try {
          expect(nb.recoveries).toHaveLength(1);
          expect(nb.recoveries[0]).toMatchObject({ file, recovered: true });
          expect(nb.recoveries[0]?.action).toMatch(/restored the backup of/);
          expectAllThere(nb);
          const aside = readdirSync(dir).filter((n) => n.startsWith(`${file}.corrupt-`));
          expect(aside).toHaveLength(1);
          expect(readFileSync(path.join(dir, aside[0] ?? ''))).toEqual(Buffer.from(damaged));
          const check = await checkNotebook(nb, false);
          expect(check.ok).toBe(true);
          expect(check.problems.map((p) => p.message).join('\n')).toMatch(/damaged file was set aside earlier/);
        } finally {
          await nb.close();
        }
        // The restored file is on disk: the next open needs no recovery.
        const again = await Notebook.open({ dir, writable: false });
        expect(again.recoveries).toEqual([]);
        expectAllThere(again);
      });
    }
  }

  it('every file damaged at once', async () => {
    tally('corruptions', FILES.length);
    const dir = copyOfBase();
    for (const f of FILES) writeFileSync(path.join(dir, f), '{"schemaVersion":1,');
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.recoveries.map((r) => r.file).sort()).toEqual([...FILES].sort());
    expect(nb.recoveries.every((r) => r.recovered)).toBe(true);
    expectAllThere(nb);
    await nb.close();
  });

  it('a deleted file is restored from its backup', async () => {
    tally('corruptions', 2);
    const dir = copyOfBase();
    rmSync(path.join(dir, 'notes.json'));
    rmSync(path.join(dir, 'mentions.json'));
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.recoveries.map((r) => [r.file, r.recovered])).toEqual([
      ['notes.json', true],
      ['mentions.json', true],
    ]);
    expectAllThere(nb);
    await nb.close();
  });

  it('with no good backup it starts empty, keeps the damaged file, and says what was lost', async () => {
    tally('corruptions');
    const dir = copyOfBase();
    for (const b of readdirSync(path.join(dir, 'backups'))) if (b.startsWith('notes.json')) writeFileSync(path.join(dir, 'backups', b), 'also broken');
    writeFileSync(path.join(dir, 'notes.json'), 'garbage');
    const r = cli(dir, ['check', '--repair']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/LOST +notes\.json: notes\.json is not valid JSON.*no good backup was found; started it empty and kept the damaged file as notes\.json\.corrupt-/);
    expect(r.stderr).toMatch(/^dossier: error: some problems could not be repaired/m);
    expect(readdirSync(dir).some((n) => n.startsWith('notes.json.corrupt-'))).toBe(true);
  });

  it('the newest backup is chosen by the time in its name, not the file mtime (a copied folder)', async () => {
    tally('corruptions');
    const dir = copyOfBase();
    const names = readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('catalog.json.')).sort();
    expect(names.length).toBeGreaterThan(1);
    // A copy tool that gives the oldest backup the newest mtime.
    names.forEach((n, i) => {
      const t = new Date(Date.now() - i * 60_000);
      utimesSync(path.join(dir, 'backups', n), t, t);
    });
    writeFileSync(path.join(dir, 'catalog.json'), 'garbage');
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.reports.count).toBe(expected.reports);
    await nb.close();
  });

  it('a notebook whose creation was cut short (meta.json only, no backups) opens without a loss', async () => {
    tally('corruptions');
    const dir = path.join(tmp(), 'nb');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'meta.json'), readFileSync(path.join(base, 'meta.json')));
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    expect(nb.recoveries).toEqual([]);
    expect((await checkNotebook(nb, false)).ok).toBe(true);
    await nb.close();
    expect(existsSync(path.join(dir, 'catalog.json'))).toBe(true);
  });

  it('a read-only open uses the backup in memory and moves nothing', async () => {
    tally('corruptions');
    const dir = copyOfBase();
    writeFileSync(path.join(dir, 'entities.json'), '[');
    const nb = await Notebook.open({ dir, writable: false });
    expectAllThere(nb);
    expect(nb.recoveries[0]?.action).toMatch(/run `dossier check --repair`/);
    expect(readFileSync(path.join(dir, 'entities.json'), 'utf8')).toBe('[');
    await nb.close();
  });
});

describe('the new user story', () => {
  it('a file truncated by hand: the CLI says what happened, check --repair restores it, nothing is lost', () => {
    tally('corruptions');
    const dir = copyOfBase();
    const catalog = path.join(dir, 'catalog.json');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').slice(0, 40));
    // 1. The user lists reports and sees a warning naming the file and what to do.
    const list = cli(dir, ['reports', '--json']);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/^dossier: warning: catalog\.json: catalog\.json is not valid JSON .*; read the backup of \S+ instead; run `dossier check --repair` to restore it on disk$/m);
    expect(JSON.parse(list.stdout)).toHaveLength(expected.reports);
    // 2. check --repair sets the damaged file aside and restores the backup on disk.
    const repair = cli(dir, ['check', '--repair']);
    expect(repair.code, repair.stderr).toBe(0);
    expect(repair.stdout).toMatch(/^RECOVERED +catalog\.json: .*restored the backup of/m);
    expect(repair.stdout).toMatch(/catalog\.json\.corrupt-/);
    // 3. Everything is back, with no more warnings.
    const after = cli(dir, ['reports', '--json']);
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout)).toHaveLength(expected.reports);
    expect(cli(dir, ['check']).code).toBe(0);
  });

  it('a write command on a damaged file repairs it first and warns', () => {
    tally('corruptions');
    const dir = copyOfBase();
    writeFileSync(path.join(dir, 'notes.json'), '');
    const r = cli(dir, ['note', 'add', '--title', 'After the damage', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^dossier: warning: notes\.json: .*restored the backup of/m);
    const notes = JSON.parse(cli(dir, ['notes', '--json']).stdout) as unknown[];
    expect(notes).toHaveLength(expected.notes + 1);
  });
});

describe('report texts, the search cache and the lock', () => {
  it('a damaged report text (bytes changed in its pack) is reported, and rebuilt from the kept original by check --repair', async () => {
    tally('corruptions');
    const dir = copyOfBase();
    damagePacked(dir, htmlReport.bodyRef);
    const reader = await Notebook.open({ dir, writable: false });
    await expect(reader.reports.body(htmlReport.id)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/damaged \(its checksum does not match\)/) });
    await reader.close();
    const check = cli(dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`report ${htmlReport.id} .*is damaged \\(its checksum does not match\\); \`dossier check --repair\` can rebuild it`));
    const repair = cli(dir, ['check', '--repair']);
    expect(repair.code, repair.stdout).toBe(0);
    expect(repair.stdout).toMatch(/REPAIRED .*rebuilt it from the original/);
    const after = await Notebook.open({ dir, writable: false });
    expect(await after.reports.body(htmlReport.id)).toMatch(/Fighting near Hama/);
    expect((await checkNotebook(after, false)).ok).toBe(true);
    await after.close();
  });

  it('a torn pack tail (a crash mid-append) is cut off and everything before it still reads', async () => {
    tally('corruptions');
    const dir = copyOfBase();
    const pack = path.join(dir, 'texts', 'pack-000001.dpk');
    const good = readFileSync(pack);
    // Half a record and some zeros past the last whole one, as a crash during an append leaves.
    writeFileSync(pack, Buffer.concat([good, good.subarray(0, 30), Buffer.alloc(100)]));
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      expect(nb.recoveries).toEqual([]);
      for (const r of nb.reports.all()) expect((await nb.reports.body(r.id)).length).toBe(r.chars);
      expect(readFileSync(pack).equals(good)).toBe(true);
      expect((await checkNotebook(nb, false)).ok).toBe(true);
    } finally {
      await nb.close();
    }
  });

  it('a lost pack index is rebuilt from the pack itself', async () => {
    tally('corruptions');
    const dir = copyOfBase();
    rmSync(path.join(dir, 'texts', 'pack-000001.idx'));
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    try {
      for (const r of nb.reports.all()) expect((await nb.reports.body(r.id)).length).toBe(r.chars);
      expect((await checkNotebook(nb, false)).ok).toBe(true);
    } finally {
      await nb.close();
    }
    expect(existsSync(path.join(dir, 'texts', 'pack-000001.idx'))).toBe(true);
  });

  it('a damaged report text whose original is the same record is reported as not repairable, with its id', () => {
    tally('corruptions');
    const dir = copyOfBase();
    damagePacked(dir, textReport.bodyRef);
    const repair = cli(dir, ['check', '--repair']);
    expect(repair.code).toBe(1);
    expect(repair.stdout).toMatch(new RegExp(`report ${textReport.id} .*is damaged \\(its checksum does not match\\) and could not be rebuilt`));
  });

  for (const kind of ['garbage', 'truncated', 'stale'] as const) {
    it(`a ${kind} search cache is a cache miss: search is rebuilt and finds everything`, async () => {
      tally('corruptions');
      const dir = copyOfBase();
      const cache = path.join(dir, SEARCH_CACHE);
      expect(existsSync(cache)).toBe(true);
      const good = readFileSync(cache);
      if (kind === 'garbage') writeFileSync(cache, Buffer.alloc(5000, 0xab));
      if (kind === 'truncated') writeFileSync(cache, good.subarray(0, Math.floor(good.length / 2)));
      let changedId = '';
      if (kind === 'stale') {
        const nb = await Notebook.open({ dir, writable: true, app: 'test' });
        // A report change (a note change alone is brought up to date from the cache: search.test.ts).
        changedId = nb.reports.all()[0]?.id ?? '';
        await nb.reports.update(changedId, { title: 'Zaporizhzhia plant' });
        await nb.close();
        writeFileSync(cache, good); // the cache of before the retitle
      }
      const nb = await Notebook.open({ dir, writable: true, app: 'test' });
      const res = await nb.search.search({ q: 'Khmeimim' });
      expect(nb.search.status).toMatchObject({ source: 'rebuilt', reason: kind === 'stale' ? 'fingerprint' : 'corrupt' });
      expect(res.results.length).toBeGreaterThanOrEqual(3);
      if (changedId) expect((await nb.search.search({ q: 'Zaporizhzhia' })).results.map((h) => h.id)).toContain(changedId);
      await nb.close();
      const again = await Notebook.open({ dir, writable: false });
      await again.search.search({ q: 'Tartus' });
      expect(again.search.status?.source).toBe('cache');
    });
  }

  for (const kind of ['cut short', 'damaged'] as const) {
    it(`a search cache delta ${kind} (a crash while \`dossier import\` appended it) is never read wrongly: search is rebuilt and finds the import`, async () => {
      tally('corruptions');
      const dir = copyOfBase();
      const cache = path.join(dir, SEARCH_CACHE);
      const base = readFileSync(cache);
      const src = path.join(tmp(), 'zap.txt');
      writeFileSync(src, 'Zaporizhzhia plant\n\nInspectors reached the Zaporizhzhia plant on December 3, 2024.');
      const imp = cli(dir, ['import', src, '--json']);
      expect(imp.code, imp.stderr).toBe(0);
      const id = (JSON.parse(imp.stdout) as { imported: Array<{ id: string }> }).imported[0]?.id ?? '';
      // The import appended to the delta and left the base as it was.
      expect(readFileSync(cache).equals(base)).toBe(true);
      const delta = `${cache}.delta`;
      const good = readFileSync(delta);
      const reader = await Notebook.open({ dir, writable: false });
      expect((await reader.search.search({ q: 'Zaporizhzhia' })).results.map((h) => h.id)).toEqual([id]);
      expect(reader.search.status?.source).toBe('cache');
      await reader.close();
      if (kind === 'cut short') writeFileSync(delta, good.subarray(0, good.length - 7));
      else {
        const bad = Buffer.from(good);
        bad[bad.length - 40] = (bad[bad.length - 40] ?? 0) ^ 0x5a;
        writeFileSync(delta, bad);
      }
      const nb = await Notebook.open({ dir, writable: true, app: 'test' });
      expect((await nb.search.search({ q: 'Zaporizhzhia' })).results.map((h) => h.id)).toEqual([id]);
      expect(nb.search.status).toMatchObject({ source: 'rebuilt', reason: 'fingerprint' });
      expect((await nb.search.search({ q: 'Khmeimim' })).results.length).toBeGreaterThanOrEqual(3);
      await nb.close();
      // The rebuild wrote the cache whole: no delta left, and the next open reads it.
      expect(existsSync(delta)).toBe(false);
      const again = await Notebook.open({ dir, writable: false });
      expect((await again.search.search({ q: 'Zaporizhzhia' })).results.map((h) => h.id)).toEqual([id]);
      expect(again.search.status?.source).toBe('cache');
      await again.close();
    });
  }

  it('a stale lock left by a dead process is taken over by the next writer', () => {
    tally('corruptions');
    const dir = copyOfBase();
    const dead = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
    writeFileSync(path.join(dir, 'dossier.lock'), JSON.stringify({ pid: dead, host: os.hostname(), app: 'desktop', since: '2024-12-01T00:00:00Z' }));
    const r = cli(dir, ['note', 'add', '--title', 'After the crash', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'dossier.lock'))).toBe(false);
  });

  it('an empty lock file (a crash while taking the lock) is taken over once old', () => {
    tally('corruptions');
    const dir = copyOfBase();
    const lock = path.join(dir, 'dossier.lock');
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const r = cli(dir, ['note', 'add', '--title', 'After the crash', '--json']);
    expect(r.code, r.stderr).toBe(0);
  });
});
