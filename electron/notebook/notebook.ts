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
import { registerNoteAndEntitySearch } from './notes/search-sources';
import { ReportTrash } from './report-trash';
import { Reports, type ReportChange } from './reports';
import { NotebookSearch } from './searcher';
import { catalogSpec, metaSpec, type MetaFile, type Report } from './schema/v1';
import type { SearchDoc } from './search';
import { entitiesSpec, mentionsSpec, notesSpec } from './schema/v1-notes';
import { reportTrashSpec } from './schema/v1-trash';
import { flushAllWrites, sweepTempFiles } from './storage/atomic';
import { BACKUP_DIR, Backups } from './storage/backups';
import { BODY_DIR, Blobs, ORIGINAL_DIR } from './storage/blobs';
import { Catalog } from './storage/catalog';
import { PACK_DIR } from './storage/packs';
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
  reportTrash!: ReportTrash;
  notes!: Notes;
  entities!: Entities;
  links!: LinkIndex;
  meta!: MetaFile;
  readonly search: NotebookSearch;
  readonly blobs: Blobs;
  readonly backups: Backups;
  /** True when the folder held no notebook before this open. */
  isNew = false;

  private constructor(
    readonly dir: string,
    readonly writable: boolean,
  ) {
    this.blobs = new Blobs(dir, writable);
    this.backups = new Backups(dir);
    this.search = new NotebookSearch(dir, () => this.writable);
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
      // Temp files of writes that a crash cut short (named by processes that no longer exist).
      if (opts.writable) await sweepTempFiles(dir, [BACKUP_DIR, 'cache', BODY_DIR, ORIGINAL_DIR, PACK_DIR]);
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
      // Every file is validated before anything is written (a newer file refuses the open untouched).
      deferMigrationBackup: true,
    };
    // A file that is missing and has no backup at all was never saved (a crash while the notebook
    // was being created): start it empty. A missing file with backups is damage and is restored.
    const later = async (file: string): Promise<typeof common> => ({
      ...common,
      expectExisting: existed && (existsSync(path.join(this.dir, file)) || (await this.backups.list(file)).length > 0),
    });
    const meta = await openJsonDb(metaSpec, await later(metaSpec.file));
    if (!meta.db.data.id) {
      meta.db.data = { ...meta.db.data, id: newId('nb'), createdAt: new Date().toISOString() };
      if (this.writable) await meta.db.write();
    }
    this.meta = meta.db.data;
    const catalog = await Catalog.open(await later(catalogSpec.file));
    // A notebook from before notes existed has no notes/entities files and no backups of them: start those empty.
    const notes = await openJsonDb(notesSpec, await later(notesSpec.file));
    const entities = await openJsonDb(entitiesSpec, await later(entitiesSpec.file));
    const mentions = await openJsonDb(mentionsSpec, await later(mentionsSpec.file));
    const trash = await openJsonDb(reportTrashSpec, await later(reportTrashSpec.file));
    if (this.writable) {
      for (const f of [meta.file, notes.file, entities.file, mentions.file, trash.file]) await f.keepPreMigration();
      await catalog.settle();
      for (const [spec, f] of [[notesSpec, notes], [entitiesSpec, entities], [mentionsSpec, mentions], [reportTrashSpec, trash]] as const) {
        if (!existsSync(path.join(this.dir, spec.file))) await f.db.write();
      }
    }
    this.files = [meta.file, ...catalog.backupFiles(), notes.file, entities.file, mentions.file, trash.file] as Array<ValidatedJsonFile<{ schemaVersion: number }>>;
    // Texts of the older layout (one file each in bodies/ and originals/) move into packs.
    if (this.writable) await this.blobs.packLoose();
    this.reports = new Reports(catalog, this.blobs, () => this.requireWritable());
    this.reportTrash = new ReportTrash(trash.db, () => this.requireWritable());
    this.reports.blobHeldElsewhere = (ref) => this.reportTrash.holds(ref);
    this.registerReportSearch();
    this.notes = new Notes(notes.db, () => this.requireWritable());
    this.entities = new Entities(entities.db, mentions.db, () => this.requireWritable());
    this.links = new LinkIndex(this.reports, this.notes, this.entities);
    registerNoteAndEntitySearch(this);
    this.reports.onChange((c) => {
      if (c.type === 'delete') void this.entities.forgetReport(c.report.id).catch(() => undefined);
    });
    if (this.writable) for (const f of this.files) await f.backup();
  }

  /** The search document of a report; `entityIds` are filled in by the entities part. */
  reportDoc(r: Report, text: string): SearchDoc {
    return { kind: 'report', id: r.id, title: r.title, text, tags: r.tags, date: r.publishedAt, entityIds: this.entityIdsOf(r.id) };
  }

  /** Entities mentioned in a report; replaced once entities exist. */
  entityIdsOf: (reportId: string) => string[] = () => [];

  private registerReportSearch(): void {
    const reports = this.reports;
    this.search.addSource({
      kind: 'report',
      fingerprint: () => reports.fingerprint(),
      docs: async function* (this: void) {
        // Bodies are read 64 at a time so a rebuild waits on the disk once per batch, not per report.
        const all = reports.all();
        for (let i = 0; i < all.length; i += 64) {
          const batch = all.slice(i, i + 64);
          const texts = await Promise.all(batch.map((r) => reports.body(r.id).catch(() => '')));
          for (const [j, r] of batch.entries()) yield nbDoc(r, texts[j] ?? '');
        }
      },
      text: (id: string) => {
        const r = reports.find(id);
        return r ? this.blobs.readTextOrNull(r.bodyRef) : null;
      },
    });
    const nbDoc = (r: Report, text: string): SearchDoc => this.reportDoc(r, text);
    reports.onChange((c: ReportChange) => {
      if (c.type === 'delete') this.search.update({ remove: c.report.id });
      else this.search.update({ upsert: async () => (reports.has(c.report.id) ? nbDoc(c.report, await reports.body(c.report.id).catch(() => '')) : null) });
    });
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
    await this.search.flush().catch(() => undefined);
    await flushAllWrites();
    if (this.writable) {
      for (const f of this.files) await f.backup().catch(() => undefined);
    }
    this.blobs.close();
    await this.lock?.release();
    this.lock = null;
    this.closed = true;
  }
}
