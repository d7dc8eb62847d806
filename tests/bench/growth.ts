/**
 * Growth bench (issue 17): one notebook grown through the real CLI in steps of 10,000 reports of
 * the growth corpus (Telegram-post-sized texts and long reports from Brown corpus sentences), and
 * at each requested size the figures a heavy user notices: open to the first search result and
 * memory (fresh process, cached index), mean query latency, `note add` and `reports --json` as
 * whole processes, the catalog's size and the notebook's size on disk against its text.
 *   npm run bench -- --sizes 10000,50000,250000 --only growth
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './import';
import { growthDoc } from './growth-corpus';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '../../electron/cli/bin.mjs');
const STEP = 10_000;

export interface GrowthPoint {
  reports: number;
  importRate: number;
  /** The slowest 10k step up to this size. */
  slowestStepRate: number;
  firstSearchAfterImportMs: number;
  openToFirstMs: number;
  meanQueryMs: number;
  p95QueryMs: number;
  noteAddMs: number;
  reportsJsonMs: number;
  rssMB: number;
  catalogBytes: number;
  diskBytes: number;
  textBytes: number;
}

function du(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) total += du(full);
    // Allocated blocks, not apparent size: what a small file really costs.
    else if (e.isFile()) total += statSync(full).blocks * 512;
  }
  return total;
}

function timed(args: string[]): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`dossier ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function runGrowthBench(sizes: number[], log: (s: string) => void = () => undefined): Promise<GrowthPoint[]> {
  const root = path.join(os.tmpdir(), `dossier-growth-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  const nbDir = path.join(root, 'notebook');
  const points: GrowthPoint[] = [];
  let have = 0;
  let textBytes = 0;
  let importMs = 0;
  let imported = 0;
  let slowest = Infinity;
  for (const target of [...sizes].sort((a, b) => a - b)) {
    importMs = 0;
    imported = 0;
    while (have < target) {
      const step = Math.min(STEP, target - have);
      const src = path.join(root, `step-${have}`);
      mkdirSync(src, { recursive: true });
      for (let i = have; i < have + step; i++) {
        const d = growthDoc(i);
        textBytes += Buffer.byteLength(d.text);
        writeFileSync(path.join(src, `${d.name}.txt`), d.text);
      }
      const r = timed(['--notebook', nbDir, 'import', src, '--json']);
      const summary = JSON.parse(r.stdout) as { imported: unknown[]; failed: unknown[] };
      if (summary.failed.length) throw new Error(`${summary.failed.length} files failed to import`);
      importMs += r.ms;
      imported += summary.imported.length;
      rmSync(src, { recursive: true, force: true });
      have += step;
      slowest = Math.min(slowest, step / (r.ms / 1000));
      log(`  growth: ${have} reports (step imported at ${(step / (r.ms / 1000)).toFixed(0)} reports/s)`);
    }
    // The first search after an import brings the index up to date (and rewrites its cache).
    const first = timed(['--notebook', nbDir, 'search', 'Qadhafi', '--json']);
    const child = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'growth-child.ts'), nbDir], { encoding: 'utf8' })) as {
      firstResultMs: number;
      meanQueryMs: number;
      p95QueryMs: number;
      rssAfterOpenMB: number;
      indexSource: string;
    };
    if (child.indexSource !== 'cache') log(`  growth: warning: the index was ${child.indexSource}, not read from its cache`);
    const notes = [0, 1, 2].map((k) => timed(['--notebook', nbDir, 'note', 'add', '--title', `Growth note ${target}-${k}`, '--body', 'See [[Khmeimim]].', '--json']).ms);
    const list = timed(['--notebook', nbDir, 'reports', '--json']);
    const catalogBytes = readdirSync(nbDir)
      .filter((f) => /^catalog(-\d{6})?\.json$/.test(f))
      .reduce((s, f) => s + statSync(path.join(nbDir, f)).size, 0);
    points.push({
      reports: have,
      importRate: imported / (importMs / 1000),
      slowestStepRate: slowest,
      firstSearchAfterImportMs: first.ms,
      openToFirstMs: child.firstResultMs,
      meanQueryMs: child.meanQueryMs,
      p95QueryMs: child.p95QueryMs,
      noteAddMs: median(notes),
      reportsJsonMs: list.ms,
      rssMB: child.rssAfterOpenMB,
      catalogBytes,
      diskBytes: du(nbDir),
      textBytes,
    });
  }
  rmSync(root, { recursive: true, force: true });
  return points;
}

/** The growth table, and rows judged against the budgets at the largest size. */
export function growthRows(points: GrowthPoint[]): { table: string[]; rows: BenchRow[] } {
  const head = ['reports', 'import', 'open + first query', 'per query (mean/p95)', '`note add` process', '`reports --json`', 'catalog', 'on disk (x text)', 'RSS after open'];
  const body = points.map((p) => [
    p.reports.toLocaleString('en-US'),
    `${p.importRate.toFixed(0)}/s`,
    `${p.openToFirstMs.toFixed(0)} ms`,
    `${p.meanQueryMs.toFixed(1)} / ${p.p95QueryMs.toFixed(1)} ms`,
    `${p.noteAddMs.toFixed(0)} ms`,
    `${(p.reportsJsonMs / 1000).toFixed(2)} s`,
    mb(p.catalogBytes),
    `${mb(p.diskBytes)} (${(p.diskBytes / p.textBytes).toFixed(2)}x)`,
    `${p.rssMB.toFixed(0)} MB`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const table = [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(fmt)];
  const last = points.at(-1);
  const rows: BenchRow[] = [];
  if (last && last.reports >= 250_000) {
    const s = `growth ${last.reports}`;
    rows.push(
      { section: s, metric: 'open to first search result', ours: `${last.openToFirstMs.toFixed(0)} ms`, budget: '<= 1500 ms', ok: last.openToFirstMs <= 1500 },
      { section: s, metric: 'mean query latency', ours: `${last.meanQueryMs.toFixed(2)} ms`, budget: '<= 10 ms', ok: last.meanQueryMs <= 10 },
      { section: s, metric: '`note add` as a process', ours: `${last.noteAddMs.toFixed(0)} ms`, budget: '<= 400 ms', ok: last.noteAddMs <= 400 },
      { section: s, metric: 'memory after open', ours: `${last.rssMB.toFixed(0)} MB`, budget: '<= 1536 MB', ok: last.rssMB <= 1536 },
      { section: s, metric: 'disk against text', ours: `${(last.diskBytes / last.textBytes).toFixed(2)}x`, budget: '<= 3x', ok: last.diskBytes <= 3 * last.textBytes },
      { section: s, metric: 'import rate (slowest step)', ours: `${last.slowestStepRate.toFixed(0)} reports/s`, budget: '>= 1000/s', ok: last.slowestStepRate >= 1000 },
    );
  }
  return { table, rows };
}
