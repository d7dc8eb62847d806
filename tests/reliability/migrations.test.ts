/**
 * Migrations: a stored fixture notebook of every past schema version opens, is migrated with a
 * backup of each file taken first, and validates; the migration harness itself is exercised with a
 * synthetic version 2. A current file is not rewritten by opening it, except a catalog part an
 * older build wrote without a seal, which is sealed once (same content and stamp). A notebook written by a newer Dossier is refused with NEWER_VERSION (the
 * message says to update Dossier) and not modified at all: every byte the same, no lock left.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Notebook } from '../../electron/notebook';
import type { FileSpec } from '../../electron/notebook/schema/migrate';
import { catalogSchema, catalogSpec, metaSpec } from '../../electron/notebook/schema/v1';
import { entitiesSpec, mentionsSpec, notesSpec } from '../../electron/notebook/schema/v1-notes';
import { Backups } from '../../electron/notebook/storage/backups';
import { openJsonDb, sealHolds } from '../../electron/notebook/storage/jsonfile';
import { cli, reportTallies, tally, tmp } from './support';

reportTallies('migrations');

const FIXTURES = path.resolve(__dirname, '../fixtures/notebooks');
const SPECS = [metaSpec, catalogSpec, notesSpec, entitiesSpec, mentionsSpec] as Array<FileSpec<{ schemaVersion: number }>>;
const CURRENT = Math.max(...SPECS.map((s) => s.version));

/** Every file under `dir` (relative path -> sha256). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const versions = readdirSync(FIXTURES).filter((v) => /^v\d+$/.test(v));

describe('stored notebooks of every past version', () => {
  it('there is a fixture for every version up to the current one, with every file', () => {
    for (let v = 1; v <= CURRENT; v++) expect(versions).toContain(`v${v}`);
    for (const v of versions) for (const s of SPECS) expect(existsSync(path.join(FIXTURES, v, s.file)), `${v}/${s.file}`).toBe(true);
  });

  for (const version of versions) {
    it(`${version} opens, migrates with a backup first, and validates`, async () => {
      tally('migrations');
      const n = Number(version.slice(1));
      const dir = path.join(tmp(), version);
      cpSync(path.join(FIXTURES, version), dir, { recursive: true });
      const before = snapshot(dir);
      const nb = await Notebook.open({ dir, writable: true, app: 'test' });
      try {
        expect(nb.recoveries).toEqual([]);
        const raw = (f: string): { [k: string]: unknown[] } => JSON.parse(readFileSync(path.join(FIXTURES, version, f), 'utf8')) as { [k: string]: unknown[] };
        expect(nb.reports.count).toBe(raw('catalog.json').reports?.length);
        expect(nb.notes.count).toBe(raw('notes.json').notes?.length);
        expect(nb.notes.trashed()).toHaveLength(raw('notes.json').trash?.length ?? 0);
        expect(nb.entities.count).toBe(raw('entities.json').entities?.length);
        expect(nb.entities.allMentions()).toHaveLength(raw('mentions.json').mentions?.length ?? -1);
        // Links still resolve after the move to this build.
        const note = nb.notes.all()[0];
        if (note) expect(nb.links.links(note.id).outgoing.length).toBeGreaterThan(0);
      } finally {
        await nb.close();
      }
      for (const spec of SPECS) {
        const backups = await new Backups(dir).list(spec.file);
        const original = readFileSync(path.join(FIXTURES, version, spec.file));
        if (n < spec.version) {
          // The file as it was before migration is kept as a backup.
          expect(backups.some((b) => readFileSync(b.path).equals(original)), `${spec.file} pre-migration backup`).toBe(true);
        } else if (spec.file === catalogSpec.file && !sealHolds(original)) {
          // A current catalog part without a seal is sealed once: the same content and stamp, plus its seal.
          const now = readFileSync(path.join(dir, spec.file));
          expect(sealHolds(now)).toBe(true);
          const { seal, ...rest } = JSON.parse(now.toString('utf8')) as Record<string, unknown>;
          expect(seal).toMatch(/^[0-9a-f]{8}$/);
          expect(rest).toEqual(JSON.parse(original.toString('utf8')));
          expect(before.get(spec.file)).toBeDefined();
        } else {
          // A current file is not rewritten by opening it.
          expect(readFileSync(path.join(dir, spec.file)).equals(original)).toBe(true);
          expect(before.get(spec.file)).toBeDefined();
        }
      }
    });
  }
});

describe('the migration harness (a synthetic version 2 of catalog.json)', () => {
  const v2Schema = z.object({ schemaVersion: z.literal(2), reports: catalogSchema.shape.reports, pinned: z.array(z.string()) });
  const v2: FileSpec<z.infer<typeof v2Schema>> = {
    file: 'catalog.json',
    version: 2,
    schema: v2Schema,
    migrations: [(d) => ({ ...d, pinned: [] })],
    empty: () => ({ schemaVersion: 2, reports: [], pinned: [] }),
  };

  it('backs up the v1 file before the first v2 write, then writes v2', async () => {
    tally('migrations');
    const dir = tmp();
    const original = readFileSync(path.join(FIXTURES, 'v1', 'catalog.json'));
    writeFileSync(path.join(dir, 'catalog.json'), original);
    const backups = new Backups(dir);
    const { db, file } = await openJsonDb(v2, { root: dir, writable: true, backups, onRecovery: () => undefined, expectExisting: true });
    expect(file.migratedFrom).toBe(1);
    expect(db.data.schemaVersion).toBe(2);
    expect(db.data.pinned).toEqual([]);
    const listed = await backups.list('catalog.json');
    expect(listed).toHaveLength(1);
    expect(readFileSync(listed[0]?.path ?? '').equals(original)).toBe(true);
    expect(readFileSync(path.join(dir, 'catalog.json')).equals(original)).toBe(true); // not rewritten by reading
    await db.write();
    expect(JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, pinned: [] });
    expect((await backups.list('catalog.json')).some((b) => readFileSync(b.path).equals(original))).toBe(true);
  });

  it('a read-only open migrates in memory and touches nothing', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'catalog.json'), readFileSync(path.join(FIXTURES, 'v1', 'catalog.json')));
    const before = snapshot(dir);
    const { db } = await openJsonDb(v2, { root: dir, writable: false, backups: new Backups(dir), onRecovery: () => undefined, expectExisting: true });
    expect(db.data.schemaVersion).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a notebook from a newer Dossier', () => {
  for (const spec of SPECS) {
    it(`is refused, unchanged, when ${spec.file} is newer`, async () => {
      tally('migrations');
      const dir = path.join(tmp(), 'nb');
      cpSync(path.join(FIXTURES, 'v1'), dir, { recursive: true });
      const file = path.join(dir, spec.file);
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...data, schemaVersion: CURRENT + 1, newField: { from: 'the future' } }));
      const before = snapshot(dir);
      await expect(Notebook.open({ dir, writable: true, app: 'test' })).rejects.toMatchObject({ code: 'NEWER_VERSION', message: expect.stringMatching(/update Dossier/) });
      await expect(Notebook.open({ dir, writable: false })).rejects.toMatchObject({ code: 'NEWER_VERSION' });
      for (const args of [['stats'], ['note', 'add', '--title', 'x'], ['check', '--repair']]) {
        const r = cli(dir, args);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`^dossier: error: ${spec.file.replace('.', '\\.')} was written by a newer Dossier .*update Dossier to open this notebook`));
      }
      expect(snapshot(dir)).toEqual(before);
      expect(existsSync(path.join(dir, 'dossier.lock'))).toBe(false);
    });
  }
});
