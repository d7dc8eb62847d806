/**
 * Version 1 of the notebook files. Each file is validated with these schemas on load.
 * Notes, entities and mentions live in files of their own so that saving a note never rewrites
 * report metadata, and report bodies live in content-addressed files outside the JSON.
 */
import { z } from 'zod';
import type { FileSpec } from './migrate';
import { ID_PATTERN } from '../../api/ids';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const isoTime = z.string().min(10);
export const tagSchema = z.string().min(1).max(100);

export const reportFormatSchema = z.enum([
  'text', 'markdown', 'html', 'pdf', 'telegram', 'docx', 'email', 'mhtml', 'epub', 'odt', 'rtf', 'image',
]);

/** A labelled provenance field shown with the report (channel, views, sender, recipients...). */
export const reportFieldSchema = z.object({ label: z.string().min(1).max(100), value: z.string().max(10_000) });

/** How much of a report's text was recognised by OCR, and with what. */
export const reportOcrSchema = z.object({
  languages: z.array(z.string()),
  /** Mean word confidence, 0-100. */
  confidence: z.number().min(0).max(100),
  /** [start, end) offsets in the body of the text that came from OCR. */
  ranges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});

export const reportSchema = z.object({
  id: z.string().regex(ID_PATTERN.report),
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
  /** The item's own address (a post's t.me link, a saved page's URL): text only, never fetched. */
  link: z.string().max(2000).optional(),
  /** Stable identity of one item of a multi-item file (e.g. 'telegram:<chat>:<message>'), for re-imports. */
  itemKey: z.string().max(300).optional(),
  /** Changes when the item was edited at its source; a re-import with a new revision updates the report. */
  revision: z.string().max(100).optional(),
  fields: z.array(reportFieldSchema).optional(),
  ocr: reportOcrSchema.optional(),
});
export type Report = z.infer<typeof reportSchema>;

/**
 * The report catalog is stored in parts (storage/catalog.ts): `catalog.json` is part 1, later parts
 * are `catalog-000002.json` and so on, each holding up to CATALOG_PART_SIZE reports. Version 2 is
 * version 1 plus the part number and a revision stamp that changes with every write of the part.
 */
export const catalogSchema = z.object({
  schemaVersion: z.literal(2),
  part: z.number().int().positive(),
  rev: z.string(),
  reports: z.array(reportSchema),
});
export type CatalogFile = z.infer<typeof catalogSchema>;

export function catalogPartFile(part: number): string {
  return part === 1 ? 'catalog.json' : `catalog-${String(part).padStart(6, '0')}.json`;
}

export const metaSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string(),
  createdAt: isoTime,
  app: z.literal('dossier'),
});
export type MetaFile = z.infer<typeof metaSchema>;

/** The spec of one catalog part; `catalogSpec` is part 1 (`catalog.json`). */
export function catalogPartSpec(part: number): FileSpec<CatalogFile> {
  return {
    file: catalogPartFile(part),
    version: 2,
    schema: catalogSchema,
    // 1 -> 2: the whole catalog was one file; it becomes part 1 (split into parts after opening).
    migrations: [(d) => ({ ...d, part: 1, rev: 'v1' })],
    empty: () => ({ schemaVersion: 2, part, rev: '', reports: [] }),
  };
}

export const catalogSpec: FileSpec<CatalogFile> = catalogPartSpec(1);

export const metaSpec: FileSpec<MetaFile> = {
  file: 'meta.json',
  version: 1,
  schema: metaSchema,
  migrations: [],
  empty: () => ({ schemaVersion: 1, id: '', createdAt: new Date().toISOString(), app: 'dossier' }),
};
