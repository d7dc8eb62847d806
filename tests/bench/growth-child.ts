/**
 * Run in a fresh process by the growth bench: opens a notebook read-only, runs one search (open to
 * first result), then every query of the growth set, and prints JSON: the times, the mean query
 * latency and the process memory after open.
 */
import { Notebook } from '../../electron/notebook';
import { growthQueries } from './growth-corpus';

const dir = process.argv[2];
if (!dir) throw new Error('usage: growth-child.ts NOTEBOOK_DIR');
const t0 = performance.now();
// Lazily, as the `dossier` command opens it: a search whose index cache is current loads no catalog.
const nb = await Notebook.open({ dir, writable: false, lazy: true });
const tOpen = performance.now();
// A name the reports spell Gaddafi (and, in corpora grown since the names were fixed, Qadhafi): the
// first answer has hits to rank and snippets to cut, through the variant path.
const first = await nb.search.search({ q: 'Qadhafi', limit: 10 });
if (first.total === 0) throw new Error('the first query found nothing: the figure would not be a first search result');
const tFirst = performance.now();
const rssAfterOpen = process.memoryUsage().rss;
const queries = growthQueries();
const times: number[] = [];
for (let round = 0; round < 2; round++) {
  for (const q of queries) {
    const t = performance.now();
    await nb.search.search({ q, limit: 10 });
    if (round === 1) times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({
    openMs: tOpen - t0,
    firstResultMs: tFirst - t0,
    indexSource: nb.search.status?.source,
    indexMs: nb.search.status?.ms,
    firstHits: first.total,
    meanQueryMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    p95QueryMs: times[Math.floor(times.length * 0.95)] ?? 0,
    rssAfterOpenMB: rssAfterOpen / 1024 / 1024,
    rssMB: process.memoryUsage().rss / 1024 / 1024,
  }),
);
await nb.close();
