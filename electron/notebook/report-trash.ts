/**
 * The report trash (`report-trash.json`). Deleting a report moves it here with its mentions: it
 * leaves the catalog, the search index and every list, its mentions are taken out of
 * `mentions.json`, and notes that cite or link to it show it as deleted. Restoring brings all of
 * that back under the same id. Purging removes it for good, with its files; citations of a purged
 * report are left in the notes as written and `check` lists them.
 */
import type { Low } from 'lowdb';
import { DossierError, toErrorShape } from './errors';
import type { Report } from './schema/v1';
import type { Mention } from './schema/v1-notes';
import type { ReportTrashFile, TrashedReport } from './schema/v1-trash';
import type { Entities } from './entities/entities';
import type { Notes } from './notes/notes';
import type { Reports } from './reports';

/**
 * The stores this module works on (the same members as `Pick<Stores, …>` of stores.ts, named
 * here because stores.ts names this module's ReportTrash: no import goes both ways).
 */
export interface TrashStores {
  readonly reports: Reports;
  readonly reportTrash: ReportTrash;
  readonly entities: Entities;
  readonly notes: Notes;
}

export class ReportTrash {
  private readonly byId = new Map<string, TrashedReport>();

  constructor(
    private readonly db: Low<ReportTrashFile>,
    private readonly requireWritable: () => void,
  ) {
    for (const r of db.data.reports) this.byId.set(r.id, r);
  }

  list(): TrashedReport[] {
    return [...this.byId.values()].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  find(id: string): TrashedReport | undefined {
    return this.byId.get(id);
  }

  /** True when a trashed report still needs this blob file. */
  holds(ref: string): boolean {
    for (const r of this.byId.values()) if (r.bodyRef === ref || r.originalRef === ref) return true;
    return false;
  }

  async put(r: TrashedReport): Promise<void> {
    this.requireWritable();
    this.byId.set(r.id, r);
    await this.save().catch((err: unknown) => {
      this.byId.delete(r.id);
      throw err;
    });
  }

  async take(id: string): Promise<TrashedReport> {
    this.requireWritable();
    const r = this.byId.get(id);
    if (!r) throw new DossierError('NOT_FOUND', `no report with id ${id} in the trash`);
    this.byId.delete(id);
    await this.save().catch((err: unknown) => {
      this.byId.set(id, r);
      throw err;
    });
    return r;
  }

  async save(): Promise<void> {
    this.requireWritable();
    this.db.data = { schemaVersion: 1, reports: [...this.byId.values()] };
    await this.db.write();
  }
}

export interface TrashSummary {
  id: string;
  title: string;
  deletedAt: string;
  /** Mentions kept with it, restored with it. */
  mentions: number;
  /** Notes that cite or link to it (their citations show it as deleted until it is restored). */
  citingNotes: number;
}

/** Notes whose body cites or links to the report by id. */
function notesCiting(nb: TrashStores, reportId: string): number {
  return nb.notes.all().filter((n) => n.body.includes(reportId)).length;
}

export function trashSummary(nb: TrashStores, r: TrashedReport): TrashSummary {
  return { id: r.id, title: r.title, deletedAt: r.deletedAt, mentions: r.mentions.length, citingNotes: notesCiting(nb, r.id) };
}

/** Moves a report to the trash with its mentions. */
export async function trashReport(nb: TrashStores, id: string): Promise<TrashSummary> {
  const report = nb.reports.get(id);
  const mentions: Mention[] = [...nb.entities.mentionsIn(id)];
  const trashed: TrashedReport = { ...report, deletedAt: new Date().toISOString(), mentions };
  // The trash first: if the catalog write fails after it, the report is in both and nothing is lost.
  await nb.reportTrash.put(trashed);
  try {
    await nb.reports.delete(id, { keepFiles: true });
  } catch (err) {
    await nb.reportTrash.take(id).catch(() => undefined);
    throw err;
  }
  // The report is gone from the lists now; if its mentions cannot be removed the caller is told
  // (`check --repair` removes such dangling mentions), never left to find out later.
  if (mentions.length > 0) {
    try {
      await nb.entities.forgetReport(id);
    } catch (err) {
      const e = toErrorShape(err);
      throw new DossierError(e.code, `report ${id} was deleted, but its entity mentions could not be removed: ${e.message}`, { cause: err });
    }
  }
  return trashSummary(nb, trashed);
}

/** Brings a report back from the trash: same id, same text, its mentions of entities that still exist. */
export async function restoreReport(nb: TrashStores, id: string): Promise<Report> {
  const t = nb.reportTrash.find(id);
  if (!t) throw new DossierError('NOT_FOUND', nb.reports.has(id) ? `report ${id} is not in the trash` : `no report with id ${id} in the trash`);
  const { deletedAt: _deletedAt, mentions, ...report } = t;
  await nb.reports.reinstate(report);
  await nb.reportTrash.take(id);
  const back = mentions.filter((m) => nb.entities.find(m.entityId));
  if (back.length > 0) {
    nb.entities.setMentions([...nb.entities.allMentions(), ...back]);
    await nb.entities.saveMentions();
  }
  return report;
}

/** Removes a report from the trash for good, with its files. */
export async function purgeReport(nb: TrashStores, id: string): Promise<{ id: string; purged: true; citingNotes: number }> {
  const t = await nb.reportTrash.take(id);
  await nb.reports.removeFiles(t);
  return { id, purged: true, citingNotes: notesCiting(nb, id) };
}
