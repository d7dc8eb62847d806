/**
 * Content-addressed files: report bodies (`bodies/<sha256>.txt`) and imported originals
 * (`originals/<sha256>.<ext>`). A blob is immutable; writing one that exists is a no-op.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { syncDir, writeFileAtomic } from './atomic';

export const BODY_DIR = 'bodies';
export const ORIGINAL_DIR = 'originals';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function safeExt(ext: string): string {
  const clean = ext.toLowerCase().replace(/[^a-z0-9.]/g, '');
  return /^\.[a-z0-9]{1,10}$/.test(clean) ? clean : '.bin';
}

export class Blobs {
  private readonly dirty = new Set<string>();
  constructor(private readonly root: string) {}

  bodyRef(hash: string): string {
    return `${BODY_DIR}/${hash}.txt`;
  }

  originalRef(hash: string, ext: string): string {
    return `${ORIGINAL_DIR}/${hash}${safeExt(ext)}`;
  }

  abs(ref: string): string {
    return path.join(this.root, ...ref.split('/'));
  }

  /** Writes a blob unless it already exists. The folder is synced later by `syncDirs`. */
  async put(ref: string, data: string | Uint8Array): Promise<void> {
    const file = this.abs(ref);
    try {
      await fs.access(file);
      return;
    } catch {
      /* not there yet */
    }
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, data, { skipDirSync: true });
    this.dirty.add(path.dirname(file));
  }

  /** Makes the renames of every blob written since the last call durable. */
  async syncDirs(): Promise<void> {
    const dirs = [...this.dirty];
    this.dirty.clear();
    await Promise.all(dirs.map((d) => syncDir(d)));
  }

  readText(ref: string): Promise<string> {
    return fs.readFile(this.abs(ref), 'utf8');
  }

  readBytes(ref: string): Promise<Buffer> {
    return fs.readFile(this.abs(ref));
  }

  async exists(ref: string): Promise<boolean> {
    return fs.access(this.abs(ref)).then(
      () => true,
      () => false,
    );
  }

  async remove(ref: string): Promise<void> {
    await fs.rm(this.abs(ref), { force: true });
  }

  /** Every blob ref on disk (for `check`). */
  async listAll(): Promise<string[]> {
    const refs: string[] = [];
    for (const dir of [BODY_DIR, ORIGINAL_DIR]) {
      const names = await fs.readdir(path.join(this.root, dir)).catch(() => [] as string[]);
      for (const n of names) if (!n.startsWith('.')) refs.push(`${dir}/${n}`);
    }
    return refs;
  }
}
