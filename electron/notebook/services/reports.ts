/**
 * `reports.*`: import (at once or as a background job), list and page, read, edit, delete to the
 * trash, restore and purge, cite a passage, and the mentions found in one report. Deleting a
 * report also removes its entity mentions; if that second step fails the caller is told (the
 * report is gone, its mentions are not), never left to find out later (report-trash.ts).
 */
import type { DossierHandlers } from '../../api/contract';
import { tagChanges, titleChanges, withChanged } from '../changed';
import { mentionsInReport } from '../entities/ops';
import { importFiles, importPaths, type ImportStores } from '../import/lazy';
import { ImportJobs } from '../import/jobs';
import { citeReport } from '../notes/ops';
import { purgeReport, restoreReport, trashReport, trashSummary, type TrashStores } from '../report-trash';
import type { Stores } from '../stores';

export type ReportService = Pick<
  DossierHandlers,
  | 'reports.import'
  | 'reports.importFiles'
  | 'reports.importStart'
  | 'reports.importStatus'
  | 'reports.importCancel'
  | 'reports.list'
  | 'reports.page'
  | 'reports.get'
  | 'reports.body'
  | 'reports.update'
  | 'reports.delete'
  | 'reports.restore'
  | 'reports.citation'
  | 'reports.trash'
  | 'reports.mentions'
>;

export function reportService(s: ImportStores & TrashStores & Pick<Stores, 'links'>): ReportService {
  // The stores are read when a method runs, not here: a lazy notebook loads its catalog first (service.ts).
  const jobs = new ImportJobs();
  const mentioning = (entityId: string | undefined): Set<string> | undefined =>
    entityId ? new Set(s.entities.mentionsOf(s.entities.get(entityId).id).map((m) => m.reportId)) : undefined;
  return {
    'reports.import': async ({ paths, tags, source, ocrLanguages }) => importPaths(s, paths, { tags, source, ocrLanguages }),
    'reports.importFiles': async ({ files, tags, source, ocrLanguages }) =>
      importFiles(s, files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') })), { tags, source, ocrLanguages }),
    'reports.importStart': async ({ paths, tags, source, ocrLanguages }) => {
      s.requireWritable();
      return jobs.start((run) => importPaths(s, paths, { tags, source, ocrLanguages, ...run }));
    },
    'reports.importStatus': async ({ jobId }) => jobs.status(jobId),
    'reports.importCancel': async ({ jobId }) => jobs.cancel(jobId),
    'reports.list': async ({ tag, entityId, sort, from, to }) => s.reports.list({ tag, ids: mentioning(entityId), sort, from, to }),
    'reports.page': async ({ tag, entityId, ids, sort, from, to, text, offset, limit }) => {
      const mentions = mentioning(entityId);
      const only = ids && mentions ? new Set(ids.filter((id) => mentions.has(id))) : ids ? new Set(ids) : mentions;
      return s.reports.page({ tag, ids: only, sort, from, to, text }, offset, limit);
    },
    'reports.get': async ({ id }) => s.reports.get(id),
    'reports.body': async ({ id }) => ({ id, text: await s.reports.body(id) }),
    'reports.update': async ({ id, ...patch }) => {
      const r = await s.reports.update(id, patch);
      return withChanged(r, [...titleChanges(patch.title, r.title), ...tagChanges(patch.tags)]);
    },
    'reports.delete': async ({ id, purge }) => {
      if (purge && s.reportTrash.has(id) && !s.reports.has(id)) {
        const t = s.reportTrash.find(id);
        const r = await purgeReport(s, id);
        return { id, deleted: true as const, trashed: false, mentions: t?.mentions.length ?? 0, citingNotes: r.citingNotes };
      }
      const t = await trashReport(s, id);
      if (purge) await purgeReport(s, id);
      return { id, deleted: true as const, trashed: !purge, mentions: t.mentions, citingNotes: t.citingNotes };
    },
    'reports.restore': async ({ id }) => restoreReport(s, id),
    'reports.citation': async (input) => citeReport(s, input),
    'reports.trash': async () => s.reportTrash.list().map((r) => trashSummary(s, r)),
    'reports.mentions': async ({ id }) => mentionsInReport(s, id),
  };
}
