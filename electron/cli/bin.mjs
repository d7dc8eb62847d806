#!/usr/bin/env node
// The `dossier` command. Runs the prebuilt bundle in out/cli (made by `npm install`'s prepare
// step, or here on first use when missing or older than the sources; see build.mjs). If it cannot
// be built (no esbuild binary for this platform), the TypeScript sources run through tsx instead:
// slower to start, otherwise the same.
import { pathToFileURL } from 'node:url';
import { buildCli, freshBuild } from './build.mjs';

let entry;
try {
  entry = await import(pathToFileURL(freshBuild() ?? (await buildCli())).href);
} catch (err) {
  if (process.env.DOSSIER_DEBUG) process.stderr.write(`dossier: the prebuilt command is unavailable (${err instanceof Error ? err.message : err}); using tsx\n`);
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import('./main.ts');
}
process.exitCode = await entry.run(process.argv.slice(2));
