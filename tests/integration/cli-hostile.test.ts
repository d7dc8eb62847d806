/**
 * The CLI with hostile names, as a child process: terminal escape sequences in a file name never
 * reach the terminal (import summary, `show`'s "from …" line, tables), while --json stays exact.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossier, dossierJson } from '../helpers/cli';

const DANGEROUS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const NAME = 'brief\u001b]0;pwned\u0007\u001b[2J\u202Egnp.txt';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dossier-cli-hostile-'));
  await fs.writeFile(path.join(dir, NAME), 'Russian forces at Khmeimim, December 2024.\n');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('hostile file names through the CLI', { timeout: 120_000 }, () => {
  it('import summary, show and the reports table print no escape sequence; --json keeps the name exactly', () => {
    const nb = path.join(dir, 'nb');
    const imp = dossier(nb, ['import', path.join(dir, NAME)]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/imported +r_[0-9a-z]+ +.*brief/);
    for (const l of imp.stdout.split('\n')) expect(l).not.toMatch(DANGEROUS);
    const [r] = dossierJson<Array<{ id: string; originalName: string }>>(nb, ['reports']);
    expect(r?.originalName).toBe(NAME);
    const show = dossier(nb, ['show', r?.id ?? '']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/characters from brief .*gnp\.txt/);
    for (const l of show.stdout.split('\n')) expect(l).not.toMatch(DANGEROUS);
    const list = dossier(nb, ['reports']);
    for (const l of list.stdout.split('\n')) expect(l).not.toMatch(DANGEROUS);
  });

  it('says on stderr when cleaning changed a typed title or an alias; --json stays exact', () => {
    const nb = path.join(dir, 'nb');
    const n = dossier(nb, ['note', 'add', '--title', 'Hama\u0007 offensive', '--tag', 'syria\u202E', '--json']);
    expect(n.code, n.stderr).toBe(0);
    expect(JSON.parse(n.stdout)).toMatchObject({ title: 'Hama offensive' });
    const lines = n.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^dossier: warning: title "Hama\\u0007 offensive" was stored as "Hama offensive": control characters replaced or removed$/);
    expect(lines[1]).toMatch(/^dossier: warning: tag "syria ?" was stored as "syria": invisible format characters/);
    const e = dossier(nb, ['entity', 'add', 'Zhuravlev', '--type', 'person', '--alias', 'ZHURAVLEV']);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toContain('dossier: warning: alias "ZHURAVLEV" was dropped: it is the entity\'s name');
  });
});
