/**
 * Rolling backups of the notebook's JSON files: `backups/<file>.<timestamp>.json`, newest kept,
 * oldest pruned. A backup is only ever taken of a file that parsed and validated.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic';

export const BACKUP_DIR = 'backups';
export const BACKUPS_KEPT = 5;
/** Minimum time between two backups of the same file while a notebook stays open. */
export const BACKUP_INTERVAL_MS = 10 * 60 * 1000;

export interface BackupEntry {
  file: string;
  path: string;
  takenAt: number;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/** The time a backup name's stamp stands for, or null when the name carries none. */
function stampTime(s: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(s);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(t) ? null : t;
}

export type BackupMode = 'interval' | 'if-changed' | 'force';

export class Backups {
  private readonly lastTaken = new Map<string, number>();
  private readonly lastHash = new Map<string, string>();
  constructor(private readonly root: string) {}

  get dir(): string {
    return path.join(this.root, BACKUP_DIR);
  }

  /** Backups of one file, newest first. */
  async list(fileName: string): Promise<BackupEntry[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const prefix = `${fileName}.`;
    const entries: BackupEntry[] = [];
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
      const full = path.join(this.dir, name);
      const st = await fs.stat(full).catch(() => null);
      // The time in the name, not the file's mtime: copying a notebook folder resets mtimes, and
      // the newest backup must stay the newest.
      if (st?.isFile()) entries.push({ file: fileName, path: full, takenAt: stampTime(name.slice(prefix.length, -'.json'.length)) ?? st.mtimeMs });
    }
    return entries.sort((a, b) => b.takenAt - a.takenAt || b.path.localeCompare(a.path));
  }

  private async newestHash(fileName: string): Promise<string | null> {
    const known = this.lastHash.get(fileName);
    if (known) return known;
    const newest = (await this.list(fileName))[0];
    if (!newest) return null;
    const text = await fs.readFile(newest.path, 'utf8').catch(() => null);
    return text === null ? null : hash(text);
  }

  /**
   * Takes a backup of known-good content. `interval`: unless one was taken in the last ten minutes;
   * `if-changed`: unless the newest backup already holds this content; `force`: always.
   * Keeps the newest `keep` (BACKUPS_KEPT) of each file.
   */
  async take(fileName: string, content: string, mode: BackupMode = 'interval', keep = BACKUPS_KEPT): Promise<boolean> {
    const now = Date.now();
    if (mode === 'interval') {
      const last = this.lastTaken.get(fileName) ?? (await this.list(fileName))[0]?.takenAt ?? 0;
      if (now - last < BACKUP_INTERVAL_MS) return false;
    }
    const h = hash(content);
    if (mode === 'if-changed' && (await this.newestHash(fileName)) === h) return false;
    await fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path.join(this.dir, `${fileName}.${stamp(now)}.json`), content);
    this.lastTaken.set(fileName, now);
    this.lastHash.set(fileName, h);
    const all = await this.list(fileName);
    for (const old of all.slice(keep)) await fs.rm(old.path, { force: true });
    return true;
  }
}
