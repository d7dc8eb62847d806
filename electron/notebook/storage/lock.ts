/**
 * One writer per notebook. The writer holds `dossier.lock` (created exclusively) naming its pid,
 * host and app. A lock left by a process that no longer exists on this host is stale and taken over.
 * Every front door (desktop app, browser host, CLI) uses this same lock.
 */
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DossierError } from '../errors';

export const LOCK_FILE = 'dossier.lock';

export interface LockInfo {
  pid: number;
  host: string;
  app: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') {
      return { pid: v.pid, host: v.host, app: String(v.app ?? 'dossier'), since: String(v.since ?? '') };
    }
  } catch {
    /* unreadable lock: handled by the caller */
  }
  return null;
}

/** Reads the lock of a notebook folder, or null when none is held. */
export async function readLock(dir: string): Promise<LockInfo | null> {
  try {
    return parseLock(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8'));
  } catch {
    return null;
  }
}

export function isStale(info: LockInfo | null): boolean {
  if (!info) return true;
  return info.host === os.hostname() && !isAlive(info.pid);
}

export class WriterLock {
  private released = false;
  private readonly onExit = (): void => this.releaseSync();
  private constructor(
    readonly file: string,
    readonly info: LockInfo,
  ) {
    process.once('exit', this.onExit);
  }

  static async acquire(dir: string, app: string): Promise<WriterLock> {
    const file = path.join(dir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, host: os.hostname(), app, since: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await fs.open(file, 'wx', 0o644);
        try {
          await handle.writeFile(JSON.stringify(info));
          await handle.sync();
        } finally {
          await handle.close();
        }
        return new WriterLock(file, info);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const text = await fs.readFile(file, 'utf8').catch(() => '');
      const holder = parseLock(text);
      if (holder && holder.pid === process.pid && holder.host === info.host) {
        throw new DossierError('LOCKED', 'this notebook is already open for writing in this process');
      }
      const stat = await fs.stat(file).catch(() => null);
      const unreadableAndOld = !holder && (!stat || Date.now() - stat.mtimeMs > 5_000);
      if ((holder && isStale(holder)) || unreadableAndOld) {
        await fs.rm(file, { force: true });
        continue;
      }
      if (!holder) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      throw new DossierError(
        'LOCKED',
        `the notebook is open for writing in another Dossier process (${holder.app}, pid ${holder.pid}` +
          `${holder.host !== info.host ? ` on ${holder.host}` : ''}, since ${holder.since}); close it and try again`,
      );
    }
    throw new DossierError('LOCKED', `could not take the notebook lock ${file}`);
  }

  private ownsFile(): boolean {
    try {
      const holder = parseLock(readFileSync(this.file, 'utf8'));
      return !!holder && holder.pid === this.info.pid && holder.since === this.info.since;
    } catch {
      return false;
    }
  }

  releaseSync(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    if (this.ownsFile()) rmSync(this.file, { force: true });
  }

  async release(): Promise<void> {
    this.releaseSync();
  }
}
