/**
 * The notebook core in its own process (electron/main/core-host.ts), with `electron` mocked: its
 * `utilityProcess.fork` starts a real Node child (tests/helpers/utility-process.ts) running
 * core-child.ts, and IPC calls go through main's real handlers (ipc.ts) on a 10,000-report notebook.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope, SearchResult, Transport } from '../../../electron/api';
import { EVERYDAY_QUERIES, VARIANT_QUERIES } from '../../bench/corpus';
import { buildCorpusNotebook } from '../../helpers/corpus-notebook';
import { tmpDir } from '../../helpers/tmp';

type Handler = (event: unknown, input?: unknown) => Promise<unknown>;
const registered = vi.hoisted(() => new Map<string, (event: unknown, input?: unknown) => Promise<unknown>>());

vi.mock('electron', async () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => registered.set(channel, fn),
    removeHandler: (channel: string) => registered.delete(channel),
  },
  utilityProcess: (await import('../../helpers/utility-process')).utilityProcess,
}));

const { coreTransport, createHandlers, Notebook, readLock } = await import('../../../electron/notebook');
const { SEARCH_CACHE } = await import('../../../electron/notebook/searcher');
const { registerIpc } = await import('../../../electron/main/ipc');
const { startCore } = await import('../../../electron/main/core-host');
type CoreHost = Awaited<ReturnType<typeof startCore>>;

const REPORTS = 10_000;
const BURST = 200;
/**
 * Main's event loop may be held by one stretch of work for at most this long while the burst runs
 * (what a keystroke or a menu click would wait for, whatever else the machine is doing).
 */
const MAX_BUSY_STRETCH_MS = 50;
/**
 * How late main's timers may fire. This counts the machine too: on this shared 2-core machine at a
 * load of 5–12, other processes alone make an idle main 50–80 ms late, so the bound leaves room for
 * them. With the core in main the same burst holds the loop for seconds.
 */
const MAX_DELAY_MS = 250;
/** Main's event loop may be busy at most this share of the burst (it only forwards messages). */
const MAX_BUSY = 0.1;
const entry = fileURLToPath(new URL('../../../electron/main/core-child.ts', import.meta.url));

const root = tmpDir('dossier-core-host-');
const dir = path.join(root, 'nb');
const rendererDir = path.join(root, 'out', 'renderer');
const fromApp = { senderFrame: { url: `file://${rendererDir}/index.html`, parent: null } };
const queries = Array.from({ length: BURST }, (_, i) => {
  const all = [...EVERYDAY_QUERIES, ...VARIANT_QUERIES.map((v) => v.q)];
  return all[i % all.length] ?? 'government';
});

let backend: Transport | null = null;
let unregister: () => void = () => undefined;
let host: CoreHost | null = null;
const crashes: Array<{ code: number; restarting: boolean }> = [];

function ipcSearch(q: string): Promise<Envelope> {
  const fn = registered.get('dossier:search.query');
  if (!fn) throw new Error('search.query is not registered');
  return fn(fromApp, { q, limit: 20 }) as Promise<Envelope>;
}

interface BurstFigures {
  answers: Envelope[];
  /** monitorEventLoopDelay's maximum: how late main's timers fired. */
  maxDelayMs: number;
  /** The longest stretch main's loop was busy without a break (event-loop utilisation between ticks). */
  maxBusyStretchMs: number;
  /** Main's event-loop utilisation over the burst, 0–1. */
  busy: number;
  ms: number;
}

/** The burst through main's IPC handler, with main's event loop measured meanwhile. */
async function burst(): Promise<BurstFigures> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let maxBusyStretchMs = 0;
  let last = performance.eventLoopUtilization();
  const tick = (): void => {
    const now = performance.eventLoopUtilization();
    maxBusyStretchMs = Math.max(maxBusyStretchMs, performance.eventLoopUtilization(now, last).active);
    last = now;
  };
  const ticker = setInterval(tick, 5);
  const start = performance.eventLoopUtilization();
  const t0 = performance.now();
  const answers = await Promise.all(queries.map((q) => ipcSearch(q)));
  const ms = performance.now() - t0;
  // One more turn of the loop, so that a block at the very end is sampled too.
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(ticker);
  tick();
  delay.disable();
  return { answers, maxDelayMs: delay.max / 1e6, maxBusyStretchMs, busy: performance.eventLoopUtilization(start).utilization, ms };
}

/** What a user sees of a result page: the total and the ranked ids with their snippets. */
const page = (e: Envelope): unknown => {
  if (!e.ok) return e.error;
  const r = e.result as SearchResult;
  return { total: r.total, hits: r.results.map((h) => [h.kind, h.id, h.snippet]) };
};

beforeAll(async () => {
  expect(buildCorpusNotebook(dir, REPORTS)).toBe(REPORTS);
  unregister = registerIpc({ origin: { rendererDir }, backend: () => backend, external: { confirm: async () => false, open: async () => undefined } });
}, 240_000);

async function startHost(): Promise<CoreHost> {
  host ??= await startCore({ entry, dir, app: 'test', onCrash: (info) => crashes.push(info) });
  return host;
}

afterAll(async () => {
  unregister();
  await host?.close();
});

describe('the notebook core in a utility process (mocked electron)', () => {
  it(`answers a burst of ${BURST} searches over ${REPORTS} reports correctly while main's event loop stays free`, async () => {
    // The core in its own process, from a cold start (the first search loads the index, as after
    // the app starts), then once more warm. The bounds hold for the better of the two bursts, as a
    // benchmark takes its best run: main's own blocking shows in both, the shared machine's
    // scheduling noise rarely hits both.
    const core = await startHost();
    backend = core.transport;
    const runs = [await burst(), await burst()];

    // The core in main, as before: the reference answers, and what the same burst does to main.
    // Without the cache the core just saved, it builds the index as the core process did.
    rmSync(path.join(dir, SEARCH_CACHE), { force: true });
    const reader = await Notebook.open({ dir, writable: false });
    let inProcess: BurstFigures;
    try {
      backend = coreTransport(createHandlers(reader));
      inProcess = await burst();
    } finally {
      backend = core.transport;
      await reader.close();
    }

    const figures = (f: BurstFigures): string =>
      `held at most ${f.maxBusyStretchMs.toFixed(1)} ms at a stretch, timers late by at most ${f.maxDelayMs.toFixed(1)} ms, busy ${(f.busy * 100).toFixed(0)}% (burst ${f.ms.toFixed(0)} ms)`;
    console.info(
      `${BURST} searches over ${REPORTS} reports; main's event loop with the core in its own process, cold: ${runs.map(figures).join('; warm: ')}; ` +
        `with the core in main, cold: ${figures(inProcess)}`,
    );
    for (const run of runs) {
      expect(run.answers.every((a) => a.ok)).toBe(true);
      expect(run.answers.map(page)).toEqual(inProcess.answers.map(page));
    }
    expect(inProcess.answers.filter((a) => a.ok && (a.result as SearchResult).total > 0).length).toBeGreaterThan(BURST / 2);
    const best = (k: 'maxBusyStretchMs' | 'maxDelayMs' | 'busy'): number => Math.min(...runs.map((r) => r[k]));
    expect(best('maxBusyStretchMs')).toBeLessThan(MAX_BUSY_STRETCH_MS);
    expect(best('maxDelayMs')).toBeLessThan(MAX_DELAY_MS);
    expect(best('busy')).toBeLessThan(MAX_BUSY);
    // The measures see a blocked main: with the core in main the same burst keeps the loop busy
    // nearly throughout, in stretches well past the bound (how long each is depends on how fast
    // one search is, so the bound is a multiple of the limit, not a figure of seconds).
    expect(inProcess.maxBusyStretchMs).toBeGreaterThan(4 * MAX_BUSY_STRETCH_MS);
    expect(inProcess.maxDelayMs).toBeGreaterThan(4 * MAX_BUSY_STRETCH_MS);
    expect(inProcess.busy).toBeGreaterThan(0.9);
  }, 240_000);

  it('fails the calls waiting on a crashed process with IO_ERROR, restarts it, and answers the next call', async () => {
    const core = await startHost();
    backend = core.transport;
    const expected = page(await ipcSearch('Hama'));
    const pid = core.pid;
    expect(pid).toBeTypeOf('number');
    const waiting = queries.slice(0, 20).map((q) => ipcSearch(q));
    await new Promise((r) => setImmediate(r)); // the calls are on their way to the process
    process.kill(pid as number, 'SIGKILL');
    const answers = await Promise.all(waiting);
    const failed = answers.filter((a) => !a.ok);
    expect(failed.length).toBeGreaterThan(0);
    for (const a of failed) expect(a).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: expect.stringMatching(/notebook process stopped/) } });
    expect(crashes).toEqual([{ code: 128 + 9, restarting: true }]);

    const again = await ipcSearch('Hama');
    expect(page(again)).toEqual(expected);
    expect(core.pid).toBeTypeOf('number');
    expect(core.pid).not.toBe(pid);
  });

  it('closes the notebook on quit: writes are flushed and the lock is released', async () => {
    const core = await startHost();
    const { createClient } = await import('../../../electron/api');
    const client = createClient(core.transport);
    const note = await client['notes.create']({ title: 'Written just before quitting', body: 'about Hama' });
    expect(await readLock(dir)).toMatchObject({ app: 'test' });
    await core.close();
    await core.stopped;
    expect(await readLock(dir)).toBeNull();
    expect(existsSync(path.join(dir, 'dossier.lock'))).toBe(false);
    expect(await core.transport('notebook.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const reader = await Notebook.open({ dir, writable: false });
    try {
      expect((await createHandlers(reader)['notes.get']({ id: note.id })).title).toBe('Written just before quitting');
    } finally {
      await reader.close();
    }
  });

  it('gives up after more stops than it may restart: calls then fail with IO_ERROR, and it says so', async () => {
    const seen: Array<{ code: number; restarting: boolean }> = [];
    const once = await startCore({ entry, dir, app: 'test', maxRestarts: 0, onCrash: (info) => seen.push(info) });
    try {
      expect(await once.transport('notebook.info', {})).toMatchObject({ ok: true, result: { writable: true, reports: REPORTS } });
      process.kill(once.pid as number, 'SIGKILL');
      await once.stopped;
      expect(seen).toEqual([{ code: 128 + 9, restarting: false }]);
      expect(once.pid).toBeUndefined();
      expect(await once.transport('notebook.info', {})).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: expect.stringMatching(/keeps stopping/) } });
    } finally {
      await once.close();
    }
  });
});
