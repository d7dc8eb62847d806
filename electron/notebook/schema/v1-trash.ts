/**
 * Version 1 of `report-trash.json`: deleted reports, kept with the mentions they had so that
 * restoring one brings back its text, its id (so citations and links resolve again) and its
 * tagged entities. Their body and original files stay on disk until the report is purged.
 */
import { z } from 'zod';
import type { FileSpec } from './migrate';
import { isoTime, reportSchema } from './v1';
import { mentionSchema } from './v1-notes';

export const trashedReportSchema = reportSchema.extend({ deletedAt: isoTime, mentions: z.array(mentionSchema) });
export type TrashedReport = z.infer<typeof trashedReportSchema>;

export const reportTrashSchema = z.object({
  schemaVersion: z.literal(1),
  reports: z.array(trashedReportSchema),
});
export type ReportTrashFile = z.infer<typeof reportTrashSchema>;

export const reportTrashSpec: FileSpec<ReportTrashFile> = {
  file: 'report-trash.json',
  version: 1,
  schema: reportTrashSchema,
  migrations: [],
  empty: () => ({ schemaVersion: 1, reports: [] }),
};
