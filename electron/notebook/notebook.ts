/**
 * A notebook: one folder of lowdb JSON files plus content-addressed blobs. `Notebook.open` validates
 * and, where needed, recovers every file; a writable notebook holds the folder's writer lock until
 * `close()`. Read-only opens take no lock, so reading works while another process writes.
 *
 * This is the composition root of the core: `open` loads the files, and the constructor builds
 * every store from them, the link index from the stores and the search index from the stores
 * (search-sources.ts), each given what it needs and nothing else. The services that implement the
 * contract are composed from these stores by `createHandlers` (service.ts).
 *
 * A lazy open (`lazy: true`, what the CLI does) leaves the report catalog, the one store that
 * grows with the notebook, on disk until a method needs it (`openReports`, called by the handlers
 * of the methods that read reports). Until then links resolve report titles through the stored
 * title index (storage/titles.ts), so `note add` in a notebook of 250,000 reports reads notes,
 * entities and that index, never the catalog. When the title index is missing or stale the
 * catalog is loaded at open instead (and, when writable, the index is rewritten).
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Low } from 'lowdb';
import { DossierError } from './errors';
import { newId } from './ids';
import { Entities } from './entities/entities';
import { LinkIndex } from './notes/links';
import { Notes } from './notes/notes';
import { ReportTrash } from './report-trash';
import { Reports } from './reports';
import { connectSearch } from './search-sources';
import { NotebookSearch } from './searcher';
import { catalogSpec, metaSpec, type MetaFile } from './schema/v1';
import { entitiesSpec, mentionsSpec, notesSpec, type EntitiesFile, type MentionsFile, type NotesFile } from './schema/v1-notes';
import { reportTrashSpec, type ReportTrashFile } from './schema/v1-trash';
import { flushAllWrites, sweepTempFiles } from './storage/atomic';
import { BACKUP_DIR, Backups } from './storage/backups';
import { BODY_DIR, Blobs, ORIGINAL_DIR } from './storage/blobs';
import { Catalog } from './storage/catalog';
import { PACK_DIR } from './storage/packs';
import { openJsonDb, type Recovery, type ValidatedJsonFile } from './storage/jsonfile';
import { StoredReportTitles, TITLE_DIR } from './storage/titles';
import { WriterLock } from './storage/lock';
import type { NotebookFacts, Stores } from './stores';

export interface OpenOptions {
  dir: string;
  /** Take the writer lock and allow changes. */
  writable: boolean;
  /** Who opens it, shown to a second writer: 'cli', 'desktop', 'host'. */
  app?: string;
  /** Leave the report catalog on disk until a method needs it (see the file comment). */
  lazy?: boolean;
}

/** The notebook's files, loaded and validated, before any store is built on them. */
interface LoadedFiles {
  meta: MetaFile;
  /** Null for a lazy open: then `titles` resolves report titles until `openCatalog` is called. */
  catalog: Catalog | null;
  titles: StoredReportTitles | null;
  openCatalog: () => Promise<Catalog>;
  notes: Low<NotesFile>;
  entities: Low<EntitiesFile>;
  mentions: Low<MentionsFile>;
  trash: Low<ReportTrashFile>;
  /** Every file, for backups on open and close. */
  all: Array<ValidatedJsonFile<{ schemaVersion: number }>>;
  isNew: boolean;
}

async function loadFiles(dir: string, writable: boolean, lazy: boolean, backups: Backups, onRecovery: (r: Recovery) => void): Promise<LoadedFiles> {
  const existed = existsSync(path.join(dir, metaSpec.file)) || existsSync(path.join(dir, catalogSpec.file));
  const common = {
    root: dir,
    writable,
    backups,
    onRecovery,
    expectExisting: existed,
    // Every file is validated before anything is written (a newer file refuses the open untouched).
    deferMigrationBackup: true,
  };
  // A file that is missing and has no backup at all was never saved (a crash while the notebook
  // was being created): start it empty. A missing file with backups is damage and is restored.
  const later = async (file: string): Promise<typeof common> => ({
    ...common,
    expectExisting: existed && (existsSync(path.join(dir, file)) || (await backups.list(file)).length > 0),
  });
  const meta = await openJsonDb(metaSpec, await later(metaSpec.file));
  if (!meta.db.data.id) {
    meta.db.data = { ...meta.db.data, id: newId('nb'), createdAt: new Date().toISOString() };
    if (writable) await meta.db.write();
  }
  const openCatalog = async (): Promise<Catalog> => {
    const catalog = await Catalog.open(await later(catalogSpec.file));
    if (writable) await catalog.settle();
    return catalog;
  };
  // A lazy open of an existing notebook needs a current title index; without one the catalog loads now.
  const titles = lazy && existed ? await StoredReportTitles.load(dir) : null;
  const catalog = titles ? null : await Catalog.open(await later(catalogSpec.file));
  // A notebook from before notes existed has no notes/entities files and no backups of them: start those empty.
  const notes = await openJsonDb(notesSpec, await later(notesSpec.file));
  const entities = await openJsonDb(entitiesSpec, await later(entitiesSpec.file));
  const mentions = await openJsonDb(mentionsSpec, await later(mentionsSpec.file));
  const trash = await openJsonDb(reportTrashSpec, await later(reportTrashSpec.file));
  if (writable) {
    for (const f of [meta.file, notes.file, entities.file, mentions.file, trash.file]) await f.keepPreMigration();
    await catalog?.settle();
    for (const [spec, f] of [[notesSpec, notes], [entitiesSpec, entities], [mentionsSpec, mentions], [reportTrashSpec, trash]] as const) {
      if (!existsSync(path.join(dir, spec.file))) await f.db.write();
    }
  }
  return {
    meta: meta.db.data,
    catalog,
    titles,
    openCatalog,
    notes: notes.db,
    entities: entities.db,
    mentions: mentions.db,
    trash: trash.db,
    all: [meta.file, ...(catalog?.backupFiles() ?? []), notes.file, entities.file, mentions.file, trash.file] as Array<ValidatedJsonFile<{ schemaVersion: number }>>,
    isNew: !existed,
  };
}

export class Notebook implements Stores, NotebookFacts {
  private closed = false;
  private closing: Promise<void> | null = null;
  private loadedReports: Reports | null = null;
  private loadingReports: Promise<Reports> | null = null;
  private preparingSearch: Promise<void> | null = null;
  private readonly openCatalog: () => Promise<Catalog>;
  private readonly connectReportsToSearch: (reports: Reports) => void;
  readonly reportTrash: ReportTrash;
  readonly notes: Notes;
  readonly entities: Entities;
  readonly links: LinkIndex;
  readonly search: NotebookSearch;
  readonly meta: MetaFile;
  /** True when the folder held no notebook before this open. */
  readonly isNew: boolean;
  private readonly files: LoadedFiles['all'];

  private constructor(
    readonly dir: string,
    readonly writable: boolean,
    private lock: WriterLock | null,
    readonly blobs: Blobs,
    readonly backups: Backups,
    readonly recoveries: Recovery[],
    loaded: LoadedFiles,
  ) {
    this.meta = loaded.meta;
    this.isNew = loaded.isNew;
    this.files = loaded.all;
    this.openCatalog = loaded.openCatalog;
    this.reportTrash = new ReportTrash(loaded.trash, () => this.requireWritable());
    this.notes = new Notes(loaded.notes, () => this.requireWritable());
    this.entities = new Entities(loaded.entities, loaded.mentions, () => this.requireWritable());
    this.links = new LinkIndex(this.notes, this.entities, loaded.titles);
    this.search = new NotebookSearch(dir, () => this.writable && !this.closed);
    this.connectReportsToSearch = connectSearch(this.search, this, {
      loaded: () => this.loadedReports,
      open: () => this.openReports(),
      stored: loaded.titles,
      blobs,
    });
    if (loaded.catalog) this.attachCatalog(loaded.catalog);
  }

  /** The report catalog; a lazy open loads it with `openReports()` first (the handlers do). */
  get reports(): Reports {
    if (!this.loadedReports) throw new DossierError('INTERNAL', 'the report catalog is not loaded (call openReports first)');
    return this.loadedReports;
  }

  /** Whether the report catalog is in memory. */
  get reportsLoaded(): boolean {
    return this.loadedReports !== null;
  }

  /** Builds the reports store on the catalog and connects what depends on it (links, search). */
  private attachCatalog(catalog: Catalog): Reports {
    const trash = this.reportTrash;
    const reports = new Reports(catalog, this.blobs, () => this.requireWritable(), (ref) => trash.holds(ref));
    this.loadedReports = reports;
    this.links.attachReports(reports);
    this.connectReportsToSearch(reports);
    return reports;
  }

  /** Loads the report catalog if a lazy open left it on disk; safe to call any number of times. */
  openReports(): Promise<Reports> {
    if (this.loadedReports) return Promise.resolve(this.loadedReports);
    this.loadingReports ??= (async () => {
      if (this.closed) throw new DossierError('INTERNAL', 'the notebook is closed');
      const catalog = await this.openCatalog();
      const reports = this.attachCatalog(catalog);
      const files = catalog.backupFiles() as LoadedFiles['all'];
      this.files.push(...files);
      if (this.writable) for (const f of files) await f.backup();
      return reports;
    })().catch((err: unknown) => {
      this.loadingReports = null;
      throw err;
    });
    return this.loadingReports;
  }

  /**
   * Loads the search index now instead of on the first search: from its cache, or rebuilt from
   * every record when the cache is missing or stale (which also writes the cache), and builds the
   * tables a first query would build (typo neighbours, variant keys). The app asks for it (`search.prepare`) once its first list is on screen, so the first
   * search does not wait for seconds and opening does not wait for the index; searches made
   * meanwhile wait for the same load. Once loaded, the
   * index follows imports and edits incrementally and `close` writes the cache. Never rejects: if
   * it fails, the first search loads the index as before and a later call tries again.
   */
  prepareSearch(): Promise<void> {
    this.preparingSearch ??= (async () => {
      await this.openReports();
      const index = await this.search.ensure();
      index.prepare();
    })().catch(() => {
      this.preparingSearch = null; // asked again, it tries again
    });
    return this.preparingSearch;
  }

  static async open(opts: OpenOptions): Promise<Notebook> {
    const dir = path.resolve(opts.dir);
    const st = await fs.stat(dir).catch(() => null);
    if (st && !st.isDirectory()) throw new DossierError('INVALID_INPUT', `${dir} is a file, not a notebook folder`);
    let lock: WriterLock | null = null;
    if (opts.writable) {
      await fs.mkdir(dir, { recursive: true });
      lock = await WriterLock.acquire(dir, opts.app ?? 'dossier');
    }
    try {
      // Temp files of writes that a crash cut short (named by processes that no longer exist).
      if (opts.writable) await sweepTempFiles(dir, [BACKUP_DIR, 'cache', TITLE_DIR, BODY_DIR, ORIGINAL_DIR, PACK_DIR]);
      const backups = new Backups(dir);
      const blobs = new Blobs(dir, opts.writable);
      const recoveries: Recovery[] = [];
      try {
        const loaded = await loadFiles(dir, opts.writable, opts.lazy ?? false, backups, (r) => recoveries.push(r));
        // Texts of the older layout (one file each in bodies/ and originals/) move into packs.
        if (opts.writable) await blobs.packLoose();
        const nb = new Notebook(dir, opts.writable, lock, blobs, backups, recoveries, loaded);
        if (opts.writable) for (const f of nb.files) await f.backup();
        return nb;
      } catch (err) {
        blobs.close();
        throw err;
      }
    } catch (err) {
      await lock?.release();
      throw err;
    }
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
    // An index being loaded or rebuilt still reads report texts: let it finish before they close.
    await this.preparingSearch;
    await this.search.flush().catch(() => undefined);
    this.search.close();
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
