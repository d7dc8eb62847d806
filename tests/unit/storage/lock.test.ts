import { spawnSync } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, readLock, WriterLock } from '../../../electron/notebook/storage/lock';
import { tmpDir } from '../../helpers/tmp';

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

describe('writer lock', () => {
  it('refuses a second writer with a LOCKED error naming the holder', async () => {
    const dir = tmpDir();
    const first = await WriterLock.acquire(dir, 'desktop');
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ ...first.info, pid: process.ppid, since: 'earlier' }));
    await expect(WriterLock.acquire(dir, 'cli')).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining('desktop') });
    first.releaseSync();
  });

  it('takes over a stale lock left by a process that no longer exists', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: os.hostname(), app: 'cli', since: '2024-12-01T00:00:00Z' }));
    const lock = await WriterLock.acquire(dir, 'cli');
    expect((await readLock(dir))?.pid).toBe(process.pid);
    await lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over an unreadable lock file once it is old', async () => {
    const dir = tmpDir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, 'garbage');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const lock = await WriterLock.acquire(dir, 'cli');
    expect((await readLock(dir))?.app).toBe('cli');
    lock.releaseSync();
  });

  it('does not delete a lock that another process took over', async () => {
    const dir = tmpDir();
    const lock = await WriterLock.acquire(dir, 'cli');
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: os.hostname(), app: 'host', since: 'later' }));
    lock.releaseSync();
    expect((await readLock(dir))?.app).toBe('host');
  });
});
