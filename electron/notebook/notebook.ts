/**
 * A notebook: one folder of lowdb JSON files plus content-addressed blobs. `Notebook.open` validates
 * and, where needed, recovers every file; a writable notebook holds the folder's writer lock until
 * `close()`. Read-only opens take no lock, so reading works while another process writes.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { DossierError } from './errors';
import { newId } from './ids';
import { Entities } from './entities/entities';
import { LinkIndex } from './notes/links';
import { Notes } from './notes/notes';
import { Reports } from './reports';
import { catalogSpec, metaSpec, type MetaFile } from './schema/v1';
import { entitiesSpec, mentionsSpec, notesSpec } from './schema/v1-notes';
import { flushAllWrites } from './storage/atomic';
import { Backups } from './storage/backups';
import { Blobs } from './storage/blobs';
import { openJsonDb, type Recovery, type ValidatedJsonFile } from './storage/jsonfile';
import { WriterLock } from './storage/lock';

export interface OpenOptions {
  dir: string;
  /** Take the writer lock and allow changes. */
  writable: boolean;
  /** Who opens it, shown to a second writer: 'cli', 'desktop', 'host'. */
  app?: string;
}

export class Notebook {
  readonly recoveries: Recovery[] = [];
  private lock: WriterLock | null = null;
  private files: Array<ValidatedJsonFile<{ schemaVersion: number }>> = [];
  private closed = false;
  private closing: Promise<void> | null = null;
  reports!: Reports;
  notes!: Notes;
  entities!: Entities;
  links!: LinkIndex;
  meta!: MetaFile;
  readonly blobs: Blobs;
  readonly backups: Backups;
  /** True when the folder held no notebook before this open. */
  isNew = false;

  private constructor(
    readonly dir: string,
    readonly writable: boolean,
  ) {
    this.blobs = new Blobs(dir);
    this.backups = new Backups(dir);
  }

  static async open(opts: OpenOptions): Promise<Notebook> {
    const dir = path.resolve(opts.dir);
    const nb = new Notebook(dir, opts.writable);
    const st = await fs.stat(dir).catch(() => null);
    if (st && !st.isDirectory()) throw new DossierError('INVALID_INPUT', `${dir} is a file, not a notebook folder`);
    if (opts.writable) {
      await fs.mkdir(dir, { recursive: true });
      nb.lock = await WriterLock.acquire(dir, opts.app ?? 'dossier');
    }
    try {
      await nb.load();
    } catch (err) {
      await nb.lock?.release();
      throw err;
    }
    return nb;
  }

  private async load(): Promise<void> {
    const existed = existsSync(path.join(this.dir, metaSpec.file)) || existsSync(path.join(this.dir, catalogSpec.file));
    this.isNew = !existed;
    const common = {
      root: this.dir,
      writable: this.writable,
      backups: this.backups,
      onRecovery: (r: Recovery) => this.recoveries.push(r),
      expectExisting: existed,
    };
    const meta = await openJsonDb(metaSpec, common);
    if (!meta.db.data.id) {
      meta.db.data = { ...meta.db.data, id: newId('nb'), createdAt: new Date().toISOString() };
      if (this.writable) await meta.db.write();
    }
    this.meta = meta.db.data;
    const catalog = await openJsonDb(catalogSpec, common);
    if (this.writable && !existed) await catalog.db.write();
    // A notebook from before notes existed has no notes/entities files and no backups of them: start those empty.
    const later = async (file: string): Promise<typeof common> => ({
      ...common,
      expectExisting: existed && (existsSync(path.join(this.dir, file)) || (await this.backups.list(file)).length > 0),
    });
    const notes = await openJsonDb(notesSpec, await later(notesSpec.file));
    const entities = await openJsonDb(entitiesSpec, await later(entitiesSpec.file));
    const mentions = await openJsonDb(mentionsSpec, await later(mentionsSpec.file));
    if (this.writable) {
      for (const [spec, f] of [[notesSpec, notes], [entitiesSpec, entities], [mentionsSpec, mentions]] as const) {
        if (!existsSync(path.join(this.dir, spec.file))) await f.db.write();
      }
    }
    this.files = [meta.file, catalog.file, notes.file, entities.file, mentions.file] as Array<ValidatedJsonFile<{ schemaVersion: number }>>;
    this.reports = new Reports(catalog.db, this.blobs, () => this.requireWritable());
    this.notes = new Notes(notes.db, () => this.requireWritable());
    this.entities = new Entities(entities.db, mentions.db, () => this.requireWritable());
    this.links = new LinkIndex(this.reports, this.notes, this.entities);
    if (this.writable) for (const f of this.files) await f.backup();
  }

  requireWritable(): void {
    if (this.closed) throw new DossierError('INTERNAL', 'the notebook is closed');
    if (!this.writable) throw new DossierError('INTERNAL', 'the notebook was opened read-only');
  }

  /** Flushes pending writes, backs up what changed, and releases the writer lock. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    await flushAllWrites();
    if (this.writable) {
      for (const f of this.files) await f.backup().catch(() => undefined);
    }
    await this.lock?.release();
    this.lock = null;
    this.closed = true;
  }
}
