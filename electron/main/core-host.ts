/**
 * Runs the notebook core out of the main process: forks core-child.ts as an Electron utility
 * process, opens the notebook there, and gives the main process a `Transport` (electron/api/rpc.ts)
 * whose calls travel as messages and come back as the core's envelopes, unchanged.
 *
 * Why a utility process and not the core in main: a search ranks synchronously, a first search
 * loads or rebuilds the index, an import parses PDFs and large exports; in main each of those
 * stalls every window's input, menus and IPC for as long as it runs (a burst of 200 searches over
 * 10,000 reports holds main for seconds; tests/unit/main/core-host.test.ts measures both). In its
 * own process the core takes what CPU it needs while main only forwards messages. Chosen over a
 * worker thread because a crash in a parser or an out-of-memory import then takes down that
 * process, not the app, and because `utilityProcess` is Electron's documented way to run Node
 * work beside main (https://www.electronjs.org/docs/latest/api/utility-process).
 *
 * When the process stops without being asked to, every call still waiting gets an `IO_ERROR`
 * envelope at once (never a hang), the host starts a new process on the same notebook, and later
 * calls wait for it and go through. After `maxRestarts` stops within `restartWindowMs` it gives
 * up: calls then fail with IO_ERROR saying to reopen the notebook. `close` (app quit) asks the core
 * to close the notebook, which flushes pending writes and releases the lock, and kills the process
 * only if that takes longer than `closeTimeoutMs`.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import { type ApiErrorShape, type Envelope, failure, type Transport } from '../api';
import type { Recovery } from '../notebook';
import type { FromCore, ToCore } from './core-protocol';

export interface CoreHost {
  /** The notebook folder, as the core resolved it. */
  readonly dir: string;
  readonly recoveries: readonly Recovery[];
  /** Calls the core: resolves with its envelope; never rejects. */
  readonly transport: Transport;
  /** The current process's id (undefined while a restart is starting it). */
  readonly pid: number | undefined;
  /** Resolves when the host has stopped for good: closed, or gave up restarting. */
  readonly stopped: Promise<void>;
  /** Closes the notebook (flushes writes, releases the lock) and ends the process. Safe to call twice. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** The built core-child script (out/main/core.js). */
  entry: string;
  /** The notebook folder; when absent, the core's default (`DOSSIER_HOME`, else the app-data folder). */
  dir?: string;
  app?: string;
  /** How long `close` waits for the notebook to close before the process is killed. */
  closeTimeoutMs?: number;
  /** Unexpected stops within `restartWindowMs` that are restarted before the host gives up (default 3 in 60 s). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Told when the process stops without being asked to, and whether a new one is being started. */
  onCrash?: (info: { code: number; restarting: boolean }) => void;
}

export class CoreOpenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CoreOpenError';
  }
}

interface Opened {
  dir: string;
  recoveries: Recovery[];
}

/** One process of the core, from fork to exit. */
class CoreSession {
  private readonly child: UtilityProcess;
  private readonly pending = new Map<number, (e: Envelope) => void>();
  private nextId = 1;
  private exitCode: number | null = null;
  private closing: Promise<void> | null = null;
  /** Run when the process ends, before the waiting calls are failed (so a retry finds the restart). */
  onExit: ((code: number) => void) | null = null;
  /** Resolves with the exit code when the process ends. */
  readonly exited: Promise<number>;
  /** Resolves once the notebook is open in the process; rejects with CoreOpenError. */
  readonly opened: Promise<Opened>;

  constructor(opts: CoreOptions, dir: string | undefined) {
    this.child = utilityProcess.fork(opts.entry, [], { serviceName: 'Dossier notebook', stdio: 'inherit' });
    this.exited = new Promise<number>((resolve) => {
      this.child.once('exit', (code: number) => {
        this.exitCode = code;
        this.onExit?.(code);
        const gone = failure('IO_ERROR', `the notebook process stopped (exit code ${code}) before answering; the call may not have finished`);
        for (const answer of this.pending.values()) answer(gone);
        this.pending.clear();
        resolve(code);
      });
    });
    this.opened = new Promise<Opened>((resolve, reject) => {
      this.child.on('message', (m: FromCore) => {
        if (m.type === 'answer') {
          const answer = this.pending.get(m.id);
          this.pending.delete(m.id);
          answer?.(m.envelope);
        } else if (m.type === 'opened') {
          resolve({ dir: m.dir, recoveries: m.recoveries });
        } else if (m.type === 'open-failed') {
          reject(new CoreOpenError(m.error.code, m.error.message));
        }
      });
      // Settles nothing once opened; before that, a process that dies is an open that failed.
      void this.exited.then((code) => reject(new CoreOpenError('INTERNAL', `the notebook process stopped while opening (exit code ${code})`)));
      this.child.once('spawn', () => this.send({ type: 'open', dir, app: opts.app ?? 'desktop' }));
    });
  }

  get pid(): number | undefined {
    return this.exitCode === null ? this.child.pid : undefined;
  }

  /** True once `close` was called: the exit that follows is not a crash. */
  get closeRequested(): boolean {
    return this.closing !== null;
  }

  private send(m: ToCore): void {
    this.child.postMessage(m);
  }

  call(method: string, params: unknown): Promise<Envelope> {
    if (this.exitCode !== null) return Promise.resolve(failure('IO_ERROR', `the notebook process stopped (exit code ${this.exitCode})`));
    if (this.closing) return Promise.resolve(failure('INTERNAL', 'the notebook is closing'));
    const id = this.nextId++;
    return new Promise<Envelope>((resolve) => {
      this.pending.set(id, resolve);
      this.send({ type: 'call', id, method, params });
    });
  }

  close(timeoutMs: number): Promise<void> {
    this.closing ??= (async () => {
      if (this.exitCode !== null) return;
      const timer = setTimeout(() => this.child.kill(), timeoutMs);
      this.send({ type: 'close' });
      await this.exited;
      clearTimeout(timer);
    })();
    return this.closing;
  }
}

/** Forks the core and opens `dir` in it; rejects with CoreOpenError (code LOCKED, …) if it cannot. */
export async function startCore(opts: CoreOptions): Promise<CoreHost> {
  const closeTimeoutMs = opts.closeTimeoutMs ?? 30_000;
  const maxRestarts = opts.maxRestarts ?? 3;
  const restartWindowMs = opts.restartWindowMs ?? 60_000;

  const first = new CoreSession(opts, opts.dir);
  let opened: Opened;
  try {
    opened = await first.opened;
  } catch (err) {
    await first.close(closeTimeoutMs);
    throw err;
  }
  const dir = opened.dir;
  let session: CoreSession | null = first;
  /** What a call goes to: the running session, the one being started, or why there is none. */
  let current: Promise<CoreSession | ApiErrorShape> = Promise.resolve(first);
  let closing: Promise<void> | null = null;
  const stops: number[] = [];
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));

  const giveUp = (error: ApiErrorShape): void => {
    session = null;
    current = Promise.resolve(error);
    markStopped();
  };

  const watch = (s: CoreSession): void => {
    s.onExit = (code) => {
      if (s.closeRequested || closing) return;
      const now = Date.now();
      stops.push(now);
      while (stops.length > 0 && (stops[0] ?? now) <= now - restartWindowMs) stops.shift();
      const restarting = stops.length <= maxRestarts;
      opts.onCrash?.({ code, restarting });
      if (!restarting) {
        giveUp({ code: 'IO_ERROR', message: `the notebook process keeps stopping (last exit code ${code}); open the notebook again` });
        return;
      }
      session = null;
      const next = new CoreSession(opts, dir);
      current = next.opened.then(
        () => {
          session = next;
          watch(next);
          return next;
        },
        async (err: unknown) => {
          await next.close(closeTimeoutMs);
          const why = err instanceof Error ? err.message : String(err);
          const error: ApiErrorShape = { code: 'IO_ERROR', message: `the notebook process stopped and could not be started again (${why}); open the notebook again` };
          giveUp(error);
          return error;
        },
      );
    };
  };
  watch(first);

  const transport: Transport = async (method, params) => {
    if (closing) return failure('INTERNAL', 'the notebook is closing');
    const s = await current;
    if (!(s instanceof CoreSession)) return { ok: false, error: s };
    return s.call(method, params);
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const s = await current;
      if (s instanceof CoreSession) await s.close(closeTimeoutMs);
      session = null;
      markStopped();
    })();
    return closing;
  };

  return {
    dir,
    recoveries: opened.recoveries,
    transport,
    get pid() {
      return session?.pid;
    },
    stopped,
    close,
  };
}
