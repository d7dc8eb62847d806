/**
 * Shared pieces of the reliability suite: tallies printed after each file, real child processes
 * (the `dossier` CLI and small tsx scripts) with their ack lines, and the after-crash verification.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { Notebook } from '../../electron/notebook';
import { checkNotebook } from '../../electron/notebook/check';
import type { CheckResult } from '../../electron/api/types';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'electron/cli/bin.mjs');
export const WRITER = path.join(__dirname, 'fixtures/writer.ts');

export type TallyKind = 'kill points' | 'corruptions' | 'hostile inputs' | 'concurrent writers' | 'disk faults' | 'migrations';
const tallies = new Map<TallyKind, number>();

export function tally(kind: TallyKind, n = 1): void {
  tallies.set(kind, (tallies.get(kind) ?? 0) + n);
}

/** Registers an afterAll that prints what this test file tried. */
export function reportTallies(file: string): void {
  afterAll(() => {
    const parts = [...tallies.entries()].map(([k, n]) => `${n} ${k}`);
    console.log(`[reliability] ${file}: tried ${parts.join(', ') || 'nothing'}`);
  });
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

export function tmp(prefix = 'dossier-rel-'): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `dossier` command (optionally with a preloaded module, e.g. a fault injector). */
export function cli(notebook: string, args: string[], opts: { preload?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const pre = opts.preload ? ['--import', opts.preload] : [];
  const r = spawnSync(process.execPath, [...pre, BIN, '--notebook', notebook, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env, FORCE_COLOR: '0' },
    input: opts.input,
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the `dossier` command without waiting. */
export function cliAsync(notebook: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--notebook', notebook, ...args], { env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface KilledRun {
  /** Lines the child printed before it was killed (complete lines only). */
  lines: string[];
  /** Whether the child got as far as READY. */
  ready: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Where a kill's delay is counted from: the spawn, or the child's READY line (its open done). */
export type KillFrom = 'spawn' | 'READY';

/**
 * Spawns `args` (node arguments), kills it with SIGKILL `delayMs` after spawning (or after it
 * printed READY, so a loaded machine's slow start-up does not push every kill into the open), and
 * collects every complete stdout line written before the kill (pipes are synchronous on Linux, so a
 * line the child wrote is in the pipe before its next instruction runs).
 */
export function runAndKill(args: string[], delayMs: number, from: KillFrom = 'spawn'): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => void (timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (from === 'READY' && /^READY$/m.test(out)) arm();
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
    if (from === 'spawn') arm();
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      const lines = complete.split('\n').filter(Boolean);
      resolve({ lines, ready: lines.includes('READY'), signal, stderr: err });
    });
  });
}

/**
 * Kill points for a writer child: `startUp` of them counted from the spawn, spread over its
 * start-up (`startFrom`..`startTo` ms), and `loop` of them counted from its READY line, spread over
 * `loopFrom`..`loopTo` ms of its write loop.
 */
export function killPoints(startUp: number, startFrom: number, startTo: number, loop: number, loopFrom: number, loopTo: number): Array<{ delay: number; from: KillFrom; label: string }> {
  return [
    ...spread(startUp, startFrom, startTo).map((delay) => ({ delay, from: 'spawn' as const, label: `${delay} ms after spawn` })),
    ...spread(loop, loopFrom, loopTo).map((delay) => ({ delay, from: 'READY' as const, label: `${delay} ms after READY` })),
  ];
}

/** Opens the notebook as the writer (taking over the dead child's lock), runs `check`, hands it to `fn`. */
export async function verifyAfterCrash(dir: string, fn: (nb: Notebook, check: CheckResult) => void | Promise<void>): Promise<void> {
  const nb = await Notebook.open({ dir, writable: true, app: 'verify' });
  try {
    expect(nb.recoveries, 'a crash damaged a file').toEqual([]);
    let check = await checkNotebook(nb, false);
    if (!check.ok) check = await checkNotebook(nb, true);
    expect(check.ok, JSON.stringify(check.problems)).toBe(true);
    await fn(nb, check);
  } finally {
    await nb.close();
  }
  // No temp files from the killed writes survive a writable open.
  for (const sub of ['', 'backups', 'cache']) {
    const d = path.join(dir, sub);
    const names = (() => {
      try {
        return statSync(d).isDirectory() ? readdirSync(d) : [];
      } catch {
        return [];
      }
    })();
    expect(names.filter((n) => /\.tmp$|\.tmp-\d+-/.test(n)), `temp files left in ${d}`).toEqual([]);
  }
}

/** `count` spread points in [from, to], inclusive. */
export function spread(count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round(from + ((to - from) * i) / Math.max(1, count - 1)));
}
