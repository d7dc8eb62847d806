/**
 * Durable, atomic file writes: write a temp file in the same folder, fsync it, rename it over the
 * target, fsync the folder. A reader sees either the old or the new file, never half of one, and a
 * write is acknowledged (the promise resolves) only once it is on disk. Writes to one file are
 * serialized so that the last call always wins.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task queued for the same key has settled. */
export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const tail = next.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}

/** fsync a folder so that a rename inside it is durable. Ignored where the OS does not allow it. */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

export interface AtomicWriteOptions {
  /** Skip the folder fsync (the caller syncs the folder once for a batch). */
  skipDirSync?: boolean;
}

/** What a write takes: a string, bytes, or bytes in pieces (written one after another, never joined in memory). */
export type WriteData = string | Uint8Array | readonly Uint8Array[];

async function writeNow(file: string, data: WriteData, opts: AtomicWriteOptions): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', 0o644);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const piece of data) await handle.write(piece);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, file);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    // Name the file the user knows (not our temp file) in "the disk is full (…)" and the like.
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e === 'object' && typeof e.code === 'string' && (!e.path || e.path === tmp)) e.path = file;
    throw err;
  }
  if (!opts.skipDirSync) await syncDir(dir);
}

/** Atomically replaces `file` with `data`; serialized per file; resolves once durable. */
export function writeFileAtomic(file: string, data: WriteData, opts: AtomicWriteOptions = {}): Promise<void> {
  return serialized(path.resolve(file), () => writeNow(file, data, opts));
}

/** Waits for every queued write to settle (used on close and quit). */
export async function flushAllWrites(): Promise<void> {
  while (queues.size > 0) await Promise.allSettled([...queues.values()]);
}

/** Temp files of an atomic write (`.<name>.<pid>.<hex>.tmp`), or of the search cache as older versions named them (`.<name>.tmp-<pid>-<hex>`). */
const TEMP_RE = /^\..+(?:\.(\d+)\.[0-9a-f]{8}\.tmp|\.tmp-(\d+)-[0-9a-f]{8})$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files left by writes that a crash cut short, in `root` and the given subfolders.
 * Only temp files named by a process that no longer exists are removed (the pid is in the name).
 * Returns how many were removed.
 */
export async function sweepTempFiles(root: string, subdirs: readonly string[]): Promise<number> {
  let removed = 0;
  for (const dir of [root, ...subdirs.map((d) => path.join(root, d))]) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const m = TEMP_RE.exec(name);
      // Only files of processes that are gone: a live process (even a reader, or one about to take
      // the lock) may be writing its temp file right now.
      if (!m || processAlive(Number(m[1] ?? m[2]))) continue;
      await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}
