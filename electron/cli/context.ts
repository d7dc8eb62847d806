/**
 * What every CLI command shares: resolving the notebook folder, opening it read-only or as the
 * writer, calling contract methods through the same validation and error mapping as the other
 * front doors, and the error type that decides the exit code.
 */
import type { Command } from 'commander';
import type { MethodInput, MethodName, MethodResults, ParsedInput, Transport } from '../api';
import type * as Core from '../notebook';
import type { Notebook } from '../notebook';
import { safe, warn } from './output';

/** A failure the CLI reports as `dossier: error: …`; exit 1, or 2 for usage errors. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** "invalid input for search.query: from: …" reads as "from: …" on the command line. */
function withoutMethod(message: string): string {
  return message.replace(/^invalid input for [\w.]+: /, '');
}

/** Validates a command's input with the contract before any work; a bad value is a usage error (exit 2). */
export async function parseCliInput<M extends MethodName>(method: M, input: unknown): Promise<ParsedInput<M>> {
  const { parseInput } = await import('../api/contract'); // zod: loaded by the commands that validate, not by --help
  try {
    return parseInput(method, input);
  } catch (err) {
    throw new CliError(withoutMethod((err as Error).message), 2);
  }
}

export interface GlobalOptions {
  notebook?: string;
}

/**
 * The notebook core, loaded when a command first needs it: `dossier --help` and usage errors
 * never pay for loading the core and its dependencies (PDF, HTML and language libraries).
 */
export const loadCore = (): Promise<typeof Core> => import('../notebook');

export async function notebookDir(cmd: Command): Promise<string> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  return (await loadCore()).resolveNotebookDir(opts.notebook);
}

export class Session {
  private readonly core: Transport;
  constructor(
    readonly nb: Notebook,
    core: typeof Core,
  ) {
    this.core = core.coreTransport(core.createHandlers(nb));
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResults[M]> {
    const outcome = await this.core(method, input);
    if (!outcome.ok) {
      const { code, message } = outcome.error;
      throw new CliError(withoutMethod(message), code === 'INVALID_INPUT' ? 2 : 1, code);
    }
    return outcome.result as MethodResults[M];
  }
}

/** How long a CLI command waits for another CLI command that holds the writer lock. */
export const CLI_LOCK_WAIT_MS = 3_000;

/**
 * Opens the notebook. A writer lock held by another CLI command is short-lived (one command), so
 * the CLI waits up to CLI_LOCK_WAIT_MS for it; a lock held by the desktop app or the browser host
 * is refused at once with the LOCKED error.
 */
async function openWaiting(dir: string, writable: boolean): Promise<Notebook> {
  const { isDossierError, Notebook, readLock } = await loadCore();
  const deadline = Date.now() + CLI_LOCK_WAIT_MS;
  for (;;) {
    try {
      // Lazy: the report catalog loads only for the methods that read it (`note add` never does).
      return await Notebook.open({ dir, writable, app: 'cli', lazy: true });
    } catch (err) {
      if (!isDossierError(err) || err.code !== 'LOCKED' || Date.now() > deadline) throw err;
      const holder = await readLock(dir);
      if (holder && holder.app !== 'cli') throw err;
      await new Promise((r) => setTimeout(r, 40 + Math.random() * 60));
    }
  }
}

/** Opens the notebook, runs `fn`, and always closes it (releasing the writer lock). */
export async function withNotebook<T>(cmd: Command, writable: boolean, fn: (s: Session) => Promise<T>): Promise<T> {
  const core = await loadCore();
  const dir = await notebookDir(cmd);
  let nb: Notebook;
  try {
    nb = await openWaiting(dir, writable);
  } catch (err) {
    const e = core.toErrorShape(err);
    throw new CliError(e.message, 1, e.code);
  }
  for (const r of nb.recoveries) warn(safe`${r.file}: ${r.problem}; ${r.action}`);
  try {
    return await fn(new Session(nb, core));
  } finally {
    await nb.close();
  }
}
