/**
 * The core's implementation of the contract: one handler per method, each taking input already
 * validated with the contract's schema. Front doors wrap these with `callMethod`.
 */
import type { DossierHandlers, MethodName, MethodResults } from '../api/contract';
import { parseInput } from '../api/contract';
import type { ApiErrorShape, TagCount, TaggedRecord } from '../api';
import { checkNotebook, collectGarbage, notebookStats } from './check';
import { DossierError, toErrorShape } from './errors';
import { kindOfId } from './ids';
import { importFiles, importPaths } from './import/importer';
import { ImportJobs } from './import/jobs';
import type { Notebook } from './notebook';
import {
  acceptSuggestion,
  addAlias,
  cooccurrence,
  createEntity,
  deleteEntity,
  entityDetail,
  entityRecord,
  mentionsInReport,
  mentionsOf,
  mergeEntities,
  renameEntity,
  tagSelection,
  updateEntity,
} from './entities/ops';
import { scanEntities } from './entities/scan';
import { tagChanges, titleChanges, withChanged } from './changed';
import { rejectSpelling, spellingsOf, tagCandidates } from './entities/tagging';
import { purgeReport, restoreReport, trashReport, trashSummary } from './report-trash';
import { exportMarkdown } from './export/export';
import { noteTags } from './notes/notes';
import { citeReport, createNote, linksOf, noteDetail, noteSummary, quoteReport, updateNote } from './notes/ops';
import { addTags, removeTags } from './tags';
import { readUiState, writeUiState } from './ui-state';

async function tagRecord(nb: Notebook, id: string, tags: string[], add: boolean): Promise<TaggedRecord> {
  const kind = kindOfId(id);
  if (kind === 'report') {
    const r = add ? await nb.reports.tag(id, tags) : await nb.reports.untag(id, tags);
    return withChanged({ id: r.id, kind, tags: r.tags }, add ? tagChanges(tags) : []);
  }
  if (kind === 'note') {
    const n = nb.notes.get(id);
    const next = add ? addTags(n.tags, tags) : removeTags(n.tags, tags);
    return withChanged({ id, kind, tags: (await updateNote(nb, id, { tags: next })).tags }, add ? tagChanges(tags) : []);
  }
  if (kind === 'entity') {
    const e = nb.entities.get(id);
    const next = add ? addTags(e.tags, tags) : removeTags(e.tags, tags);
    return withChanged({ id, kind, tags: (await updateEntity(nb, id, { tags: next })).entity.tags }, add ? tagChanges(tags) : []);
  }
  throw new DossierError('NOT_FOUND', `no report, note or entity with id ${id}`);
}

function listTags(nb: Notebook): TagCount[] {
  const counts = new Map<string, TagCount>();
  const all = [...nb.reports.all(), ...nb.notes.all().map((n) => ({ tags: noteTags(n) })), ...nb.entities.all()];
  for (const r of all) {
    for (const t of r.tags) {
      const key = t.toLowerCase();
      const c = counts.get(key) ?? { tag: t, count: 0 };
      c.count++;
      counts.set(key, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export function createHandlers(nb: Notebook): DossierHandlers {
  const jobs = new ImportJobs();
  return {
    'notebook.info': async () => ({
      dir: nb.dir,
      id: nb.meta.id,
      createdAt: nb.meta.createdAt,
      writable: nb.writable,
      reports: nb.reports.count,
      recoveries: [...nb.recoveries],
    }),
    'notebook.stats': async () => notebookStats(nb),
    'notebook.check': async ({ repair }) => checkNotebook(nb, repair),
    'notebook.gc': async () => collectGarbage(nb),
    'reports.import': async ({ paths, tags, source, ocrLanguages }) => importPaths(nb, paths, { tags, source, ocrLanguages }),
    'reports.importFiles': async ({ files, tags, source, ocrLanguages }) =>
      importFiles(nb, files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') })), { tags, source, ocrLanguages }),
    'reports.importStart': async ({ paths, tags, source, ocrLanguages }) => {
      nb.requireWritable();
      return jobs.start((run) => importPaths(nb, paths, { tags, source, ocrLanguages, ...run }));
    },
    'reports.importStatus': async ({ jobId }) => jobs.status(jobId),
    'reports.importCancel': async ({ jobId }) => jobs.cancel(jobId),
    'reports.list': async ({ tag, entityId, sort, from, to }) => {
      const ids = entityId ? new Set(nb.entities.mentionsOf(nb.entities.get(entityId).id).map((m) => m.reportId)) : undefined;
      return nb.reports.list({ tag, ids, sort, from, to });
    },
    'reports.page': async ({ tag, offset, limit }) => nb.reports.page({ tag }, offset, limit),
    'reports.get': async ({ id }) => nb.reports.get(id),
    'reports.body': async ({ id }) => ({ id, text: await nb.reports.body(id) }),
    'reports.update': async ({ id, ...patch }) => {
      const r = await nb.reports.update(id, patch);
      return withChanged(r, [...titleChanges(patch.title, r.title), ...tagChanges(patch.tags)]);
    },
    'reports.delete': async ({ id, purge }) => {
      if (purge && nb.reportTrash.has(id) && !nb.reports.has(id)) {
        const t = nb.reportTrash.find(id);
        const r = await purgeReport(nb, id);
        return { id, deleted: true as const, trashed: false, mentions: t?.mentions.length ?? 0, citingNotes: r.citingNotes };
      }
      const t = await trashReport(nb, id);
      if (purge) await purgeReport(nb, id);
      return { id, deleted: true as const, trashed: !purge, mentions: t.mentions, citingNotes: t.citingNotes };
    },
    'reports.restore': async ({ id }) => restoreReport(nb, id),
    'reports.citation': async (input) => citeReport(nb, input),
    'reports.trash': async () => nb.reportTrash.list().map((r) => trashSummary(nb, r)),
    'tags.list': async () => listTags(nb),
    'tags.add': async ({ id, tags }) => tagRecord(nb, id, tags, true),
    'tags.remove': async ({ id, tags }) => tagRecord(nb, id, tags, false),
    'search.query': async (q) => nb.search.search(q),
    'search.locate': async ({ q, id, limit }) => {
      nb.reports.get(id);
      return nb.search.locate(q, 'report', id, limit);
    },
    'search.quick': async ({ q, limit }) => nb.search.quick(q, limit),
    'notes.create': async (input) => createNote(nb, input),
    'notes.update': async ({ id, ...patch }) => updateNote(nb, id, patch),
    'notes.delete': async ({ id }) => {
      await nb.notes.delete(id);
      return { id, deleted: true as const };
    },
    'notes.restore': async ({ id }) => noteDetail(nb, (await nb.notes.restore(id)).id),
    'notes.list': async () => nb.notes.list().map(noteSummary),
    'notes.get': async ({ id }) => noteDetail(nb, id),
    'notes.links': async ({ id }) => linksOf(nb, id),
    'notes.quote': async (input) => quoteReport(nb, input),
    'entities.create': async (input) => createEntity(nb, input),
    'entities.update': async ({ id, ...patch }) => updateEntity(nb, id, patch),
    'entities.delete': async ({ id }) => deleteEntity(nb, id),
    'entities.list': async () => nb.entities.list().map((e) => entityRecord(nb, e)),
    'entities.get': async ({ id }) => entityDetail(nb, id),
    'entities.addAlias': async ({ id, alias }) => addAlias(nb, id, alias),
    'entities.tagSelection': async (input) => tagSelection(nb, input),
    'entities.scan': async ({ id, reportIds }) => scanEntities(nb, id, reportIds),
    'entities.candidates': async (input) => tagCandidates(nb, input),
    'entities.spellings': async ({ id }) => spellingsOf(nb, id),
    'entities.rejectSpelling': async ({ id, text }) => rejectSpelling(nb, id, text),
    'entities.rename': async ({ id, name, keepOldName }) => renameEntity(nb, id, name, keepOldName),
    'entities.suggest': async ({ reportId }) => (await import('./entities/suggest')).suggestEntities(nb, reportId),
    'entities.accept': async (input) => {
      const r = await acceptSuggestion(nb, input);
      return { entity: r.entity, created: r.created, mention: r.mention };
    },
    'entities.merge': async ({ keepId, dropId }) => mergeEntities(nb, keepId, dropId),
    'entities.mentions': async ({ id, limit }) => mentionsOf(nb, id, limit),
    'reports.mentions': async ({ id }) => mentionsInReport(nb, id),
    'entities.cooccurrence': async ({ id }) => cooccurrence(nb, id),
    'export.notes': async ({ noteIds, outDir, links }) => exportMarkdown(nb, { noteIds, outDir, links }),
    'export.all': async ({ outDir, links }) => exportMarkdown(nb, { outDir, links, allEntities: true }),
    'ui.get': async () => readUiState(nb),
    'ui.set': async (patch) => writeUiState(nb, patch),
  };
}

export type CallOutcome<M extends MethodName> = { ok: true; result: MethodResults[M] } | { ok: false; error: ApiErrorShape };

/** Validates input with the contract, calls the handler, maps any failure to `{ code, message }`. */
export async function callMethod<M extends MethodName>(handlers: DossierHandlers, method: M, input: unknown): Promise<CallOutcome<M>> {
  try {
    const parsed = parseInput(method, input);
    const handler = handlers[method] as (i: typeof parsed) => Promise<MethodResults[M]>;
    return { ok: true, result: await handler(parsed) };
  } catch (err) {
    if (err instanceof Error && err.name !== 'DossierError' && (err as { code?: unknown }).code === 'INVALID_INPUT') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: err.message } };
    }
    return { ok: false, error: toErrorShape(err) };
  }
}
