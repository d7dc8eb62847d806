/**
 * Telegram import benchmark: writes a Telegram Desktop result.json of N posts (real text from the
 * bench corpus, a Cyrillic post in five, an album every 40 posts, forwards, views), imports it into a
 * fresh notebook and measures posts/s and memory (peak RSS, sampled; heap growth). Beside it, the
 * same run measures the peer approach of reading the file whole with JSON.parse, which a streaming
 * import avoids. Then a re-import of the same export (all duplicates) shows the cost of a re-check.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importPaths, Notebook } from '../../electron/notebook';
import { loadCorpus } from './corpus';
import type { BenchRow } from './import';

const UK = ['Обстріл Херсона вночі: пошкоджено підстанцію.', 'Евакуація з Бахмута триває.', 'Ремонт мосту у Миколаєві завершено.', 'Ситуація в Одесі стабільна.'];

export function telegramExport(n: number): string {
  const docs = loadCorpus(Math.min(n, 5000));
  const start = Date.UTC(2023, 0, 1) / 1000;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = i + 1;
    const t = start + i * 600;
    const date = new Date(t * 1000).toISOString().slice(0, 19);
    const doc = docs[i % docs.length]!;
    const album = i % 40 >= 37; // posts 37, 38, 39 of every 40: an album of three photos
    const text = album && i % 40 !== 37 ? '' : i % 5 === 0 ? `${UK[i % UK.length]} ${doc.text.slice(0, 200)}` : doc.text.slice(0, 150 + (i % 7) * 60);
    const m: Record<string, unknown> = { id, type: 'message', date, date_unixtime: String(t), from: 'Bench Channel', from_id: 'channel1000', text, text_entities: [], views: 1000 + (i % 977) };
    if (album) Object.assign(m, { photo: `photos/photo_${id}.jpg`, grouped_id: String(1e15 + Math.floor(i / 40)) });
    if (i % 20 === 3) m.forwarded_from = 'Other Channel';
    parts.push(JSON.stringify(m));
  }
  return `{\n "name": "Bench Channel",\n "type": "public_channel",\n "id": 1000,\n "messages": [\n${parts.join(',\n')}\n ]\n}\n`;
}

function rssSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export async function runTelegramBench(n: number): Promise<BenchRow[]> {
  const root = path.join(os.tmpdir(), `dossier-bench-telegram-${n}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'export'), { recursive: true });
  const file = path.join(root, 'export', 'result.json');
  const json = telegramExport(n);
  writeFileSync(file, json);
  const fileBytes = Buffer.byteLength(json);
  const expected = n - Math.floor(n / 40) * 2;

  // Peer: read the whole export and JSON.parse it (what a non-streaming importer starts with).
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const sampler0 = rssSampler();
  const p0 = performance.now();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { messages: unknown[] };
  const parseMs = performance.now() - p0;
  const parseHeap = process.memoryUsage().heapUsed - heap0;
  const parsePeak = sampler0.stop();
  const count = parsed.messages.length;
  (parsed as { messages: unknown[] | null }).messages = null;
  gc();

  const nb = await Notebook.open({ dir: path.join(root, 'notebook'), writable: true, app: 'bench' });
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  const sampler = rssSampler();
  const t0 = performance.now();
  let lastItems = 0;
  const res = await importPaths(nb, [file], { onProgress: ({ items }) => (lastItems = items?.done ?? lastItems) });
  const ms = performance.now() - t0;
  const peak = sampler.stop();
  const heapGrowth = process.memoryUsage().heapUsed - heap1;
  const rate = res.imported.length / (ms / 1000);

  const t1 = performance.now();
  const again = await importPaths(nb, [file]);
  const againMs = performance.now() - t1;
  await nb.close();
  rmSync(root, { recursive: true, force: true });

  const section = `telegram ${n}`;
  return [
    { section, metric: 'export', ours: `${n} messages (${count} parsed), ${mb(fileBytes)} result.json; ${expected} posts after albums` },
    {
      section,
      metric: 'import rate (streamed)',
      ours: `${rate.toFixed(0)} posts/s (${(ms / 1000).toFixed(2)} s; ${res.imported.length} imported, ${res.failed.length} failed; progress reached ${lastItems})`,
      budget: '>= 1,000 posts/s (at 50k)',
      ok: n >= 50_000 ? rate >= 1000 && res.imported.length === expected : undefined,
    },
    {
      section,
      metric: 'memory during import',
      ours: `peak RSS ${mb(peak)}, heap growth ${mb(heapGrowth)} (catalog of ${res.imported.length} reports included)`,
      peers: `JSON.parse of the whole file: ${parseMs.toFixed(0)} ms, heap +${mb(parseHeap)}, peak RSS ${mb(parsePeak)} before any report is made`,
    },
    { section, metric: 're-import of the same export', ours: `${(again.duplicates.length / (againMs / 1000)).toFixed(0)} posts/s (${again.imported.length} new, ${again.duplicates.length} duplicates)` },
  ];
}
