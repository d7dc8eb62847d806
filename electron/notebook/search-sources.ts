/**
 * The one place that feeds the search index: it takes the stores, registers one source per kind
 * of record (reports: title + body, with the entities they mention for the `entity` filter;
 * notes: title + body; entities: name + aliases + notes) and keeps the index current on every
 * report, note, entity and mention change. Fingerprints change with every edit, so a stale search
 * cache is rebuilt. Hit texts are read asynchronously (report bodies from disk).
 */
import type { NotebookSearch } from './searcher';
import type { SearchDoc } from './search';
import type { Entity, Note } from './schema/v1-notes';
import type { Report } from './schema/v1';
import { noteTags } from './notes/notes';
import type { Reports } from './reports';
import type { Blobs } from './storage/blobs';
import type { StoredReportTitles } from './storage/titles';
import type { Stores } from './stores';

/** The stores the search index is built from (the reports come through ReportAccess). */
export type SearchStores = Pick<Stores, 'notes' | 'entities' | 'links'>;

/**
 * How the search reaches the reports. A lazy open (notebook.ts) leaves the catalog on disk: until
 * it loads, the stored title index answers the catalog's fingerprint and where a hit's text is, so
 * a search whose cache is current never loads the catalog; a rebuild of the index loads it.
 */
export interface ReportAccess {
  /** The loaded reports, or null while the catalog is on disk. */
  loaded(): Reports | null;
  /** Loads the catalog (once). */
  open(): Promise<Reports>;
  /** The stored title index of a lazy open; null when the catalog was loaded at open. */
  stored: StoredReportTitles | null;
  blobs: Pick<Blobs, 'readText' | 'takeRecentText'>;
}

/** An order-independent hash of which entity is mentioned in which report. */
function mentionsHash(list: ReadonlyArray<{ entityId: string; reportId: string }>): string {
  let sum = 0;
  for (const m of list) {
    let h = 2166136261;
    const s = m.entityId + m.reportId;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    sum = (sum + (h >>> 0)) >>> 0;
  }
  return `${list.length}:${sum.toString(36)}`;
}

/** Records sorted by id, as `id:version`, joined: changes whenever any record changes. */
function versions<T extends { id: string }>(list: readonly T[], version: (x: T) => string): string {
  return list
    .map((x) => `${x.id}:${version(x)}`)
    .sort()
    .join('|');
}

/**
 * Registers the sources (once, when the notebook is built) and returns what connects the reports'
 * changes once the catalog is loaded.
 */
export function connectSearch(search: NotebookSearch, { notes, entities, links }: SearchStores, access: ReportAccess): (reports: Reports) => void {
  const reportDoc = (r: Report, text: string): SearchDoc => ({
    kind: 'report',
    id: r.id,
    title: r.title,
    text,
    tags: r.tags,
    date: r.publishedAt,
    entityIds: entities.entityIdsIn(r.id),
  });
  const noteDoc = (n: Note): SearchDoc => ({
    kind: 'note',
    id: n.id,
    title: n.title,
    text: n.body,
    tags: noteTags(n),
    date: null,
    entityIds: links.outgoing(n.id).outgoing.filter((r) => r.kind === 'entity').map((r) => r.id),
    version: n.updatedAt,
  });
  const entityDoc = (e: Entity): SearchDoc => ({ kind: 'entity', id: e.id, title: e.name, text: e.notes, tags: e.tags, date: null, entityIds: [e.id], aliases: e.aliases, version: e.updatedAt });
  const { stored } = access;

  search.addSource({
    kind: 'report',
    // The catalog's own stamp (it changes with every report change, without a pass over all
    // reports), and the mentions, which are the reports' entity filter.
    fingerprint: () => `${access.loaded()?.fingerprint() ?? stored?.fingerprint() ?? ''}#${mentionsHash(entities.allMentions())}`,
    docs: async function* () {
      const reports = await access.open();
      // Bodies are read 64 at a time so a rebuild waits on the disk once per batch, not per report.
      const all = reports.all();
      for (let i = 0; i < all.length; i += 64) {
        const batch = all.slice(i, i + 64);
        const texts = await Promise.all(batch.map((r) => reports.body(r.id).catch(() => '')));
        for (const [j, r] of batch.entries()) yield reportDoc(r, texts[j] ?? '');
      }
    },
    text: async (id) => {
      const reports = access.loaded();
      if (reports) return reports.has(id) ? reports.body(id).catch(() => null) : null;
      const t = stored?.byId(id);
      return t ? access.blobs.readText(t.bodyRef).catch(() => null) : null;
    },
  });
  search.addSource({
    kind: 'note',
    small: true,
    fingerprint: () => versions(notes.all(), (n) => n.updatedAt),
    docs: async function* () {
      for (const n of notes.all()) yield noteDoc(n);
    },
    text: async (id) => notes.find(id)?.body ?? null,
  });
  search.addSource({
    kind: 'entity',
    small: true,
    fingerprint: () => versions(entities.all(), (e) => e.updatedAt),
    docs: async function* () {
      for (const e of entities.all()) yield entityDoc(e);
    },
    text: async (id) => entities.find(id)?.notes ?? null,
  });

  /** The current doc of a report; before the catalog loads, no report changes (mentions may). */
  const currentReportDoc = async (id: string): Promise<SearchDoc | null> => {
    const reports = access.loaded() ?? (await access.open());
    const r = reports.find(id);
    if (!r) return null;
    // A report just imported: its text as the import stored it, not read back from the packs.
    return reportDoc(r, access.blobs.takeRecentText(r.bodyRef) ?? (await reports.body(id).catch(() => '')));
  };

  notes.onChange((c) => {
    if (c.type === 'delete') search.update({ remove: c.note.id });
    else search.update({ upsert: async () => (notes.find(c.note.id) ? noteDoc(c.note) : null) });
  });
  entities.onChange((c) => {
    if (c.type === 'delete') search.update({ remove: c.entity.id });
    else search.update({ upsert: async () => (entities.find(c.entity.id) ? entityDoc(c.entity) : null) });
  });
  entities.onMentionsChange((reportIds) => {
    for (const id of reportIds) search.update({ upsert: () => currentReportDoc(id) });
  });
  return (reports) =>
    reports.onChange((c) => {
      if (c.type === 'delete') search.update({ remove: c.report.id });
      else search.update({ upsert: () => currentReportDoc(c.report.id) });
    });
}
