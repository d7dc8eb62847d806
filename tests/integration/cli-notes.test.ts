/** The `dossier` CLI end to end, as a child process: notes, links, entities, scan, suggest, merge, export. */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'electron/cli/bin.mjs');
const FIXTURE = path.join(ROOT, 'tests/fixtures/notes/syria-december-2024.txt');

let dir: string;
let nbDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function dossier(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, '--notebook', nbDir, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function json<T>(...args: string[]): Promise<T> {
  const r = await dossier(...args, '--json');
  if (r.code !== 0) throw new Error(`dossier ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dossier-cli-notes-'));
  nbDir = path.join(dir, 'nb');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('dossier notes, entities and export', { timeout: 180_000 }, () => {
  let reportId = '';
  let noteId = '';
  let zhId = '';

  it('imports a report and writes a note that links to it', async () => {
    const imp = await json<{ imported: Array<{ id: string }> }>('import', FIXTURE);
    reportId = imp.imported[0]?.id ?? '';
    expect(reportId).toMatch(/^r_/);
    const body = path.join(dir, 'body.md');
    await fs.writeFile(body, `Russian forces near Hama: see [[${reportId}|the report]] and [[Zhuravlev]].\n`);
    const n = await json<{ id: string; title: string }>('note', 'add', '--title', 'Hama offensive', '--file', body, '--tag', 'syria');
    expect(Object.keys(n).sort()).toEqual(['id', 'title']);
    expect(n.title).toBe('Hama offensive');
    noteId = n.id;
    const list = await dossier('notes');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ID\s+TITLE/);
    expect(list.stdout).toContain('Hama offensive');
  });

  it('adds entities, scans, and shows links', async () => {
    const e = await json<{ id: string; name: string; type: string; aliases: string[] }>('entity', 'add', 'Oleksandr Zhuravlyov', '--type', 'person', '--alias', 'Zhuravlev');
    expect(e).toEqual({ id: e.id, name: 'Oleksandr Zhuravlyov', type: 'person', aliases: ['Zhuravlev'] });
    zhId = e.id;
    const gur = await json<{ id: string }>('entity', 'add', 'GUR', '--type', 'organization');
    const alias = await dossier('entity', 'alias', gur.id, 'Main Directorate of Intelligence');
    expect(alias.code).toBe(0);
    expect(alias.stdout).toContain('Main Directorate of Intelligence');
    const scan = await json<{ entities: Array<{ id: string; mentions: number }> }>('entity', 'scan');
    expect(scan.entities.find((x) => x.id === zhId)?.mentions).toBe(1);
    expect(scan.entities.find((x) => x.id === gur.id)?.mentions).toBe(2);
    const ents = await json<Array<Record<string, unknown>>>('entities');
    expect(Object.keys(ents[0] ?? {}).sort()).toEqual(['aliases', 'id', 'mentions', 'name', 'type']);
    const links = await json<{ outgoing: Array<{ kind: string; id: string; title: string }>; backlinks: unknown[] }>('links', noteId);
    expect(links.outgoing.map((o) => [o.kind, o.id])).toEqual([
      ['report', reportId],
      ['entity', zhId],
    ]);
    expect((await json<{ backlinks: Array<{ id: string }> }>('links', zhId)).backlinks.map((b) => b.id)).toEqual([noteId]);
    const human = await dossier('links', reportId);
    expect(human.stdout).toMatch(/Backlinks \(1\)\n\s+note\s+n_\w+\s+Hama offensive/);
  });

  it('suggests entities from a report with offsets', async () => {
    const s = await json<Array<{ text: string; type: string; start: number; end: number }>>('entity', 'suggest', reportId);
    expect(s.some((c) => c.type === 'date' && c.text === 'December 1, 2024')).toBe(true);
    expect(s.some((c) => c.type === 'location' && c.text === 'Damascus')).toBe(true);
    // GUR and Zhuravlev are already entities mentioned in this report
    expect(s.some((c) => c.text === 'GUR')).toBe(false);
  });

  it('shows notes and entities', async () => {
    const note = await dossier('show', noteId);
    expect(note.code, note.stderr).toBe(0);
    expect(note.stdout).toContain('Hama offensive');
    expect(note.stdout).toContain('Outgoing (2)');
    const ent = await dossier('show', zhId);
    expect(ent.stdout).toMatch(/Oleksandr Zhuravlyov\s+\(person\)/);
    expect(ent.stdout).toContain('General [Oleksandr Zhuravlev], who once led');
  });

  it('edits, renames (links follow), merges and removes', async () => {
    const other = await json<{ id: string }>('note', 'add', '--title', 'Follow-up', '--body', 'Back to [[hama offensive]]');
    expect((await dossier('note', 'edit', noteId, '--title', 'Hama offensive (Dec 2024)')).code).toBe(0);
    const shown = await json<{ body: string }>('show', other.id);
    expect(shown.body).toBe('Back to [[Hama offensive (Dec 2024)]]');
    const dup = await json<{ id: string }>('entity', 'add', 'General Zhuravlev', '--type', 'person');
    const merged = await dossier('entity', 'merge', zhId, dup.id);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('Merged');
    expect((await json<Array<{ aliases: string[] }>>('entities')).find((x) => x.aliases.includes('General Zhuravlev'))).toBeTruthy();
    expect((await dossier('note', 'rm', other.id)).stdout).toContain('trash');
    expect((await json<unknown[]>('notes')).length).toBe(1);
    expect((await dossier('note', 'restore', other.id)).code).toBe(0);
    expect((await json<{ notes: number; entities: number }>('stats')).notes).toBe(2);
  });

  it('exports to markdown and refuses a folder with foreign files', async () => {
    const out = path.join(dir, 'export');
    const r = await json<{ files: string[] }>('export', '--out', out, '--note', noteId, '--links', 'markdown');
    expect(r.files.some((f) => f.endsWith(`${path.sep}index.md`))).toBe(true);
    const noteFile = r.files.find((f) => f.includes(`${path.sep}notes${path.sep}`)) ?? '';
    const text = await fs.readFile(noteFile, 'utf8');
    expect(text).toContain('title: "Hama offensive (Dec 2024)"');
    expect(text).toMatch(/\[the report\]\(\.\.\/reports\/[^)]+\.md\)/);
    const foreign = path.join(dir, 'foreign');
    await fs.mkdir(foreign, { recursive: true });
    await fs.writeFile(path.join(foreign, 'mine.txt'), 'keep me');
    const refused = await dossier('export', '--out', foreign);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^dossier: error: .*did not export/);
    expect(await fs.readFile(path.join(foreign, 'mine.txt'), 'utf8')).toBe('keep me');
  });

  it('the reported export attack (a planted manifest and a symlink) deletes nothing; a refusal creates nothing', async () => {
    const victimDir = path.join(dir, 'victimdir');
    const out = path.join(dir, 'out');
    await fs.mkdir(victimDir);
    await fs.mkdir(out);
    await fs.writeFile(path.join(victimDir, 'victim.txt'), 'precious\n');
    await fs.symlink(victimDir, path.join(out, 'lnk'));
    await fs.writeFile(path.join(out, '.dossier-export.json'), '{"app":"dossier","files":["lnk/victim.txt","lnk"]}');
    const r = await dossier('export', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/did not export \(.*lnk \(a link\)/);
    expect(await fs.readFile(path.join(victimDir, 'victim.txt'), 'utf8')).toBe('precious\n');
    const inside = `${nbDir}/../${path.basename(nbDir)}/x`;
    const refused = await dossier('export', '--out', inside);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/outside the notebook folder/);
    await expect(fs.stat(path.join(nbDir, 'x'))).rejects.toThrow();
  });

  it('reports usage errors with exit 2 and missing records with exit 1', async () => {
    const bad = await dossier('entity', 'add', 'X', '--type', 'planet');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dossier: error: /);
    expect((await dossier('note', 'add', '--body', 'no title')).code).toBe(2);
    expect((await dossier('note', 'edit', noteId)).code).toBe(2);
    const missing = await dossier('show', 'n_doesnotexist');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^dossier: error: no note with id n_doesnotexist/);
    expect((await dossier('export', '--links', 'html')).code).toBe(2);
    const help = await dossier('note', 'add', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--title');
  });

  it('edits report metadata, lists by entity, moves a report to the trash and restores it', async () => {
    // Lean on purpose (each CLI call starts Node); the core's rules are covered in tests/unit/notes/reading.test.ts.
    const edited = await json<{ publishedAt: string; url: string }>('edit', reportId, '--date', '2024-12-03', '--url', 'https://example.org/syria');
    expect(edited).toMatchObject({ publishedAt: '2024-12-03', url: 'https://example.org/syria' });
    expect((await json<Array<{ id: string }>>('reports', '--entity', zhId)).map((r) => r.id)).toEqual([reportId]);
    const refused = await dossier('entity', 'rm', zhId);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/mentions? in 1 report; run again with --yes/)]);
    const rm = await dossier('rm', reportId);
    expect(rm.stdout).toMatch(/^Moved report r_\w+ to the trash with \d+ mentions?; 1 note cites it; restore it with: dossier restore r_/);
    expect((await dossier('restore', reportId)).stdout).toMatch(/^Restored report /);
    expect((await json<Array<{ id: string }>>('reports')).map((r) => r.id)).toEqual([reportId]);
  });
});
