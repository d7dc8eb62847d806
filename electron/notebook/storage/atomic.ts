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

async function writeNow(file: string, data: string | Uint8Array, opts: AtomicWriteOptions): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, file);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  if (!opts.skipDirSync) await syncDir(dir);
}

/** Atomically replaces `file` with `data`; serialized per file; resolves once durable. */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  return serialized(path.resolve(file), () => writeNow(file, data, opts));
}

/** Waits for every queued write to settle (used on close and quit). */
export async function flushAllWrites(): Promise<void> {
  while (queues.size > 0) await Promise.allSettled([...queues.values()]);
}
