/**
 * `dossier serve` (the browser mode, `npm run web`) and `dossier start` (`npm start`: the desktop
 * app when the Electron binary is installed, else the browser mode).
 *
 * serve builds the renderer on first use (electron-vite build) when out/renderer is missing, opens
 * the notebook as the writer, prints `Dossier is running at http://127.0.0.1:PORT/#token=…` and
 * runs until Ctrl+C / SIGTERM, then closes the server and the notebook (releasing the lock).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { RunningHost } from '../../host';
import { CliError, notebookDir } from '../context';
import { print, safe } from '../output';

/** The repository root: the nearest folder above this file (the source, or the CLI bundle in out/cli) holding Dossier's package.json. */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      if ((JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'dossier') return dir;
    } catch {
      // no package.json here: keep looking upwards
    }
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

const REPO_ROOT = findRepoRoot();
/**
 * The built renderer, found from the repository root: the host's default is relative to its own
 * module, which inside the CLI bundle (out/cli/<build>/) is not where the sources are.
 */
const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');

export const NO_ELECTRON_MESSAGE =
  'The Electron desktop binary is not installed (this install was offline); on a connected machine run `npx electron@45.5.0 --version` once or `npm rebuild electron` to fetch it. Starting the browser mode instead.';

function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Runs `electron-vite build` with its output on stderr (stdout carries only the URL line). */
async function buildApp(): Promise<void> {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('electron-vite/package.json');
  const bin = path.join(path.dirname(pkgFile), 'bin', 'electron-vite.js');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], { cwd: REPO_ROOT, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  if (code !== 0) throw new CliError('building the app failed (see the output above); try `npm run build`');
}

async function ensureRenderer(rendererDir: string, build: boolean): Promise<void> {
  if (existsSync(path.join(rendererDir, 'index.html'))) return;
  if (!build) {
    note(`The app is not built (${rendererDir} is missing): the page will say so until you run \`npm run build\`; the API works.`);
    return;
  }
  note('Building the app (first run; this takes a few seconds)…');
  await buildApp();
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new CliError(`the build did not produce ${rendererDir}/index.html`);
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser opener: the printed URL is enough */
  }
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (sig: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

interface ServeOptions {
  port?: string;
  open?: boolean;
  build?: boolean;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError(`--port must be a number from 0 to 65535, not ${value}`, 2);
  return n;
}

export async function serveBrowserMode(cmd: Command, opts: ServeOptions): Promise<void> {
  const port = parsePort(opts.port);
  const { startHost } = await import('../../host');
  await ensureRenderer(RENDERER_DIR, opts.build !== false);
  let host: RunningHost;
  try {
    host = await startHost({ notebookDir: await notebookDir(cmd), port, rendererDir: RENDERER_DIR });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use; pick another with --port or use --port 0`);
    throw new CliError(e.message ?? String(err), 1, e.code);
  }
  const stopped = waitForStopSignal();
  print(safe`Dossier is running at ${host.url}`);
  note(`Notebook: ${host.notebook.dir}. Press Ctrl+C to stop.`);
  if (opts.open !== false && process.stdout.isTTY) openInBrowser(host.url);
  await stopped;
  note('Stopping Dossier…');
  await host.close();
}

/** Path of the installed Electron binary, or null. Never loads the electron package itself: its entry point tries to download the binary. */
export function installedElectronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('electron/package.json'));
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
      return existsSync(p) ? p : null;
    }
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

async function startDesktop(cmd: Command, electronBin: string): Promise<void> {
  note('Building the app…');
  await buildApp();
  const env = { ...process.env };
  const explicit = cmd.optsWithGlobals<{ notebook?: string }>().notebook;
  if (explicit) env.DOSSIER_HOME = path.resolve(explicit);
  delete env.ELECTRON_RUN_AS_NODE;
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(electronBin, [REPO_ROOT], { cwd: REPO_ROOT, stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  if (code !== 0) throw new CliError(`the desktop app exited with code ${code}`);
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('browser mode: serve the app and the notebook on 127.0.0.1 with a per-run token URL')
    .option('--port <port>', 'port to listen on (default: a free port)')
    .option('--no-open', 'do not open the system browser')
    .option('--no-build', 'do not build the renderer when it is missing (serve the API only until `npm run build`)')
    .action(async (opts: ServeOptions, cmd: Command) => {
      await serveBrowserMode(cmd, opts);
    });

  program
    .command('start')
    .description('the desktop app; falls back to the browser mode when the Electron binary is not installed')
    .option('--port <port>', 'port for the browser-mode fallback (default: a free port)')
    .option('--no-open', 'do not open the system browser (browser-mode fallback)')
    .action(async (opts: ServeOptions, cmd: Command) => {
      const bin = installedElectronBinary();
      if (bin) return startDesktop(cmd, bin);
      note(NO_ELECTRON_MESSAGE);
      await serveBrowserMode(cmd, opts);
    });
}
