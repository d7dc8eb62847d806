/**
 * Disk trouble during a write: a full disk (ENOSPC) or a read-only folder (EROFS) gives a clear
 * error and keeps the previous state, on disk and in memory. Tests run as root (chmod does not stop
 * root) and no small tmpfs is available, so failures are injected: in-process by spying on
 * `fs.promises.open` (the atomic writer's first step), and in the CLI by a preloaded module.
 */
import { promises as fsp, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callMethod, createHandlers, importPaths, Notebook } from '../../electron/notebook';
import { checkNotebook } from '../../electron/notebook/check';
import { cli, reportTallies, tally, tmp } from './support';

reportTallies('disk');

const FAIL_WRITES = path.join(__dirname, 'fixtures/fail-writes.mjs');
const realOpen = fsp.open.bind(fsp);

/** Makes writes whose temp file matches `match` fail: ENOSPC after a partial write, EROFS at open. */
function injectFault(code: 'ENOSPC' | 'EROFS', match: RegExp): void {
  vi.spyOn(fsp, 'open').mockImplementation(async (file, flags, mode) => {
    const name = path.basename(String(file));
    if (typeof flags === 'string' && /[wa+]/.test(flags) && match.test(name)) {
      tally('disk faults');
      const err = Object.assign(new Error(`${code}: simulated`), { code, errno: code === 'ENOSPC' ? -28 : -30, syscall: code === 'ENOSPC' ? 'write' : 'open' });
      if (code === 'EROFS') throw Object.assign(err, { path: String(file) });
      const handle = await realOpen(file, flags, mode);
      vi.spyOn(handle, 'writeFile').mockImplementation(async (data) => {
        await handle.write(Buffer.from(String(data).slice(0, 10)));
        throw err;
      });
      return handle;
    }
    return realOpen(file, flags, mode);
  });
}

const tempOf = (file: string): RegExp => new RegExp(`^\\.${file.replace('.', '\\.')}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);

let dir = '';
let nb: Notebook;
let src = '';

beforeEach(async () => {
  dir = path.join(tmp(), 'nb');
  src = tmp();
  writeFileSync(path.join(src, 'a.txt'), 'Khmeimim air base\n\nAircraft flew from Khmeimim.');
  nb = await Notebook.open({ dir, writable: true, app: 'test' });
  await importPaths(nb, [src]);
  await nb.notes.create({ title: 'Before the trouble', body: 'kept' });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await nb.close();
});

function noTempFiles(): void {
  expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}

describe('a full disk or a read-only folder during a write', () => {
  it('ENOSPC saving a note: "the disk is full", notes.json and memory unchanged', async () => {
    const before = readFileSync(path.join(dir, 'notes.json'));
    injectFault('ENOSPC', tempOf('notes.json'));
    const handlers = createHandlers(nb);
    const out = await callMethod(handlers, 'notes.create', { title: 'Lost to a full disk', body: 'x' });
    expect(out).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: `the disk is full (${path.join(dir, 'notes.json')})` } });
    expect(readFileSync(path.join(dir, 'notes.json'))).toEqual(before);
    noTempFiles();
    // Not half-created in memory either: a later successful save must not persist it.
    expect(nb.notes.all().map((n) => n.title)).toEqual(['Before the trouble']);
    vi.restoreAllMocks();
    const ok = await callMethod(handlers, 'notes.create', { title: 'After the disk was freed' });
    expect(ok.ok).toBe(true);
    const reread = JSON.parse(readFileSync(path.join(dir, 'notes.json'), 'utf8')) as { notes: Array<{ title: string }> };
    expect(reread.notes.map((n) => n.title).sort()).toEqual(['After the disk was freed', 'Before the trouble']);
  });

  it('EROFS tagging a report: "the folder is read-only", catalog.json and memory unchanged', async () => {
    const before = readFileSync(path.join(dir, 'catalog.json'));
    const id = nb.reports.all()[0]?.id ?? '';
    injectFault('EROFS', tempOf('catalog.json'));
    const out = await callMethod(createHandlers(nb), 'tags.add', { id, tags: ['urgent'] });
    expect(out).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: `the folder is read-only (${path.join(dir, 'catalog.json')})` } });
    expect(readFileSync(path.join(dir, 'catalog.json'))).toEqual(before);
    expect(nb.reports.get(id).tags).toEqual([]);
    noTempFiles();
  });

  it('ENOSPC deleting and restoring notes keeps them where they were', async () => {
    const id = nb.notes.all()[0]?.id ?? '';
    injectFault('ENOSPC', tempOf('notes.json'));
    await expect(nb.notes.delete(id)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(nb.notes.find(id)).toBeDefined();
    expect(nb.notes.trashed()).toEqual([]);
  });

  it('ENOSPC while importing: each file fails with "the disk is full", the catalog stays valid', async () => {
    const before = readFileSync(path.join(dir, 'catalog.json'));
    writeFileSync(path.join(src, 'b.txt'), 'Tartus port\n\nShips left Tartus.');
    writeFileSync(path.join(src, 'c.txt'), 'Hama front\n\nFighting near Hama.');
    // The texts are appended to a pack: the disk fills up there.
    vi.spyOn(fsp, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await realOpen(file, flags, mode);
      if (/^pack-\d{6}\.dpk$/.test(path.basename(String(file))) && flags === 'r+') {
        tally('disk faults');
        vi.spyOn(handle, 'write').mockImplementation(async () => {
          throw Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        });
      }
      return handle;
    });
    await nb.close(); // a fresh process: the pack is opened for appending under the fault
    nb = await Notebook.open({ dir, writable: true, app: 'test' });
    const res = await importPaths(nb, [path.join(src, 'b.txt'), path.join(src, 'c.txt')]);
    expect(res.imported).toEqual([]);
    expect(res.failed.map((f) => f.error.message)).toEqual([expect.stringMatching(/^the disk is full \(/), expect.stringMatching(/^the disk is full \(/)]);
    expect(readFileSync(path.join(dir, 'catalog.json'))).toEqual(before);
    vi.restoreAllMocks();
    expect((await checkNotebook(nb, false)).ok).toBe(true);
    // Once there is room again, the same files import.
    const again = await importPaths(nb, [path.join(src, 'b.txt'), path.join(src, 'c.txt')]);
    expect(again.imported).toHaveLength(2);
    for (const r of again.imported) expect(await nb.reports.body(r.id)).toMatch(/Tartus|Hama/);
  });

  it('a failed backup does not fail the write it follows', async () => {
    injectFault('ENOSPC', /^\.notes\.json\.\d{4}-.*\.tmp$/);
    const n = await nb.notes.create({ title: 'Saved even though its backup failed' });
    expect(JSON.parse(readFileSync(path.join(dir, 'notes.json'), 'utf8')).notes.map((x: { id: string }) => x.id)).toContain(n.id);
  });
});

describe('the CLI on a full disk or a read-only folder', () => {
  it('`note add` on a full disk: one clear error line, exit 1, the notes file as it was', async () => {
    await nb.close();
    const before = readFileSync(path.join(dir, 'notes.json'));
    const r = cli(dir, ['note', 'add', '--title', 'Will not fit'], { preload: FAIL_WRITES, env: { DOSSIER_FAIL_WRITES: 'ENOSPC:notes.json' } });
    tally('disk faults');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`dossier: error: the disk is full (${path.join(dir, 'notes.json')})\n`);
    expect(readFileSync(path.join(dir, 'notes.json'))).toEqual(before);
    expect(existsSync(path.join(dir, 'dossier.lock'))).toBe(false);
    expect(cli(dir, ['check']).code).toBe(0);
  });

  it('a write command in a read-only folder says so; reading still works', async () => {
    await nb.close();
    const w = cli(dir, ['note', 'add', '--title', 'Nope'], { preload: FAIL_WRITES, env: { DOSSIER_FAIL_WRITES: 'EROFS:*' } });
    tally('disk faults');
    expect(w.code).toBe(1);
    expect(w.stderr).toBe(`dossier: error: the folder is read-only (${dir})\n`);
    expect(w.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const r = cli(dir, ['notes'], { preload: FAIL_WRITES, env: { DOSSIER_FAIL_WRITES: 'EROFS:*' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Before the trouble/);
  });
});
