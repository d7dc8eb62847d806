/**
 * Where the CLI's search cache worker (electron/notebook/search/cache-worker.ts) is: beside the
 * bundle's chunks (build.mjs gives it an entry of its own), or its TypeScript source through tsx
 * when the command runs from the sources (bin.mjs's fallback, and the tests).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SpawnCacheWorker } from '../notebook';

export const spawnCacheWorker: SpawnCacheWorker = (data) => {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./cache-worker.mjs', import.meta.url), { workerData: data });
  // From the sources: the worker registers tsx's loader itself, then loads the TypeScript file.
  // tsx's ES module API, as its package's exports name it (a require() resolve would give the CommonJS one).
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = require(pkgFile) as { exports: Record<string, { import: { default: string } }> };
  const tsx = pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']?.import.default ?? '')).href;
  const script = new URL('../notebook/search/cache-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
};
