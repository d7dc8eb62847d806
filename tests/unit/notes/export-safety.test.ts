/**
 * Export writes and deletes only real files it created itself: symbolic links inside or as the
 * export folder, forged or foreign manifests, `..` paths and folders in the notebook are refused,
 * and a refused export creates nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST } from '../../../electron/notebook/export/export';
import { EXPORT_KEY_FILE, exportKey, manifestText } from '../../../electron/notebook/export/folder';
import { openFixture, type Fixture } from './helpers';

let f: Fixture;
let victimDir: string;
let victim: string;

beforeEach(async () => {
  f = await openFixture();
  await f.call('notes.create', { title: 'Hama offensive', body: 'Russian forces near Hama.' });
  victimDir = path.join(f.dir, 'victimdir');
  await fs.mkdir(victimDir);
  victim = path.join(victimDir, 'victim.txt');
  await fs.writeFile(victim, 'precious');
});
afterEach(async () => {
  await f.close();
});

async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const ent of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    out.push(path.relative(dir, path.join(ent.parentPath, ent.name)).split(path.sep).join('/'));
  }
  return out.sort();
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

describe('export folder safety', () => {
  it('the reported attack: a planted manifest naming a symlinked folder deletes nothing', async () => {
    const out = path.join(f.dir, 'out');
    await fs.mkdir(out);
    await fs.symlink(victimDir, path.join(out, 'lnk'));
    await fs.writeFile(path.join(out, MANIFEST), JSON.stringify({ app: 'dossier', files: ['lnk/victim.txt', 'lnk'] }));
    const err = await f.fail('export.all', { outDir: out, links: 'markdown' });
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(/did not export \(.*lnk \(a link\)/);
    expect(await fs.readFile(victim, 'utf8')).toBe('precious');
    expect(await tree(out)).toEqual([MANIFEST, 'lnk']);
  });

  it('refuses an export folder that is a symbolic link, and writes nothing through it', async () => {
    const link = path.join(f.dir, 'link-out');
    await fs.symlink(victimDir, link);
    const err = await f.fail('export.all', { outDir: link, links: 'markdown' });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/symbolic link/);
    expect(await tree(victimDir)).toEqual(['victim.txt']);
    // Even an empty folder behind the link is refused: the user named the link, not the folder.
    const empty = path.join(f.dir, 'empty');
    await fs.mkdir(empty);
    await fs.symlink(empty, path.join(f.dir, 'to-empty'));
    expect((await f.fail('export.all', { outDir: path.join(f.dir, 'to-empty'), links: 'wiki' })).code).toBe('INVALID_INPUT');
    expect(await tree(empty)).toEqual([]);
  });

  it('never follows a symbolic link to a parent folder inside the export folder', async () => {
    const out = path.join(victimDir, 'out');
    const first = await f.call('export.all', { outDir: out, links: 'markdown' });
    expect(first.files.length).toBeGreaterThan(0);
    await fs.symlink('..', path.join(out, 'up'));
    await fs.symlink('../..', path.join(out, 'notes', 'upup'));
    const err = await f.fail('export.all', { outDir: out, links: 'markdown' });
    expect(err.message).toMatch(/up \(a link\)/);
    expect(await fs.readFile(victim, 'utf8')).toBe('precious');
    // A symlinked sub-folder is never written through either.
    await fs.rm(path.join(out, 'up'));
    await fs.rm(path.join(out, 'notes'), { recursive: true });
    await fs.symlink(victimDir, path.join(out, 'notes'));
    expect((await f.fail('export.all', { outDir: out, links: 'markdown' })).code).toBe('FORBIDDEN');
    expect(await tree(victimDir)).toEqual(['out', 'out/.dossier-export.json', 'out/index.md', 'out/notes', 'victim.txt']);
  });

  it('trusts no manifest it did not sign, and none that names `..` paths even when signed', async () => {
    const out = path.join(victimDir, 'out');
    await f.call('export.all', { outDir: out, links: 'markdown' });
    const manifestFile = path.join(out, MANIFEST);
    const real = JSON.parse(await fs.readFile(manifestFile, 'utf8')) as { files: Array<{ path: string; sha256: string }> };
    // Tampered: a `..` entry added to a real manifest breaks its signature.
    const tampered = { ...real, files: [...real.files, { path: '../victim.txt', sha256: '0'.repeat(64) }] };
    await fs.writeFile(manifestFile, JSON.stringify(tampered));
    expect((await f.fail('export.all', { outDir: out, links: 'markdown' })).message).toMatch(/did not export/);
    expect(await fs.readFile(victim, 'utf8')).toBe('precious');
    // Signed with the notebook's own key but naming paths export never writes: still untrusted.
    const key = await exportKey(f.nb.dir);
    for (const bad of ['../victim.txt', 'notes/../../victim.txt', '/etc/passwd', 'notes/sub/x.md', 'notes\\..\\x.md', 'other/x.md']) {
      await fs.writeFile(manifestFile, manifestText(key, [...real.files, { path: bad, sha256: '0'.repeat(64) }]));
      const err = await f.fail('export.all', { outDir: out, links: 'markdown' });
      expect(err.code, bad).toBe('FORBIDDEN');
    }
    expect(await fs.readFile(victim, 'utf8')).toBe('precious');
    // The genuine manifest restored: re-export works again.
    await fs.writeFile(manifestFile, manifestText(key, real.files));
    expect((await f.call('export.all', { outDir: out, links: 'markdown' })).files.length).toBe(real.files.length);
  });

  it('trusts no manifest written by another notebook', async () => {
    const out = path.join(f.dir, 'shared');
    await f.call('export.all', { outDir: out, links: 'markdown' });
    await fs.rm(path.join(f.nb.dir, EXPORT_KEY_FILE)); // as if another notebook wrote the folder
    const err = await f.fail('export.all', { outDir: out, links: 'markdown' });
    expect(err.message).toMatch(/did not export/);
    expect(await exists(path.join(out, 'index.md'))).toBe(true);
  });

  it('counts an exported file the user changed, or replaced by a link, as the user\'s', async () => {
    const out = path.join(f.dir, 'out');
    const res = await f.call('export.all', { outDir: out, links: 'markdown' });
    const note = res.files.find((p) => p.includes(`${path.sep}notes${path.sep}`)) ?? '';
    await fs.appendFile(note, '\nMy own edit.\n');
    const err = await f.fail('export.all', { outDir: out, links: 'markdown' });
    expect(err.message).toMatch(/Hama offensive\.md \(changed since the export\)/);
    expect(await fs.readFile(note, 'utf8')).toContain('My own edit.');
    await fs.rm(note);
    await fs.symlink(victim, note);
    expect((await f.fail('export.all', { outDir: out, links: 'markdown' })).message).toMatch(/\(a link\)/);
    expect(await fs.readFile(victim, 'utf8')).toBe('precious');
    // Clean-up after a rename removes only the old regular file.
    await fs.rm(note);
    await f.call('export.all', { outDir: out, links: 'markdown' });
    const [n] = await f.call('notes.list', {});
    await f.call('notes.update', { id: n?.id ?? '', title: 'Renamed' });
    await f.call('export.all', { outDir: out, links: 'markdown' });
    expect(await tree(out)).toEqual([MANIFEST, 'index.md', 'notes', 'notes/Renamed.md']);
  });

  it('refuses a folder inside the notebook (also as NB/../NB/x) or holding it, and creates nothing', async () => {
    const nbDir = f.nb.dir;
    const before = await tree(nbDir);
    for (const outDir of [path.join(nbDir, 'x'), `${nbDir}${path.sep}..${path.sep}${path.basename(nbDir)}${path.sep}x${path.sep}y`, nbDir]) {
      const err = await f.fail('export.all', { outDir, links: 'markdown' });
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.message).toMatch(/outside the notebook/);
    }
    // Through a symbolic link to the notebook, too.
    await fs.symlink(nbDir, path.join(f.dir, 'nb-link'));
    expect((await f.fail('export.all', { outDir: path.join(f.dir, 'nb-link', 'out'), links: 'markdown' })).code).toBe('INVALID_INPUT');
    expect((await f.fail('export.all', { outDir: f.dir, links: 'markdown' })).message).toMatch(/holds the notebook/);
    const after = (await tree(nbDir)).filter((p) => p !== EXPORT_KEY_FILE);
    expect(after).toEqual(before.filter((p) => p !== EXPORT_KEY_FILE));
    // A refusal for foreign files creates no missing folder either.
    expect((await f.fail('export.all', { outDir: path.join(victim, 'sub'), links: 'markdown' })).code).toBe('INVALID_INPUT');
    expect(await tree(victimDir)).toEqual(['victim.txt']);
  });

  it('creates missing folders for a fresh export, and keeps the key private to the notebook', async () => {
    const out = path.join(f.dir, 'a', 'b', 'c');
    const res = await f.call('export.all', { outDir: out, links: 'wiki' });
    expect(res.dir).toBe(await fs.realpath(out));
    const key = await fs.stat(path.join(f.nb.dir, EXPORT_KEY_FILE));
    if (process.platform !== 'win32') expect(key.mode & 0o077).toBe(0);
    const manifest = await fs.readFile(path.join(out, MANIFEST), 'utf8');
    expect(manifest).not.toContain((await fs.readFile(path.join(f.nb.dir, EXPORT_KEY_FILE), 'utf8')).trim());
  });
});
