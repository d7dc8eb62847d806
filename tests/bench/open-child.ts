/**
 * Run in a fresh process by the bench: opens a notebook read-only and runs one search, printing
 * JSON with the time from open to the first result and the process memory afterwards.
 */
import { Notebook } from '../../electron/notebook';

const dir = process.argv[2];
const query = process.argv[3] ?? 'Khmeimim';
if (!dir) throw new Error('usage: open-child.ts NOTEBOOK_DIR [QUERY]');
const t0 = performance.now();
const nb = await Notebook.open({ dir, writable: false });
const tOpen = performance.now();
const res = await nb.search.search({ q: query, limit: 10 });
const tFirst = performance.now();
const mem = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    openMs: tOpen - t0,
    firstResultMs: tFirst - t0,
    indexSource: nb.search.status?.source,
    indexMs: nb.search.status?.ms,
    results: res.total,
    top: res.results[0]?.title ?? null,
    rssMB: mem.rss / 1024 / 1024,
    heapMB: mem.heapUsed / 1024 / 1024,
  }),
);
await nb.close();
