/**
 * A worker thread that keeps the search cache current while an import runs on the main thread,
 * so the two use both cores: it reads the cache while the catalog opens, indexes each new report
 * as the import stores it, and appends the delta when the import ends. A large notebook's import
 * spends about as long on the index (load, add, append) as on everything else.
 *
 * The protocol (messages in order): `open` with the notebook's fingerprint (answered `opened`; not
 * ok unless the cache is exactly current, and then the caller keeps the index itself as before),
 * then `upsert` / `remove` as the import makes its changes, then `flush` with the fingerprint after
 * them (answered `flushed`). The worker never writes anything but on `flush`. The main side is
 * searcher.ts (`NotebookSearch.prefetchInWorker`); the front door that starts it says where the
 * worker's script is (the CLI's bundle has its own entry for this file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readIndexCache, writeIndexCache, type CacheState } from './cache';
import type { SearchIndex, SearchIndexOptions } from './engine';
import type { SearchDoc } from './types';

export interface CacheWorkerData {
  role: 'dossier-search-cache';
  cacheFile: string;
  options: SearchIndexOptions;
}

export type ToCacheWorker =
  | { type: 'open'; fingerprint: string }
  | { type: 'upsert'; doc: SearchDoc }
  | { type: 'remove'; id: string }
  | { type: 'flush'; fingerprint: string };

export type FromCacheWorker =
  | { type: 'opened'; ok: boolean; docs: number }
  | { type: 'flushed'; ok: boolean }
  | { type: 'failed'; message: string };

/** Serves the protocol above over `port`. */
export function serveCacheWorker(data: CacheWorkerData, port: { on(ev: 'message', fn: (m: ToCacheWorker) => void): void; postMessage(m: FromCacheWorker): void }): void {
  let stored: string | null = null;
  // Read at once, whatever the fingerprint: `open` says whether it is the current one.
  const reading = readIndexCache(data.cacheFile, '\u0000', data.options, (fp) => {
    stored = fp;
    return true;
  });
  let index: SearchIndex | null = null;
  let disk: CacheState | null = null;
  let changed = false;
  let failed = false;
  let queue: Promise<void> = Promise.resolve();

  const handle = async (m: ToCacheWorker): Promise<void> => {
    if (failed) return;
    if (m.type === 'open') {
      const r = await reading;
      const ok = r.index !== null && stored === m.fingerprint;
      if (ok) {
        index = r.index;
        disk = r.state;
      }
      port.postMessage({ type: 'opened', ok, docs: index?.size ?? 0 });
      return;
    }
    if (!index) throw new Error('search cache worker: not opened');
    if (m.type === 'upsert') {
      index.upsert(m.doc);
      changed = true;
    } else if (m.type === 'remove') {
      index.remove(m.id);
      changed = true;
    } else {
      if (changed) {
        const was = disk;
        disk = null; // until a write succeeds, the next one is whole
        disk = await writeIndexCache(data.cacheFile, m.fingerprint, index, was);
        changed = false;
      }
      port.postMessage({ type: 'flushed', ok: true });
    }
  };

  port.on('message', (m) => {
    queue = queue.then(() => handle(m)).catch((err: unknown) => {
      // What this worker holds is lost; the cache on disk stays as it was (stale after the import,
      // so the next search brings it up to date, as after a failed update on the main thread).
      failed = true;
      port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    });
  });
}

if (parentPort && (workerData as Partial<CacheWorkerData> | null)?.role === 'dossier-search-cache') {
  serveCacheWorker(workerData as CacheWorkerData, parentPort);
}
