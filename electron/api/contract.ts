/**
 * The contract: every method's name, its zod input schema and its result type. IPC, the browser
 * host, the CLI and the renderer all use this one list. Importing this module pulls in zod and
 * types only, never Node or Electron.
 */
import { z } from 'zod';
import { formatMegabytes, MAX_FILE_BASE64_CHARS, MAX_FILE_BYTES } from './formats';
import type {
  QuickResult,
  SearchStatus,
  SearchResult,
  AcceptResult,
  CheckResult,
  GcSummary,
  ReportPage,
  CooccurrenceRow,
  EntityChangeResult,
  EntityDetail,
  EntityRecord,
  ExportResult,
  LinksResult,
  MentionRecord,
  MergeResult,
  NoteDetail,
  NoteSummary,
  QuoteResult,
  ScanResult,
  SuggestionRecord,
  ImportJobStatus,
  ImportResult,
  NotebookInfo,
  NotebookStats,
  ReportRecord,
  TagCount,
  TaggedRecord,
  UiState,
  MatchSpan,
  ReportDeleteResult,
  SpellingRecord,
  TagCandidatesResult,
  TrashedReportRecord,
} from './types';
import { ID_PATTERN, JOB_ID_PATTERN, RECORD_ID_PATTERN, RECORD_KINDS } from './ids';
import type { MethodName } from './methods';

export { METHOD_NAMES, isMethodName, type MethodName } from './methods';

/**
 * Why `s` is not strict, padded base64 (RFC 4648 section 4, as FileReader and Buffer write it),
 * or null when it is. Node's decoder would silently skip bad characters and store garbage.
 */
export function base64Problem(s: string): string | null {
  const bad = /[^A-Za-z0-9+/=]/.exec(s);
  if (bad) {
    const c = bad[0].codePointAt(0) ?? 0;
    const shown = c > 0x20 && c < 0x7f ? `"${bad[0]}"` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    return `character ${bad.index + 1} is ${shown}`;
  }
  if (s.length % 4 !== 0) return `its length (${s.length}) is not a multiple of 4`;
  const pad = s.indexOf('=');
  if (pad >= 0 && (pad < s.length - 2 || !/^={1,2}$/.test(s.slice(pad)))) return `"=" may appear only as padding at the end (found at character ${pad + 1})`;
  return null;
}

const id = z.string().trim().regex(RECORD_ID_PATTERN, 'not a Dossier id');
const reportId = z.string().trim().regex(ID_PATTERN.report, 'not a report id (r_…)');
const tag = z.string().trim().min(1, 'a tag cannot be empty').max(100, 'a tag can be at most 100 characters');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const empty = z.object({}).strict();
const noteId = z.string().trim().regex(ID_PATTERN.note, 'not a note id (n_…)');
const entityId = z.string().trim().regex(ID_PATTERN.entity, 'not an entity id (e_…)');
const title = z.string().trim().min(1, 'a title cannot be empty').max(500, 'a title can be at most 500 characters');
const noteBody = z.string().max(10_000_000, 'a note can hold at most 10,000,000 characters');
const entityName = z.string().trim().min(1, 'a name cannot be empty').max(300, 'a name can be at most 300 characters');
const entityType = z.enum(['person', 'organization', 'location', 'date', 'equipment', 'event', 'other']);
const offset = z.number().int().nonnegative();
const span = { reportId, start: offset, end: offset };
const recentItem = z.object({ kind: z.enum(RECORD_KINDS), id, title: z.string().max(500) }).strict();
const point = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();
const MAX_CHART_POSITIONS = 10_000;
const chartPositions = z
  .record(id, point)
  .refine((o) => Object.keys(o).length <= MAX_CHART_POSITIONS, `at most ${MAX_CHART_POSITIONS} chart positions`);
/** What `ui.json` holds (see electron/notebook/ui-state.ts). */
export const uiStateSchema = z.object({ recent: z.array(recentItem).max(50).default([]), chart: chartPositions.default({}) });
/** OCR languages for images and scanned PDFs (tesseract codes); the data for each ships with the app. */
const ocrLanguages = z.array(z.enum(['eng', 'ukr', 'rus', 'ara'])).max(4).optional();

/** Files and folders to import, with the tags and source every report gets. */
const importPaths = z
  .object({
    paths: z.array(z.string().min(1).max(4096)).min(1, 'give at least one file or folder').max(100_000),
    tags: z.array(tag).max(100).default([]),
    source: z.string().max(2000).optional(),
    ocrLanguages,
  })
  .strict();

/** What `reports.list` and `reports.page` select and how they order it. */
const reportListFilter = {
  tag: tag.optional(),
  entityId: entityId.optional(),
  /** published: the stated date, newest first, undated last; published-asc: oldest first, undated last; imported: when it came in; title: A-Z. */
  sort: z.enum(['published', 'published-asc', 'imported', 'title']).default('imported'),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const contract = {
  'notebook.info': empty,
  'notebook.stats': empty,
  'notebook.check': z.object({ repair: z.boolean().default(false) }).strict(),
  'notebook.gc': empty,
  'reports.import': importPaths,
  'reports.importFiles': z
    .object({
      files: z
        .array(
          z
            .object({ name: z.string().min(1).max(1000), base64: z.string().max(MAX_FILE_BASE64_CHARS, `a file can be at most ${formatMegabytes(MAX_FILE_BYTES)}`) })
            .strict()
            .superRefine((f, ctx) => {
              const problem = base64Problem(f.base64);
              if (problem) ctx.addIssue({ code: 'custom', path: ['base64'], message: `${JSON.stringify(f.name)} is not valid base64: ${problem}` });
            }),
        )
        .min(1, 'give at least one file')
        .max(1000),
      tags: z.array(tag).max(100).default([]),
      source: z.string().max(2000).optional(),
      ocrLanguages,
    })
    .strict(),
  /** The same import in the background: poll reports.importStatus for progress, reports.importCancel to stop. */
  'reports.importStart': importPaths,
  'reports.importStatus': z.object({ jobId: z.string().regex(JOB_ID_PATTERN) }).strict(),
  'reports.importCancel': z.object({ jobId: z.string().regex(JOB_ID_PATTERN) }).strict(),
  /** A page of the list, for lists that must not receive every report of a large notebook at once. */
  'reports.page': z
    .object({
      ...reportListFilter,
      /** Words the title or a tag contains (case and accents aside), as the list's filter box. */
      text: z.string().max(500, 'a filter can be at most 500 characters').optional(),
      /** Only these reports (a view that knows which ones it shows, such as the link chart). */
      ids: z.array(reportId).max(1000, 'at most 1000 ids at a time').optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'reports.list': z.object(reportListFilter).strict(),
  'reports.get': z.object({ id: reportId }).strict(),
  'reports.body': z.object({ id: reportId }).strict(),
  'reports.update': z
    .object({
      id: reportId,
      title: z.string().trim().min(1, 'a title cannot be empty').max(500).optional(),
      source: z.string().max(2000).nullable().optional(),
      author: z.string().max(500).nullable().optional(),
      url: z.string().max(2000).nullable().optional(),
      publishedAt: isoDate.nullable().optional(),
      tags: z.array(tag).max(100).optional(),
    })
    .strict(),
  'reports.delete': z.object({ id: reportId, purge: z.boolean().default(false) }).strict(),
  'reports.restore': z.object({ id: reportId }).strict(),
  'reports.citation': z.object({ ...span }).strict(),
  'reports.trash': empty,
  'reports.mentions': z.object({ id: reportId }).strict(),
  'tags.list': empty,
  'tags.add': z.object({ id, tags: z.array(tag).min(1).max(100) }).strict(),
  'tags.remove': z.object({ id, tags: z.array(tag).min(1).max(100) }).strict(),
  'search.query': z
    .object({
      q: z.string().max(1000, 'a query can be at most 1000 characters'),
      kinds: z.array(z.enum(RECORD_KINDS)).max(3).optional(),
      tags: z.array(tag).max(20).optional(),
      entityId: id.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      limit: z.number().int().min(1).max(200).default(20),
      offset: z.number().int().min(0).max(100_000).default(0),
    })
    .strict(),
  'search.locate': z.object({ q: z.string().max(1000, 'a query can be at most 1000 characters'), id: reportId, limit: z.number().int().min(1).max(100_000).default(10_000) }).strict(),
  'search.quick': z.object({ q: z.string().max(200), limit: z.number().int().min(1).max(50).default(10) }).strict(),
  'search.prepare': empty,
  'notes.create': z.object({ title, body: noteBody.default(''), tags: z.array(tag).max(100).default([]) }).strict(),
  'notes.update': z.object({ id: noteId, title: title.optional(), body: noteBody.optional(), tags: z.array(tag).max(100).optional() }).strict(),
  'notes.delete': z.object({ id: noteId }).strict(),
  'notes.restore': z.object({ id: noteId }).strict(),
  'notes.list': empty,
  'notes.get': z.object({ id: noteId }).strict(),
  'notes.links': z.object({ id }).strict(),
  'notes.quote': z.object({ noteId: noteId.optional(), ...span }).strict(),
  'entities.create': z
    .object({
      name: entityName,
      type: entityType,
      aliases: z.array(entityName).max(200).default([]),
      notes: z.string().max(1_000_000).default(''),
      tags: z.array(tag).max(100).default([]),
    })
    .strict(),
  'entities.update': z
    .object({
      id: entityId,
      name: entityName.optional(),
      type: entityType.optional(),
      aliases: z.array(entityName).max(200).optional(),
      notes: z.string().max(1_000_000).optional(),
      tags: z.array(tag).max(100).optional(),
    })
    .strict(),
  'entities.delete': z.object({ id: entityId }).strict(),
  'entities.list': empty,
  'entities.get': z.object({ id: entityId }).strict(),
  'entities.addAlias': z.object({ id: entityId, alias: entityName }).strict(),
  'entities.tagSelection': z.object({ entityId, ...span }).strict(),
  'entities.scan': z.object({ id: entityId.optional(), reportIds: z.array(reportId).max(100_000).optional() }).strict(),
  'entities.candidates': z.object({ ...span }).strict(),
  'entities.spellings': z.object({ id: entityId }).strict(),
  'entities.rejectSpelling': z.object({ id: entityId, text: entityName }).strict(),
  'entities.rename': z.object({ id: entityId, name: entityName, keepOldName: z.boolean().default(false) }).strict(),
  'entities.suggest': z.object({ reportId }).strict(),
  'entities.accept': z
    .object({ ...span, type: entityType, name: entityName.optional(), entityId: entityId.optional() })
    .strict(),
  'entities.merge': z.object({ keepId: entityId, dropId: entityId }).strict(),
  'entities.mentions': z.object({ id: entityId, limit: z.number().int().min(1).max(100_000).default(1000) }).strict(),
  'entities.cooccurrence': z.object({ id: entityId }).strict(),
  'export.notes': z
    .object({ noteIds: z.array(noteId).min(1).max(100_000), outDir: z.string().min(1).max(4096), links: z.enum(['wiki', 'markdown']).default('markdown') })
    .strict(),
  'export.all': z.object({ outDir: z.string().min(1).max(4096), links: z.enum(['wiki', 'markdown']).default('markdown') }).strict(),
  'ui.get': empty,
  'ui.set': z.object({ recent: z.array(recentItem).max(50).optional(), chart: chartPositions.optional() }).strict(),
} as const satisfies Record<MethodName, z.ZodType>;

export type MethodInput<M extends MethodName> = z.input<(typeof contract)[M]>;
export type ParsedInput<M extends MethodName> = z.output<(typeof contract)[M]>;
export type UiStatePatch = ParsedInput<'ui.set'>;

export interface MethodResults {
  'notebook.info': NotebookInfo;
  'notebook.stats': NotebookStats;
  'notebook.check': CheckResult;
  'notebook.gc': GcSummary;
  'reports.import': ImportResult;
  'reports.importFiles': ImportResult;
  'reports.importStart': ImportJobStatus;
  'reports.importStatus': ImportJobStatus;
  'reports.importCancel': ImportJobStatus;
  'reports.list': ReportRecord[];
  'reports.page': ReportPage;
  'reports.get': ReportRecord;
  'reports.body': { id: string; text: string };
  'reports.update': ReportRecord;
  'reports.delete': ReportDeleteResult;
  'reports.restore': ReportRecord;
  'reports.citation': { markdown: string; text: string };
  'reports.trash': TrashedReportRecord[];
  'reports.mentions': MentionRecord[];
  'tags.list': TagCount[];
  'tags.add': TaggedRecord;
  'tags.remove': TaggedRecord;
  'search.query': SearchResult;
  'search.locate': MatchSpan[];
  'search.quick': QuickResult[];
  'search.prepare': SearchStatus;
  'notes.create': NoteDetail;
  'notes.update': NoteDetail;
  'notes.delete': { id: string; deleted: true };
  'notes.restore': NoteDetail;
  'notes.list': NoteSummary[];
  'notes.get': NoteDetail;
  'notes.links': LinksResult;
  'notes.quote': QuoteResult;
  'entities.create': EntityChangeResult;
  'entities.update': EntityChangeResult;
  'entities.delete': { id: string; deleted: true; mentions: number };
  'entities.list': EntityRecord[];
  'entities.get': EntityDetail;
  'entities.addAlias': EntityChangeResult;
  'entities.tagSelection': MentionRecord;
  'entities.scan': ScanResult;
  'entities.candidates': TagCandidatesResult;
  'entities.spellings': SpellingRecord[];
  'entities.rejectSpelling': { entity: EntityRecord; removedMentions: number };
  'entities.rename': EntityChangeResult;
  'entities.suggest': SuggestionRecord[];
  'entities.accept': AcceptResult;
  'entities.merge': MergeResult;
  'entities.mentions': MentionRecord[];
  'entities.cooccurrence': CooccurrenceRow[];
  'export.notes': ExportResult;
  'export.all': ExportResult;
  'ui.get': UiState;
  'ui.set': UiState;
}

/** The one interface the renderer, the CLI and the front doors program against. */
export type DossierApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResults[M]>;
};

/** Core-side implementation: receives input already validated by `parseInput`. */
export type DossierHandlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodResults[M]>;
};

export class InputError extends Error {
  readonly code = 'INVALID_INPUT' as const;
}

/** Validates a method's input with its schema; throws InputError with a readable message. */
export function parseInput<M extends MethodName>(method: M, input: unknown): ParsedInput<M> {
  const result = contract[method].safeParse(input ?? {});
  if (result.success) return result.data as ParsedInput<M>;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new InputError(`invalid input for ${method}: ${where}${issue?.message ?? 'invalid'}`);
}
