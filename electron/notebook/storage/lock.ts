/**
 * One writer per notebook. The writer holds `dossier.lock` (created exclusively) naming its pid,
 * host and app. A lock left by a process that no longer exists on this host is stale and taken over.
 * Every front door (desktop app, browser host, CLI) uses this same lock.
 */
import { randomBytes } from 'node:crypto';
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

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Creates the lock file with its content in one step: the content goes to a temp file that is then
 * hard-linked to `dossier.lock` (fails if it exists), so no other process ever sees an empty lock.
 * Where hard links are not supported, falls back to an exclusive create. Returns false if held.
 */
async function createLockFile(file: string, info: LockInfo): Promise<boolean> {
  const tmp = path.join(path.dirname(file), `.${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, JSON.stringify(info), { mode: 0o644 });
  } catch (err) {
    // "the folder is read-only (DIR)" rather than naming our temp file.
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e === 'object' && e.path === tmp) e.path = path.dirname(file);
    throw err;
  }
  try {
    const h = await fs.open(tmp, 'r+');
    await h.sync().finally(() => h.close());
    await fs.link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  try {
    const handle = await fs.open(file, 'wx', 0o644);
    try {
      await handle.writeFile(JSON.stringify(info));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Removes a stale lock, but only while holding `dossier.lock.takeover` and only if the lock still
 * holds the stale content we saw: two processes taking over the same stale lock at once must not
 * remove the fresh lock the faster one just created.
 */
async function removeStaleLock(file: string, staleText: string): Promise<void> {
  const guard = `${file}.takeover`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(guard, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const st = await fs.stat(guard).catch(() => null);
    if (st && Date.now() - st.mtimeMs > 5_000) await fs.rm(guard, { force: true });
    else await sleep(20);
    return;
  }
  try {
    await handle.close();
    const now = await fs.readFile(file, 'utf8').catch(() => null);
    if (now === staleText) await fs.rm(file, { force: true });
  } finally {
    await fs.rm(guard, { force: true });
  }
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
    // An unreadable lock younger than this may be one being written right now by another process.
    const deadline = Date.now() + 2_000;
    for (;;) {
      if (await createLockFile(file, info)) return new WriterLock(file, info);
      const text = await fs.readFile(file, 'utf8').catch(() => null);
      if (text === null) {
        // Released between our attempt and the read: try again (a lock that cannot be read at all gives up).
        if (Date.now() > deadline) throw new DossierError('LOCKED', `could not read the notebook lock ${file}`);
        continue;
      }
      const holder = parseLock(text);
      if (holder && holder.pid === process.pid && holder.host === info.host) {
        throw new DossierError('LOCKED', 'this notebook is already open for writing in this process');
      }
      const stat = await fs.stat(file).catch(() => null);
      const unreadableAndOld = !holder && (!stat || Date.now() - stat.mtimeMs > 5_000);
      if ((holder && isStale(holder)) || unreadableAndOld) {
        await removeStaleLock(file, text);
        continue;
      }
      if (!holder && Date.now() < deadline) {
        await sleep(50);
        continue;
      }
      if (!holder) throw new DossierError('LOCKED', `could not take the notebook lock ${file} (it is unreadable; delete it if no Dossier is running)`);
      throw new DossierError(
        'LOCKED',
        `the notebook is open for writing in another Dossier process (${holder.app}, pid ${holder.pid}` +
          `${holder.host !== info.host ? ` on ${holder.host}` : ''}, since ${holder.since}); close it and try again`,
      );
    }
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
