/**
 * A stand-in for Electron's `utilityProcess` in main-process tests (no Electron binary here): `fork`
 * starts a real Node child with `child_process.fork` and gives it the same surface as Electron's
 * UtilityProcess (`postMessage`, 'spawn' / 'message' / 'exit' events, `kill`, `pid`). Inside the
 * child, utility-child.ts sets `process.parentPort` as Electron does (`on('message', e => e.data)`,
 * `postMessage`) before loading the entry. Messages use the structured-clone serialisation, as
 * Electron's do.
 *
 *   vi.mock('electron', async () => ({ utilityProcess: (await import('../../helpers/utility-process')).utilityProcess }));
 */
import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const shim = fileURLToPath(new URL('./utility-child.ts', import.meta.url));

/** Every process forked so far, newest last (tests kill them to play a crash). */
export const forked: FakeUtilityProcess[] = [];

export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;

  constructor(modulePath: string, args: string[]) {
    super();
    this.child = fork(shim, [modulePath, ...args], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.once('spawn', () => this.emit('spawn'));
    this.child.on('message', (m) => this.emit('message', m));
    // A message to a process that just died fails with EPIPE; Electron drops it silently.
    this.child.on('error', () => undefined);
    // Electron reports a number; a child killed by a signal reads as 128 + its number, as a shell shows it.
    this.child.once('exit', (code, signal) => this.emit('exit', code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)));
  }

  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }

  kill(): boolean {
    return this.child.kill();
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = []): FakeUtilityProcess {
    const p = new FakeUtilityProcess(modulePath, args);
    forked.push(p);
    return p;
  },
};
