/**
 * Makes notes and entities searchable: registers them as sources of the notebook's search index
 * (notes: title + body; entities: name + aliases + notes), keeps the index current on every note,
 * entity and mention change, and fills in the entities mentioned in each report (the search
 * `entity` filter). Fingerprints change with every edit, so a stale search cache is rebuilt.
 */
import type { Notebook } from '../notebook';
import type { SearchDoc } from '../search';
import type { Entity, Note } from '../schema/v1-notes';
import { noteTags } from './notes';

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

export function registerNoteAndEntitySearch(nb: Notebook): void {
  const { notes, entities, links, search } = nb;
  const noteDoc = (n: Note): SearchDoc => ({
    kind: 'note',
    id: n.id,
    title: n.title,
    text: n.body,
    tags: noteTags(n),
    date: null,
    entityIds: links.outgoing(n.id).outgoing.filter((r) => r.kind === 'entity').map((r) => r.id),
  });
  const entityDoc = (e: Entity): SearchDoc => ({ kind: 'entity', id: e.id, title: e.name, text: e.notes, tags: e.tags, date: null, entityIds: [e.id], aliases: e.aliases });

  nb.entityIdsOf = (reportId) => entities.entityIdsIn(reportId);
  search.addSource({
    kind: 'note',
    fingerprint: () =>
      notes
        .all()
        .map((n) => `${n.id}:${n.updatedAt}`)
        .sort()
        .join('|'),
    docs: async function* () {
      for (const n of notes.all()) yield noteDoc(n);
    },
    text: (id) => notes.find(id)?.body ?? null,
  });
  search.addSource({
    kind: 'entity',
    // Mentions change the reports' entity filter, so they are part of the fingerprint too.
    fingerprint: () =>
      `${entities
        .all()
        .map((e) => `${e.id}:${e.updatedAt}`)
        .sort()
        .join('|')}#${mentionsHash(entities.allMentions())}`,
    docs: async function* () {
      for (const e of entities.all()) yield entityDoc(e);
    },
    text: (id) => entities.find(id)?.notes ?? null,
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
    for (const id of reportIds) {
      search.update({
        upsert: async () => {
          const r = nb.reports.find(id);
          return r ? nb.reportDoc(r, await nb.reports.body(id).catch(() => '')) : null;
        },
      });
    }
  });
}
