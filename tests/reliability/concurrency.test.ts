/**
 * Concurrency: two `dossier` commands writing at once (note loops, imports, tags) are serialized
 * (a CLI command waits briefly for another CLI command's lock) or refused with the LOCKED message;
 * the browser host holds the lock for as long as it runs, so CLI writes are refused at once while
 * CLI reads keep working. Never interleaved damage: the final state validates and every write that
 * succeeded is there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../electron/host';
import { Notebook } from '../../electron/notebook';
import { checkNotebook } from '../../electron/notebook/check';
import { cli, cliAsync, reportTallies, tally, tmp, type CliResult } from './support';

reportTallies('concurrency');

const LOCKED_RE = /^dossier: error: the notebook is open for writing in another Dossier process \((\w+), pid \d+/;

async function loop(times: number, step: (i: number) => Promise<CliResult>): Promise<CliResult[]> {
  const out: CliResult[] = [];
  for (let i = 0; i < times; i++) out.push(await step(i));
  return out;
}

async function expectValid(dir: string): Promise<Notebook> {
  const nb = await Notebook.open({ dir, writable: false });
  expect(nb.recoveries).toEqual([]);
  const check = await checkNotebook(nb, false);
  expect(check.ok, JSON.stringify(check.problems)).toBe(true);
  return nb;
}

function folder(tag: string, n: number): string {
  const src = path.join(tmp(), tag);
  mkdirSync(src, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(path.join(src, `${tag}-${i}.txt`), `${tag} report ${i}\n\nUnique text ${tag} ${i} about Tartus.`);
  return src;
}

describe('two CLI processes writing at once', () => {
  it('two `note add` loops: every note is saved, none refused', async () => {
    const dir = path.join(tmp(), 'nb');
    expect(cli(dir, ['init']).code).toBe(0);
    const add = (who: string) => (i: number) => cliAsync(dir, ['note', 'add', '--title', `${who} ${i}`, '--body', `Body ${who} ${i}`, '--json']);
    const [a, b] = await Promise.all([loop(6, add('alpha')), loop(6, add('beta'))]);
    tally('concurrent writers', 12);
    const all = [...a, ...b];
    for (const r of all) if (r.code !== 0) expect(r.stderr).toMatch(LOCKED_RE);
    const ok = all.filter((r) => r.code === 0).map((r) => (JSON.parse(r.stdout) as { id: string }).id);
    // The CLI waits for another CLI command's short-lived lock, so none should have been refused.
    expect(ok).toHaveLength(12);
    const nb = await expectValid(dir);
    for (const id of ok) expect(nb.notes.find(id)).toBeDefined();
    expect(nb.notes.count).toBe(12);
  });

  it('two imports and a tag loop at once', async () => {
    const dir = path.join(tmp(), 'nb');
    expect(cli(dir, ['import', folder('seed', 3), '--json']).code).toBe(0);
    const seedIds = (JSON.parse(cli(dir, ['reports', '--json']).stdout) as Array<{ id: string }>).map((r) => r.id);
    const [i1, i2, tags] = await Promise.all([
      cliAsync(dir, ['import', folder('east', 40), '--json']),
      cliAsync(dir, ['import', folder('west', 40), '--json']),
      loop(4, (i) => cliAsync(dir, ['tag', seedIds[i % seedIds.length] ?? '', `t${i}`, '--json'])),
    ]);
    tally('concurrent writers', 6);
    const imported: string[] = [];
    for (const r of [i1, i2]) {
      if (r.code !== 0) expect(r.stderr).toMatch(LOCKED_RE);
      else imported.push(...(JSON.parse(r.stdout) as { imported: Array<{ id: string }> }).imported.map((x) => x.id));
    }
    const nb = await expectValid(dir);
    for (const id of imported) expect(nb.reports.find(id)).toBeDefined();
    tags.forEach((r, i) => {
      if (r.code !== 0) expect(r.stderr).toMatch(LOCKED_RE);
      else expect(nb.reports.get(seedIds[i % seedIds.length] ?? '').tags).toContain(`t${i}`);
    });
    expect(nb.reports.count).toBe(3 + imported.length);
  });
});

function post(port: number, token: string, method: string, params: unknown): Promise<{ status: number; body: { ok: boolean; result?: { id?: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api', headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { ok: boolean; result?: { id?: string } } }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ method, params }));
  });
}

describe('taking over a stale lock', () => {
  it('several processes taking over the same stale lock at once: exactly one gets it', async () => {
    const racer = path.join(__dirname, 'fixtures/lock-racer.ts');
    for (let round = 0; round < 2; round++) {
      const dir = tmp();
      const dead = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
      writeFileSync(path.join(dir, 'dossier.lock'), JSON.stringify({ pid: dead, host: os.hostname(), app: 'cli', since: 'then' }));
      const start = String(Date.now() + 2_000);
      const outs = await Promise.all(
        Array.from({ length: 4 }, () => new Promise<string>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', racer, dir, start, '1500']);
          let out = '';
          child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
          child.on('close', () => resolve(out.trim()));
        })),
      );
      tally('concurrent writers', 4);
      expect(outs.filter((o) => o === 'GOT'), outs.join(',')).toHaveLength(1);
      expect(outs.filter((o) => o === 'LOCKED')).toHaveLength(3);
    }
  });
});

describe('the browser host and the CLI', () => {
  it('CLI writes are refused at once with LOCKED while the host writes; CLI reads work; nothing is damaged', async () => {
    const dir = path.join(tmp(), 'nb');
    const host = await startHost({ notebookDir: dir, rendererDir: tmp() });
    const hostIds: string[] = [];
    let writing = true;
    const hostWrites = (async () => {
      for (let i = 0; writing || i < 5; i++) {
        const r = await post(host.port, host.token, 'notes.create', { title: `Host note ${i}`, body: `written through the host ${i}` });
        expect(r.status).toBe(200);
        if (r.body.result?.id) hostIds.push(r.body.result.id);
      }
    })();
    try {
      const t0 = Date.now();
      const [write, read, imp] = await Promise.all([
        cliAsync(dir, ['note', 'add', '--title', 'From the CLI']),
        cliAsync(dir, ['notes', '--json']),
        cliAsync(dir, ['import', folder('cli', 2)]),
      ]);
      tally('concurrent writers', 3);
      expect(Date.now() - t0).toBeLessThan(20_000);
      for (const r of [write, imp]) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(LOCKED_RE);
        expect(LOCKED_RE.exec(r.stderr)?.[1]).toBe('host');
      }
      expect(read.code, read.stderr).toBe(0);
      expect(Array.isArray(JSON.parse(read.stdout))).toBe(true);
    } finally {
      writing = false;
      await hostWrites;
      await host.close();
    }
    const after = cli(dir, ['note', 'add', '--title', 'After the host', '--json']);
    expect(after.code, after.stderr).toBe(0);
    const nb = await expectValid(dir);
    for (const id of hostIds) expect(nb.notes.find(id)).toBeDefined();
    expect(nb.notes.count).toBe(hostIds.length + 1);
  });
});
