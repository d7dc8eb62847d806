// Builds the `dossier` command with esbuild (pinned in devDependencies, the version tsx uses too) into
// out/cli/<build>/dossier.mjs plus chunks for what commands load lazily (the notebook core, the
// browser host), so `dossier --help` loads commander and the command list only. Packages stay
// external and load from node_modules. Run by `npm install` (the `prepare` script) and by bin.mjs
// on first use whenever the sources are newer than the build.
//
// Each build goes to a folder of its own and out/cli/current.json (written atomically) names the
// one to run, so concurrent first runs never see half a build and a running command never loses
// the chunks it loads later. Builds older than an hour are removed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'out', 'cli');
const CURRENT = path.join(OUT_DIR, 'current.json');
const ENTRY = path.join(ROOT, 'electron', 'cli', 'main.ts');
/** What the bundle is made of: a change to any file here makes it stale. */
const SOURCES = ['electron/cli', 'electron/notebook', 'electron/api', 'electron/host'].map((d) => path.join(ROOT, d));

/** Newest modification time (ms) of the bundle's sources and package.json. */
export function newestSource() {
  let newest = statSync(path.join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(full);
      else if (/\.(ts|mts|mjs|json)$/.test(ent.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const d of SOURCES) walk(d);
  return newest;
}

/** The entry file of the current build if it is newer than every source, else null. */
export function freshBuild() {
  try {
    const cur = JSON.parse(readFileSync(CURRENT, 'utf8'));
    if (typeof cur.dir !== 'string' || typeof cur.sources !== 'number' || cur.sources < newestSource()) return null;
    const entry = path.join(OUT_DIR, cur.dir, 'dossier.mjs');
    statSync(entry);
    return entry;
  } catch {
    return null;
  }
}

/** Builds and makes the new build current; returns its entry file. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const sources = newestSource();
  const name = `b-${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const dir = path.join(OUT_DIR, name);
  mkdirSync(dir, { recursive: true });
  try {
    await build({
      // The search cache worker an import starts (electron/cli/cache-worker.ts finds it beside the chunks).
      entryPoints: { dossier: ENTRY, 'cache-worker': path.join(ROOT, 'electron', 'notebook', 'search', 'cache-worker.ts') },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
      banner: { js: '// Built by electron/cli/build.mjs from electron/cli/main.ts; do not edit.' },
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const tmp = `${CURRENT}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify({ dir: name, sources }));
  renameSync(tmp, CURRENT);
  for (const old of readdirSync(OUT_DIR)) {
    if (!old.startsWith('b-') || old === name) continue;
    const full = path.join(OUT_DIR, old);
    if (Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { recursive: true, force: true });
  }
  return path.join(dir, 'dossier.mjs');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npm install` runs this as `prepare`; a failure must not fail the install (bin.mjs falls back to tsx).
  try {
    await buildCli();
  } catch (err) {
    process.stderr.write(`dossier: could not prebuild the command line (${err instanceof Error ? err.message : err}); it will run through tsx\n`);
  }
}
