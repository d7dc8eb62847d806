/**
 * Search benchmark: our engine vs fuse.js (whole documents) vs MiniSearch (fuzzy + prefix), on the
 * same documents and queries in one run. Measures build time, (ours) serialized size and open time
 * from the cache file, query latency on everyday queries, recall@10 on transliteration variants,
 * memory, and the translit-key over-merge rate on the corpus vocabulary.
 * Run: node --expose-gc --import tsx tests/bench/search.ts [n ...]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { SearchIndex, loadIndexCache, saveIndexCache, tokenize, translitKey } from '../../electron/notebook/search/index';
import { decodeImage, encodeImage } from '../../electron/notebook/search/format';
import { corpusBytes, EVERYDAY_QUERIES, loadCorpus, VARIANT_QUERIES, type BenchDoc } from './corpus';
import { evalCorpus, everydayQueries, score, unrelatedShare, type CellScore } from './variants';
import { evalQueries } from './variants-data';

export interface Row {
  n: number;
  engine: string;
  buildMs: number;
  sizeBytes: number | null;
  openMs: number | null;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  recallQueries: number;
  recall10: number;
  heapMB: number;
  rssMB: number;
  note: string;
  /** Held-out name variants: recall@10 and MRR per class and direction. */
  cells: CellScore[];
  /** The same on the sample fuse.js is scored on (ours and MiniSearch), for the comparison with it. */
  sampleCells?: CellScore[];
  /** Precision guard: share of top-10 results with no exact, stemmed or prefix match of a query word. */
  unrelated: number | null;
  /** The same figure for exact matching only (ours), the guard's baseline. */
  unrelatedExact?: number;
  guardQueries?: number;
  /**
   * Ours: the index serialized (bytes) and loaded (heap + array buffers, MB) with the variant
   * mechanism's tables (skeletons, their hash table, key -> skeleton, the skeletons' deletion
   * index, the Arabic-script keys) and without them: the same index as an exact/typo/prefix
   * engine needs it (terms, keys, postings, documents, the id tables and the typo index kept).
   */
  variantTables?: { diskWith: number; diskWithout: number; memWith: number; memWithout: number };
}

/** Heap plus array buffers held after `make` (MB), what stays of it once collected. */
function heldBy(make: () => unknown): { mb: number; keep: unknown } {
  gc();
  const a = process.memoryUsage();
  const keep = make();
  gc();
  const b = process.memoryUsage();
  return { mb: (b.heapUsed + b.arrayBuffers - a.heapUsed - a.arrayBuffers) / 2 ** 20, keep };
}

/**
 * fuse.js scans every document per query (one to two seconds at 10k), so it is scored on the first
 * this many held-out queries of each class and direction (all of a smaller cell), and its ranked ids
 * are kept in .bench-cache/ under a digest of fuse.js's version, options, documents and query, so
 * that only the first run on a corpus pays for the scans. The comparison with ours is made on the
 * same queries (`sampleCells`).
 */
export const FUSE_CELL_SAMPLE = 30;
const FUSE_OPTIONS = { keys: ['title', 'text'], threshold: 0.3, ignoreLocation: true };
const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.bench-cache');

/** `run` with its answers kept on disk under a digest of `salt` and the query. */
function cachedRun(salt: string, run: (q: string) => string[]): { run: (q: string) => string[]; save: () => void; fresh: () => number } {
  const file = join(CACHE_DIR, `fuse-${createHash('sha256').update(salt).digest('hex').slice(0, 16)}.json`);
  let kept: Record<string, string[]> = {};
  try {
    kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
  } catch {
    kept = {};
  }
  let computed = 0;
  return {
    run: (q) => {
      const hit = kept[q];
      if (hit) return hit;
      computed++;
      return (kept[q] = run(q));
    },
    save: () => {
      if (computed === 0) return;
      mkdirSync(CACHE_DIR, { recursive: true });
      writeFileSync(file, JSON.stringify(kept));
    },
    fresh: () => computed,
  };
}

const FUSE_QUERY_CAP = 10;
const FUSE_VERSION = `fuse.js ${Fuse.version}`;

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function mem(): { heap: number; rss: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 };
}

function stats(times: number[]): { p50: number; p95: number; mean: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / Math.max(s.length, 1) };
}

/** Times each query once, after one untimed warm-up pass over the set (steady-state latency). */
function timeQueries(queries: string[], run: (q: string) => unknown, warmup = queries.length): number[] {
  for (const q of queries.slice(0, warmup)) run(q);
  return queries.map((q) => {
    const t = performance.now();
    run(q);
    return performance.now() - t;
  });
}

function recallAt10(set: typeof VARIANT_QUERIES, run: (q: string) => string[]): number {
  let ok = 0;
  for (const { q, target } of set) if (run(q).slice(0, 10).includes(target)) ok++;
  return ok / Math.max(set.length, 1);
}

/** Fraction of distinct English vocabulary terms whose translit key collides with another term. */
export function overMerge(docs: BenchDoc[], minCount = 1): { vocab: number; merged: number; examples: string[] } {
  const counts = new Map<string, number>();
  for (const d of docs) {
    if (d.id.startsWith('sy-')) continue;
    for (const t of tokenize(d.text)) if (/^[a-z]{2,}$/.test(t.term)) counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
  }
  const vocab = [...counts].filter(([, c]) => c >= minCount).map(([t]) => t);
  const byKey = new Map<string, string[]>();
  for (const v of vocab) {
    const k = translitKey(v);
    const l = byKey.get(k);
    if (l) l.push(v);
    else byKey.set(k, [v]);
  }
  let merged = 0;
  const examples: string[] = [];
  for (const l of byKey.values()) {
    if (l.length < 2) continue;
    merged += l.length;
    if (examples.length < 12 && l.every((w) => w.length >= 4)) examples.push(l.join('/'));
  }
  return { vocab: vocab.length, merged, examples };
}

export async function runSearchBench(n: number, fuseSample = FUSE_CELL_SAMPLE): Promise<Row[]> {
  const held = evalCorpus(n, evalQueries('held'));
  const docs: BenchDoc[] = held.docs;
  const everyday = everydayQueries(300);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  const loadText = (_kind: string, id: string): string | null => texts.get(id) ?? null;
  const fuseQueries = EVERYDAY_QUERIES.filter((_q, i) => i % Math.ceil(EVERYDAY_QUERIES.length / FUSE_QUERY_CAP) === 0);
  const fuseVariants = VARIANT_QUERIES.filter((_q, i) => i % Math.ceil(VARIANT_QUERIES.length / FUSE_QUERY_CAP) === 0);
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  try {
    // ---------------------------------------------------------------- ours
    gc();
    let m0 = mem();
    let t = performance.now();
    let built: SearchIndex | null = new SearchIndex({ loadText });
    for (const d of docs) built.upsert({ kind: 'report', id: d.id, title: d.title, text: d.text, tags: [], date: null, entityIds: [] });
    built.compact();
    const buildMs = performance.now() - t;
    gc();
    const builtHeap = mem().heap - m0.heap;
    const file = join(dir, 'search.idx');
    const serialized = built.serialize();
    const bytes = serialized.length;
    const plain = encodeImage({ ...decodeImage(serialized), variants: null });
    const memWith = heldBy(() => SearchIndex.adopt(new Uint8Array(serialized), { loadText })).mb;
    const memWithout = heldBy(() => SearchIndex.adopt(new Uint8Array(plain), { loadText })).mb;
    const variantTables = { diskWith: bytes, diskWithout: plain.length, memWith, memWithout };
    await saveIndexCache(file, 'bench', built);
    built = null;
    gc();
    m0 = mem();
    t = performance.now();
    const ours = await loadIndexCache(file, 'bench', { loadText });
    if (!ours) throw new Error('cache did not load');
    ours.search({ q: 'Hmeimim' });
    const openMs = performance.now() - t;
    gc();
    const m1 = mem();
    const ourTimes = timeQueries(EVERYDAY_QUERIES, (q) => ours.search({ q, limit: 10 }));
    const ourRecall = recallAt10(VARIANT_QUERIES, (q) => ours.search({ q, limit: 10 }).results.map((r) => r.id));
    const os = stats(ourTimes);
    const ourIds = (q: string): string[] => ours.search({ q, limit: 10 }).results.map((r) => r.id);
    const ourCells = score(held.queries, held.right, ourIds);
    const ourSample = score(held.queries, held.right, ourIds, fuseSample);
    const exactOnly = ours.withRanking({ variant: 0, typo1: 0, typo2: 0, maxVariantKeys: 0, maxTypoTerms: 0 });
    const unrelatedExact = unrelatedShare(everyday, byId, (q) => exactOnly.search({ q, limit: 10 }).results.map((r) => r.id));
    const unrelated = unrelatedShare(everyday, byId, ourIds);
    gc();
    const afterQueries = mem().heap - m0.heap; // with the variant tables built by the queries
    rows.push({
      cells: ourCells, sampleCells: ourSample, unrelated, unrelatedExact, guardQueries: everyday.length, variantTables,
      n, engine: 'dossier', buildMs, sizeBytes: bytes, openMs, queries: ourTimes.length,
      p50Ms: os.p50, p95Ms: os.p95, meanMs: os.mean, recallQueries: VARIANT_QUERIES.length, recall10: ourRecall,
      heapMB: builtHeap, rssMB: m1.rss, note: `open heap +${(m1.heap - m0.heap).toFixed(0)} MB, +${afterQueries.toFixed(0)} MB after the variant queries; RSS is whole process after open`,
    });

    // ---------------------------------------------------------------- MiniSearch
    gc();
    m0 = mem();
    t = performance.now();
    const mini = new MiniSearch<BenchDoc>({ fields: ['title', 'text'], storeFields: ['title'], searchOptions: { fuzzy: 0.2, prefix: true } });
    mini.addAll(docs);
    const miniBuild = performance.now() - t;
    gc();
    const mm = mem();
    const miniTimes = timeQueries(EVERYDAY_QUERIES, (q) => mini.search(q).slice(0, 10));
    const miniRecall = recallAt10(VARIANT_QUERIES, (q) => mini.search(q).slice(0, 10).map((r) => String(r.id)));
    const ms = stats(miniTimes);
    const miniIds = (q: string): string[] => mini.search(q).slice(0, 10).map((r) => String(r.id));
    rows.push({
      cells: score(held.queries, held.right, miniIds), sampleCells: score(held.queries, held.right, miniIds, fuseSample), unrelated: unrelatedShare(everyday, byId, miniIds),
      n, engine: 'minisearch', buildMs: miniBuild, sizeBytes: null, openMs: null, queries: miniTimes.length,
      p50Ms: ms.p50, p95Ms: ms.p95, meanMs: ms.mean, recallQueries: VARIANT_QUERIES.length, recall10: miniRecall,
      heapMB: mm.heap - m0.heap, rssMB: mm.rss, note: 'fuzzy 0.2, prefix, OR',
    });

    // ---------------------------------------------------------------- fuse.js over whole documents
    gc();
    m0 = mem();
    t = performance.now();
    const fuse = new Fuse(docs, FUSE_OPTIONS);
    const fuseBuild = performance.now() - t;
    gc();
    const fm = mem();
    const fuseTimes = timeQueries(fuseQueries, (q) => fuse.search(q, { limit: 10 }), 2);
    const fuseRecall = recallAt10(fuseVariants, (q) => fuse.search(q, { limit: 10 }).map((r) => r.item.id));
    const fs = stats(fuseTimes);
    const digest = createHash('sha256');
    for (const d of docs) digest.update(`${d.id}\u0000${d.title}\u0000${d.text}\u0000`);
    const fuseIds = cachedRun(`${FUSE_VERSION} ${JSON.stringify(FUSE_OPTIONS)} ${digest.digest('hex')}`, (q) => fuse.search(q, { limit: 10 }).map((r) => r.item.id));
    const fuseCells = score(held.queries, held.right, fuseIds.run, fuseSample);
    fuseIds.save();
    rows.push({
      cells: fuseCells, unrelated: null,
      n, engine: 'fuse.js', buildMs: fuseBuild, sizeBytes: null, openMs: null, queries: fuseTimes.length,
      p50Ms: fs.p50, p95Ms: fs.p95, meanMs: fs.mean, recallQueries: fuseVariants.length, recall10: fuseRecall,
      heapMB: fm.heap - m0.heap, rssMB: fm.rss,
      note: `capped to ${FUSE_QUERY_CAP} queries per set (full scans); names: ${fuseSample === Infinity ? 'all' : `first ${fuseSample}`} of each cell, ${fuseIds.fresh()} scanned now, the rest from .bench-cache`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function fmt(v: number | null, digits = 1): string {
  return v === null ? '-' : v.toFixed(digits);
}

export function printTable(rows: Row[]): void {
  const head = ['n', 'engine', 'build ms', 'size MB', 'open ms', 'q', 'p50 ms', 'p95 ms', 'mean ms', 'recall@10', 'heap MB', 'RSS MB', 'note'];
  const lines = rows.map((r) => [
    String(r.n), r.engine, fmt(r.buildMs, 0), r.sizeBytes === null ? '-' : (r.sizeBytes / 2 ** 20).toFixed(1), fmt(r.openMs, 0),
    String(r.queries), fmt(r.p50Ms, 2), fmt(r.p95Ms, 2), fmt(r.meanMs, 2),
    `${(r.recall10 * 100).toFixed(0)}% (${r.recallQueries})`, fmt(r.heapMB, 0), fmt(r.rssMB, 0), r.note,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const show = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(show(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(show(l));
  printVariantTable(rows);
}

/** Held-out name variants per class and direction, engines side by side. */
export function printVariantTable(rows: Row[]): void {
  for (const n of [...new Set(rows.map((r) => r.n))]) {
    const here = rows.filter((r) => r.n === n);
    const first = here[0];
    if (!first) continue;
    console.log(`\nname variants, held-out part, ${n} reports: recall@10 / MRR (queries; * = of which some have right reports besides the target, see evalCorpus)`);
    const cellKey = (c: CellScore): string => `${c.cls} | ${c.dir}`;
    const keys = first.cells.map(cellKey);
    const w = Math.max(...keys.map((k) => k.length));
    console.log(`${'class | direction'.padEnd(w)}  ${here.map((r) => r.engine.padEnd(22)).join('  ')}`);
    for (const k of keys) {
      const cells = here.map((r) => r.cells.find((c) => cellKey(c) === k));
      console.log(`${k.padEnd(w)}  ${cells.map((c) => (c ? `${(c.recall10 * 100).toFixed(1)}% / ${c.mrr.toFixed(2)} (${c.queries}${c.judged > 0 ? `, ${c.judged}*` : ''})` : '-').padEnd(22)).join('  ')}`);
    }
    const ours = here.find((r) => r.unrelatedExact !== undefined);
    if (ours) {
      console.log(
        `precision guard (${ours.guardQueries ?? 0} everyday Brown-corpus queries, top-10 results with no exact/stemmed/prefix match): ` +
          here.map((r) => `${r.engine} ${r.unrelated === null ? '-' : `${(r.unrelated * 100).toFixed(2)}%`}`).join(', ') +
          `; dossier exact-only ${((ours.unrelatedExact ?? 0) * 100).toFixed(2)}%`,
      );
    }
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const all: Row[] = [];
  for (const n of sizes.length ? sizes : [1000, 10000]) {
    const docs = loadCorpus(n);
    console.log(`corpus n=${n}: ${(corpusBytes(docs) / 1e6).toFixed(1)} MB of text`);
    for (const min of [1, 5]) {
      const om = overMerge(docs, min);
      console.log(
        `translit-key over-merge (terms seen >= ${min}x): ${om.merged}/${om.vocab} distinct English terms (${((om.merged / om.vocab) * 100).toFixed(2)}%) share a key with another such term; e.g. ${om.examples.join(', ')}`,
      );
    }
    all.push(...(await runSearchBench(n)));
  }
  printTable(all);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
