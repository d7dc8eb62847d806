/**
 * Version 1 of the notebook files. Each file is validated with these schemas on load.
 * Notes, entities and mentions live in files of their own so that saving a note never rewrites
 * report metadata, and report bodies live in content-addressed files outside the JSON.
 */
import { z } from 'zod';
import type { FileSpec } from './migrate';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const isoTime = z.string().min(10);
export const tagSchema = z.string().min(1).max(100);

export const reportFormatSchema = z.enum(['text', 'markdown', 'html', 'pdf']);

export const reportSchema = z.object({
  id: z.string().regex(/^r_[0-9a-z]{6,32}$/),
  title: z.string(),
  source: z.string().nullable(),
  author: z.string().nullable(),
  /** The web address the report came from, when known (set by the user; never fetched). */
  url: z.string().nullable().optional(),
  publishedAt: isoDate.nullable(),
  importedAt: isoTime,
  updatedAt: isoTime,
  tags: z.array(tagSchema),
  format: reportFormatSchema,
  mime: z.string(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  bodyRef: z.string(),
  originalRef: z.string(),
  originalName: z.string(),
  size: z.number().int().nonnegative(),
  chars: z.number().int().nonnegative(),
  encoding: z.string().nullable(),
  pageStarts: z.array(z.number().int().nonnegative()).optional(),
});
export type Report = z.infer<typeof reportSchema>;

export const catalogSchema = z.object({
  schemaVersion: z.literal(1),
  reports: z.array(reportSchema),
});
export type CatalogFile = z.infer<typeof catalogSchema>;

export const metaSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string(),
  createdAt: isoTime,
  app: z.literal('dossier'),
});
export type MetaFile = z.infer<typeof metaSchema>;

export const catalogSpec: FileSpec<CatalogFile> = {
  file: 'catalog.json',
  version: 1,
  schema: catalogSchema,
  migrations: [],
  empty: () => ({ schemaVersion: 1, reports: [] }),
};

export const metaSpec: FileSpec<MetaFile> = {
  file: 'meta.json',
  version: 1,
  schema: metaSchema,
  migrations: [],
  empty: () => ({ schemaVersion: 1, id: '', createdAt: new Date().toISOString(), app: 'dossier' }),
};
