/**
 * A lowdb adapter for one notebook JSON file: reads with migration and zod validation, writes
 * atomically and durably, and recovers from damage. A file that fails to parse or validate is set
 * aside as `<file>.corrupt-<time>`, the newest good backup is restored, and a Recovery record says
 * what happened; nothing is silently dropped.
 *
 * A sealed file (the catalog parts: `sealed: true`) ends with the CRC-32 of the bytes before it:
 * `{…,"seal":"<8 hex digits>"}`. A file of the current version whose seal holds is byte for byte
 * what this build wrote from data it validated or made, so it is parsed but not validated again
 * (zod was a third of opening 250,000 reports). A file whose seal is missing or wrong (damage, a
 * hand edit, an older build's file) is validated as before, and recovered if that fails.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { Low, type Adapter } from 'lowdb';
import { DossierError, isDossierError } from '../errors';
import { migrate, type FileSpec } from '../schema/migrate';
import { writeFileAtomic } from './atomic';
import type { Backups } from './backups';

export interface Recovery {
  file: string;
  problem: string;
  /** What was done: restored from a backup, started empty, or (read-only) used a backup in memory. */
  action: string;
  recovered: boolean;
  setAside?: string;
}

export interface JsonFileOptions {
  root: string;
  writable: boolean;
  backups: Backups;
  onRecovery: (r: Recovery) => void;
  /** Set when the notebook already existed, so a missing file is damage rather than a fresh start. */
  expectExisting: boolean;
  /** How many rolling backups to keep (default BACKUPS_KEPT). */
  backupsKept?: number;
  /**
   * Keep the pre-migration backup in memory until `keepPreMigration()` or the first write, so that
   * opening a notebook validates every file before it writes anything.
   */
  deferMigrationBackup?: boolean;
  /** Write the file with a seal and trust a current-version file whose seal holds (see the file comment). */
  sealed?: boolean;
  /**
   * Keep the text last read or written for `backup()` (default true). A file that `backup()` is
   * never called on (the later catalog parts, backed up as they are written) need not hold it.
   */
  keepText?: boolean;
}

function serialize(data: unknown): string {
  return JSON.stringify(data);
}

/** `,"seal":"` + 8 hex digits + `"}`: the seal closes the file's top-level object. */
const SEAL_HEAD = ',"seal":"';
const SEAL_BYTES = SEAL_HEAD.length + 8 + 2;

const sealHex = (n: number): string => n.toString(16).padStart(8, '0');

/** The JSON text of `data` with its seal: the CRC-32 of every byte before `,"seal"`. */
export function sealedText(data: unknown): string {
  const body = serialize(data).slice(0, -1); // without the closing brace
  return `${body}${SEAL_HEAD}${sealHex(crc32(body))}"}`;
}

/** Whether `bytes` end with a seal that holds for the bytes before it. */
export function sealHolds(bytes: Buffer): boolean {
  const at = bytes.length - SEAL_BYTES;
  if (at < 1 || bytes.toString('latin1', at, at + SEAL_HEAD.length) !== SEAL_HEAD || bytes[bytes.length - 1] !== 0x7d || bytes[bytes.length - 2] !== 0x22) return false;
  const hex = bytes.toString('latin1', at + SEAL_HEAD.length, at + SEAL_HEAD.length + 8);
  return /^[0-9a-f]{8}$/.test(hex) && sealHex(crc32(bytes.subarray(0, at))) === hex;
}

export class ValidatedJsonFile<T extends { schemaVersion: number }> implements Adapter<T> {
  readonly path: string;
  /** The text last read or written, used for backups. */
  private lastGood: string | null = null;
  /** The file's text before migration, until its backup is taken. */
  private preMigration: string | null = null;
  migratedFrom: number | null = null;
  /** Whether the file as last read was sealed and its seal held (see the file comment). */
  sealHeld = false;

  constructor(
    readonly spec: FileSpec<T>,
    private readonly opts: JsonFileOptions,
  ) {
    this.path = path.join(opts.root, spec.file);
  }

  /** `trusted`: the text's seal holds, so a current-version file is taken as it parses. */
  private parse(text: string, trusted = false): T {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new DossierError('CORRUPT', `${this.spec.file} is not valid JSON (${(err as Error).message})`);
    }
    if (trusted && typeof raw === 'object' && raw !== null && (raw as { schemaVersion?: unknown }).schemaVersion === this.spec.version) {
      delete (raw as { seal?: unknown }).seal;
      this.migratedFrom = null;
      return raw as T;
    }
    const result = migrate(this.spec, raw);
    this.migratedFrom = result.migratedFrom;
    return result.data;
  }

  private serialize(data: T): string {
    return this.opts.sealed ? sealedText(data) : serialize(data);
  }

  private keep(text: string): void {
    if (this.opts.keepText !== false) this.lastGood = text;
  }

  async read(): Promise<T | null> {
    let text: string;
    let trusted = false;
    try {
      if (this.opts.sealed) {
        const bytes = await fs.readFile(this.path);
        trusted = sealHolds(bytes);
        this.sealHeld = trusted;
        text = bytes.toString('utf8');
      } else text = await fs.readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (!this.opts.expectExisting) return null;
      return this.recover(`${this.spec.file} is missing`, null);
    }
    try {
      const data = this.parse(text, trusted);
      this.keep(text);
      if (this.migratedFrom !== null && this.opts.writable) {
        // Keep the pre-migration file as a backup before the first rewrite in the new version.
        this.preMigration = text;
        if (!this.opts.deferMigrationBackup) await this.keepPreMigration();
      }
      return data;
    } catch (err) {
      if (isDossierError(err) && err.code === 'NEWER_VERSION') throw err;
      const problem = isDossierError(err) ? err.message : String(err);
      return this.recover(problem, text);
    }
  }

  private async recover(problem: string, damaged: string | null): Promise<T> {
    let setAside: string | undefined;
    if (this.opts.writable && damaged !== null) {
      setAside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(this.path, setAside);
    }
    for (const backup of await this.opts.backups.list(this.spec.file)) {
      try {
        const text = await fs.readFile(backup.path, 'utf8');
        const data = this.parse(text);
        const when = new Date(backup.takenAt).toISOString();
        if (this.opts.writable) {
          await writeFileAtomic(this.path, text);
          this.keep(text);
        }
        this.opts.onRecovery({
          file: this.spec.file,
          problem,
          action: this.opts.writable
            ? `restored the backup of ${when}; changes made after it could not be recovered`
            : `read the backup of ${when} instead; run \`dossier check --repair\` to restore it on disk`,
          recovered: true,
          setAside,
        });
        return data;
      } catch {
        /* try the next older backup */
      }
    }
    const empty = this.spec.empty();
    if (this.opts.writable) await this.write(empty);
    this.opts.onRecovery({
      file: this.spec.file,
      problem,
      action: setAside
        ? `no good backup was found; started it empty and kept the damaged file as ${path.basename(setAside)}`
        : 'no good backup was found; started it empty',
      recovered: false,
      setAside,
    });
    return empty;
  }

  /** Takes the backup of the file as it was before migration (once). */
  async keepPreMigration(): Promise<void> {
    const text = this.preMigration;
    if (text === null) return;
    await this.opts.backups.take(this.spec.file, text, 'force');
    this.preMigration = null;
  }

  async write(data: T): Promise<void> {
    if (!this.opts.writable) throw new DossierError('INTERNAL', `${this.spec.file} was opened read-only`);
    await this.keepPreMigration();
    const text = this.serialize(data);
    await writeFileAtomic(this.path, text);
    this.keep(text);
    this.sealHeld = this.opts.sealed === true;
    await this.opts.backups.take(this.spec.file, text, 'interval', this.opts.backupsKept).catch(() => false);
  }

  /**
   * Rewrites a sealed file that was read without a holding seal (an older build wrote it), with the
   * same data: atomically and durably, with no backup of its own (the content is not new).
   */
  async reseal(data: T): Promise<void> {
    if (!this.opts.sealed || this.sealHeld || !this.opts.writable) return;
    await this.keepPreMigration();
    const text = this.serialize(data);
    await writeFileAtomic(this.path, text);
    this.keep(text);
    this.sealHeld = true;
  }

  /** Backs up the current good content unless the newest backup already holds it (on open and close). */
  async backup(): Promise<void> {
    if (this.lastGood !== null && this.opts.writable) await this.opts.backups.take(this.spec.file, this.lastGood, 'if-changed');
  }
}

/** Opens one file as a lowdb database (`db.data`, `db.write()`), validated and recovered. */
export async function openJsonDb<T extends { schemaVersion: number }>(
  spec: FileSpec<T>,
  opts: JsonFileOptions,
): Promise<{ db: Low<T>; file: ValidatedJsonFile<T> }> {
  const file = new ValidatedJsonFile(spec, opts);
  const db = new Low<T>(file, spec.empty());
  await db.read();
  return { db, file };
}
