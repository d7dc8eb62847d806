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
import type { Stores } from './stores';

/** The stores the search index is built from. */
export type SearchStores = Pick<Stores, 'reports' | 'notes' | 'entities' | 'links'>;

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

export function connectSearch(search: NotebookSearch, { reports, notes, entities, links }: SearchStores): void {
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
  const currentReportDoc = async (id: string): Promise<SearchDoc | null> => {
    const r = reports.find(id);
    return r ? reportDoc(r, await reports.body(id).catch(() => '')) : null;
  };

  search.addSource({
    kind: 'report',
    // The catalog's own stamp (it changes with every report change, without a pass over all
    // reports), and the mentions, which are the reports' entity filter.
    fingerprint: () => `${reports.fingerprint()}#${mentionsHash(entities.allMentions())}`,
    docs: async function* () {
      // Bodies are read 64 at a time so a rebuild waits on the disk once per batch, not per report.
      const all = reports.all();
      for (let i = 0; i < all.length; i += 64) {
        const batch = all.slice(i, i + 64);
        const texts = await Promise.all(batch.map((r) => reports.body(r.id).catch(() => '')));
        for (const [j, r] of batch.entries()) yield reportDoc(r, texts[j] ?? '');
      }
    },
    text: async (id) => (reports.has(id) ? reports.body(id).catch(() => null) : null),
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

  reports.onChange((c) => {
    if (c.type === 'delete') search.update({ remove: c.report.id });
    else search.update({ upsert: () => currentReportDoc(c.report.id) });
  });
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
}
