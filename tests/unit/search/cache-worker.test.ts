/**
 * An import keeps the search cache current on a worker thread (electron/notebook/search/cache-worker.ts,
 * started as the CLI starts it): the next search loads the cache instead of rebuilding, finds the
 * new reports, and answers as a notebook whose import kept the index on the main thread. A cache
 * that is not exactly current, or a worker that dies, costs nothing but speed.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { spawnCacheWorker } from '../../../electron/cli/cache-worker';
import { importPaths, Notebook } from '../../../electron/notebook';
import { deltaFileOf } from '../../../electron/notebook/search/index';
import { writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';

const TEXTS = [
  ['convoy', 'A convoy passed Prokhorovka and Dzhankoi at night, heading for Tartous.'],
  ['runway', 'Repairs on the runway at Khmeymim continued; Zhuravlyov was not seen.'],
  ['port', 'Ships left the port of Tartus; the quay stood empty.'],
];
const LATER = [
  ['hama', 'Shelling reported north of Khama (Хама) overnight; Hmeimim flights resumed.'],
  ['kharkiv', 'Rail traffic through Kharkov restored after repairs on the Kharkiv line.'],
];
const QUERIES = ['Hama', 'Kharkiv', 'Khmeimim', 'Zhuravlev', 'Tartus', 'repairs', 'Prokh'];

function folder(items: string[][]): string {
  const dir = tmpDir();
  for (const [name, text] of items) writeText(dir, `${name}.txt`, `${text}\n`);
  return dir;
}

/** A notebook with the first reports imported and its search cache written. */
async function indexed(): Promise<string> {
  const dir = tmpDir();
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  await importPaths(nb, [folder(TEXTS)]);
  await nb.search.search({ q: 'convoy' });
  await nb.close();
  return dir;
}

/** Imports the later reports as `dossier import` does, with the given worker (or none). */
async function importLater(dir: string, spawn?: typeof spawnCacheWorker): Promise<{ loadedHere: boolean }> {
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  if (spawn) nb.search.prefetchInWorker(spawn);
  await nb.search.loadIfCached({ appendOnly: true });
  const res = await importPaths(nb, [folder(LATER)]);
  expect(res.imported).toHaveLength(LATER.length);
  const loadedHere = nb.search.loaded;
  await nb.close();
  return { loadedHere };
}

async function answers(dir: string): Promise<{ source: string | undefined; results: unknown[] }> {
  const nb = await Notebook.open({ dir, writable: false, app: 'test' });
  const results: unknown[] = [];
  for (const q of QUERIES) {
    // Ties are ordered by report id, which differs between two notebooks: compared by score, then title.
    const hits = (await nb.search.search({ q, limit: 20 })).results.map((r): [string, number] => [r.title, r.score]);
    results.push(hits.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])));
  }
  const source = nb.search.status?.source;
  await nb.close();
  return { source, results };
}

describe('the search cache kept current by a worker during an import', () => {
  it('appends the import to the cache; the next search loads it and answers as the main-thread import does', async () => {
    const withWorker = await indexed();
    const onMain = await indexed();
    const cacheFile = path.join(withWorker, 'cache', 'search-index.bin');
    const baseBytes = statSync(cacheFile).size;
    // The worker held the index: this thread never loaded it.
    expect(await importLater(withWorker, spawnCacheWorker)).toEqual({ loadedHere: false });
    expect(await importLater(onMain)).toEqual({ loadedHere: true });
    expect(statSync(cacheFile).size).toBe(baseBytes); // appended to, not rewritten
    expect(existsSync(deltaFileOf(cacheFile))).toBe(true);
    const a = await answers(withWorker);
    const b = await answers(onMain);
    expect(a.source).toBe('cache');
    expect(b.source).toBe('cache');
    expect(a.results).toEqual(b.results);
    expect(JSON.stringify(a.results)).toContain('Khama (Хама)');
    expect(JSON.stringify(a.results)).toContain('Kharkiv line');
  });

  it('a cache that is not current (a note saved since) is left to the main thread, which still keeps it current', async () => {
    const dir = await indexed();
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    await nb.notes.create({ title: 'Khama notes', body: 'Check the Hama reports.' });
    await nb.close();
    await importLater(dir, spawnCacheWorker);
    const a = await answers(dir);
    expect(a.source).toBe('cache');
    expect(JSON.stringify(a.results)).toContain('Khama (Хама)');
  });

  it('a worker that dies before it answers is replaced by the main thread, which keeps the cache current', async () => {
    const dir = await indexed();
    await importLater(dir, () => new Worker('process.exit(3)', { eval: true }));
    const a = await answers(dir);
    expect(a.source).toBe('cache');
    expect(JSON.stringify(a.results)).toContain('Kharkiv line');
  });

  it('a worker that dies during the import loses only the cache: the import is whole and the next search rebuilds the index', async () => {
    const dir = await indexed();
    // Says the cache is current, then dies at the first change posted to it.
    const code = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => m.type === 'open' ? parentPort.postMessage({ type: 'opened', ok: true, docs: 3 }) : process.exit(3));`;
    await importLater(dir, () => new Worker(code, { eval: true }));
    const nb = await Notebook.open({ dir, writable: false, app: 'test' });
    expect(nb.reports.all()).toHaveLength(TEXTS.length + LATER.length);
    const hits = (await nb.search.search({ q: 'Kharkiv' })).results.map((r) => r.title);
    expect(nb.search.status).toMatchObject({ source: 'rebuilt', reason: 'fingerprint' });
    expect(hits.join()).toContain('Kharkiv line');
    await nb.close();
  });

  it('a notebook without a cache starts no worker', async () => {
    const dir = tmpDir();
    mkdirSync(dir, { recursive: true });
    let started = 0;
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    nb.search.prefetchInWorker((data) => {
      started++;
      return spawnCacheWorker(data);
    });
    await nb.close();
    expect(started).toBe(0);
  });
});
