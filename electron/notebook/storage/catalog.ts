/**
 * The report catalog, stored in parts so that it grows by pieces: `catalog.json` is part 1,
 * `catalog-000002.json`, `catalog-000003.json`… follow. New reports go to the highest part until it
 * holds CATALOG_PART_SIZE, then a new part starts; a report stays in its part for life, so tagging
 * or editing one rewrites one part of at most CATALOG_PART_SIZE records, and an import batch
 * rewrites the last part (and starts the next). Each part is an ordinary lowdb file of the notebook
 * (validated, migrated, atomically written, backed up, recovered from its backups when damaged),
 * so a crash leaves every part either as it was or as it became, never half.
 *
 * Each part carries a revision stamp that changes with every change to it, so the search cache can
 * tell whether the catalog changed by reading the stamps instead of hashing every record.
 *
 * Every write of a part also writes its part of the title index (storage/titles.ts), stamped with
 * the same revision, so that note links resolve without the catalog.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { catalogPartFile, catalogPartSpec, type CatalogFile, type Report } from '../schema/v1';
import { BACKUP_DIR } from './backups';
import { openJsonDb, ValidatedJsonFile, type JsonFileOptions } from './jsonfile';
import { titlePartRev, writeTitlePart } from './titles';

/** Reports per part: about 1.2 MB of JSON, so one write costs a few milliseconds. */
export const CATALOG_PART_SIZE = 2000;
/** Rolling backups kept of each part after the first (part 1 keeps the notebook's default). */
const LATER_PART_BACKUPS = 2;
const PART_RE = /^catalog(?:-(\d{6}))?\.json$/;

interface Part {
  n: number;
  db: Low<CatalogFile>;
  file: ValidatedJsonFile<CatalogFile>;
  reports: Map<string, Report>;
  rev: string;
  /** Changed since `rev` was drawn: a new stamp is drawn when one is next needed (not per change). */
  stale: boolean;
}

/**
 * How a part's file is kept: sealed (a part this build wrote is parsed without being validated
 * again); later parts keep fewer backups and no copy of their text in memory (only part 1 is
 * backed up on open and close; the others are backed up as they are written).
 */
function partFileOptions(n: number): Pick<JsonFileOptions, 'sealed' | 'backupsKept' | 'keepText'> {
  return n === 1 ? { sealed: true } : { sealed: true, backupsKept: LATER_PART_BACKUPS, keepText: false };
}

const newRev = (): string => `${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;

function partNumber(name: string): number | null {
  const m = PART_RE.exec(name);
  if (!m) return null;
  return m[1] ? Number(m[1]) : 1;
}

export class Catalog {
  private readonly parts = new Map<number, Part>();
  private readonly partOf = new Map<string, number>();
  private readonly dirty = new Set<number>();
  /** The highest part number: where new reports go. */
  private top = 1;

  private constructor(private readonly opts: JsonFileOptions) {}

  /**
   * Reads and validates every part (restoring damaged or missing ones from their backups). Nothing
   * else is written until `settle()`.
   */
  static async open(opts: JsonFileOptions): Promise<Catalog> {
    const cat = new Catalog(opts);
    const numbers = new Set<number>([1]);
    for (const name of await fs.readdir(opts.root).catch(() => [] as string[])) {
      const n = partNumber(name);
      if (n !== null) numbers.add(n);
    }
    // A part whose file is gone but whose backups are there is damage, restored from them.
    for (const name of await fs.readdir(path.join(opts.root, BACKUP_DIR)).catch(() => [] as string[])) {
      const m = /^(catalog-\d{6}\.json)\./.exec(name);
      const n = m?.[1] ? partNumber(m[1]) : null;
      if (n !== null) numbers.add(n);
    }
    for (const n of [...numbers].sort((a, b) => a - b)) await cat.load(n);
    return cat;
  }

  /**
   * For a writable open, once every notebook file validated: creates part 1 of a new notebook and
   * finishes what an older layout or a crash left. A part larger than CATALOG_PART_SIZE (the single
   * catalog.json of older notebooks) is split, the overflow written to new parts before the big
   * part shrinks; a report found in two parts (a split cut short) is kept in the higher one.
   */
  async settle(): Promise<void> {
    if (!this.opts.writable) return;
    for (const p of this.parts.values()) await p.file.keepPreMigration();
    if (!existsSync(path.join(this.opts.root, catalogPartFile(1)))) await this.writePart(this.part(1));
    await this.split();
    await this.save();
    await this.reseal();
    await this.syncTitles();
  }

  /**
   * Seals the parts an older build wrote (no seal), as they are: same records, same stamp (so the
   * search cache and the title index stay current), so the next open reads them unvalidated.
   * A few at a time, so their writes' flushes overlap.
   */
  private async reseal(): Promise<void> {
    const todo = [...this.parts.values()].filter((p) => !p.file.sealHeld && !this.dirty.has(p.n) && existsSync(p.file.path));
    const one = async (): Promise<void> => {
      for (let p = todo.shift(); p; p = todo.shift()) {
        await p.file.reseal({ schemaVersion: 2, part: p.n, rev: this.revOf(p), reports: [...p.reports.values()] });
      }
    };
    await Promise.all(Array.from({ length: 8 }, one));
  }

  /** Rewrites the title parts that are missing or stale (their stamp is not their catalog part's). */
  private async syncTitles(): Promise<void> {
    for (const p of [...this.parts.values()].sort((a, b) => a.n - b.n)) {
      const rev = this.revOf(p);
      if ((await titlePartRev(this.opts.root, p.n)) !== rev) await writeTitlePart(this.opts.root, p.n, rev, p.reports.values());
    }
  }

  private async load(n: number): Promise<void> {
    const file = catalogPartFile(n);
    const exists = existsSync(path.join(this.opts.root, file));
    const backups = exists ? 1 : (await this.opts.backups.list(file)).length;
    const { db, file: f } = await openJsonDb(catalogPartSpec(n), {
      ...this.opts,
      deferMigrationBackup: true,
      expectExisting: this.opts.expectExisting && (exists || backups > 0),
      ...partFileOptions(n),
    });
    const part: Part = { n, db, file: f, reports: new Map(), rev: db.data.rev, stale: false };
    this.top = Math.max(this.top, n);
    this.parts.set(n, part);
    for (const r of db.data.reports) {
      const before = this.partOf.get(r.id);
      if (before !== undefined && before !== n) {
        // A split cut short: the higher part holds the copy that counts.
        this.parts.get(before)?.reports.delete(r.id);
        this.touch(before);
      }
      part.reports.set(r.id, r);
      this.partOf.set(r.id, n);
    }
  }

  private part(n: number): Part {
    const p = this.parts.get(n);
    if (!p) throw new Error(`catalog part ${n} is not loaded`);
    return p;
  }

  private touch(n: number): void {
    this.dirty.add(n);
    const p = this.parts.get(n);
    if (p) p.stale = true;
  }

  private revOf(p: Part): string {
    if (p.stale) {
      p.rev = newRev();
      p.stale = false;
    }
    return p.rev;
  }

  /** A new, empty part in memory; its file is written by the next save. */
  private newPart(): Part {
    const n = this.top + 1;
    const spec = catalogPartSpec(n);
    const file = new ValidatedJsonFile(spec, { ...this.opts, expectExisting: false, ...partFileOptions(n) });
    const db = new Low<CatalogFile>(file, spec.empty());
    const part: Part = { n, db, file, reports: new Map(), rev: newRev(), stale: false };
    this.top = n;
    this.parts.set(n, part);
    return part;
  }

  /** Splits oversized parts: the overflow goes to new parts, written before the big part shrinks. */
  private async split(): Promise<void> {
    for (const big of [...this.parts.values()]) {
      if (big.reports.size <= CATALOG_PART_SIZE) continue;
      const overflow = [...big.reports.values()].slice(CATALOG_PART_SIZE);
      for (let i = 0; i < overflow.length; i += CATALOG_PART_SIZE) {
        const part = this.newPart();
        for (const r of overflow.slice(i, i + CATALOG_PART_SIZE)) {
          part.reports.set(r.id, r);
          this.partOf.set(r.id, part.n);
        }
        await this.writePart(part);
      }
      for (const r of overflow) big.reports.delete(r.id);
      this.touch(big.n);
    }
  }

  /** Every report, in the order they were added. */
  *all(): Iterable<Report> {
    for (const n of [...this.parts.keys()].sort((a, b) => a - b)) yield* this.part(n).reports.values();
  }

  get size(): number {
    return this.partOf.size;
  }

  find(id: string): Report | undefined {
    const n = this.partOf.get(id);
    return n === undefined ? undefined : this.parts.get(n)?.reports.get(id);
  }

  has(id: string): boolean {
    return this.partOf.has(id);
  }

  get partCount(): number {
    return this.parts.size;
  }

  /** Adds or replaces a report in memory; persisted by `save()`. */
  put(r: Report): void {
    let n = this.partOf.get(r.id);
    if (n === undefined) {
      const top = this.part(this.top);
      n = top.reports.size < CATALOG_PART_SIZE ? top.n : this.newPart().n;
      this.partOf.set(r.id, n);
    }
    this.part(n).reports.set(r.id, r);
    this.touch(n);
  }

  remove(id: string): void {
    const n = this.partOf.get(id);
    if (n === undefined) return;
    this.partOf.delete(id);
    this.part(n).reports.delete(id);
    this.touch(n);
  }

  private async writePart(p: Part): Promise<void> {
    const rev = this.revOf(p);
    p.db.data = { schemaVersion: 2, part: p.n, rev, reports: [...p.reports.values()] };
    await p.db.write();
    await writeTitlePart(this.opts.root, p.n, rev, p.reports.values());
  }

  /** Writes every part changed since the last save, each atomically and durably. */
  async save(): Promise<void> {
    for (const n of [...this.dirty].sort((a, b) => a - b)) {
      // Cleared before the write: a put while the part is being written marks it again for the next save.
      this.dirty.delete(n);
      try {
        await this.writePart(this.part(n));
      } catch (err) {
        this.dirty.add(n);
        throw err;
      }
    }
  }

  /** Changes whenever any report changes (the parts' revision stamps). */
  fingerprint(): string {
    return [...this.parts.values()]
      .sort((a, b) => a.n - b.n)
      .map((p) => `${p.n}:${this.revOf(p)}:${p.reports.size}`)
      .join(',');
  }

  /** The files to back up on open and close: part 1 only (later parts are backed up as they are written). */
  backupFiles(): Array<ValidatedJsonFile<CatalogFile>> {
    return [this.part(1).file];
  }
}
