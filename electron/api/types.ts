/** Result types of the contract. Plain data only: they cross IPC, HTTP and the CLI's `--json`. */
import type { ErrorCode } from './errors';
import type { RecordKind } from './ids';

export type ReportFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'telegram' | 'docx' | 'email' | 'mhtml' | 'epub' | 'odt' | 'rtf' | 'image';

export interface ReportRecord {
  /** Only on reports.update: cleaning changed what was typed, in words. */
  changed?: string[];
  id: string;
  title: string;
  source: string | null;
  author: string | null;
  /** The web address it came from, when known. */
  url?: string | null;
  /** The date the document states ('YYYY-MM-DD'), or null: never the import date. */
  publishedAt: string | null;
  /** When it was imported into this notebook (ISO time). */
  importedAt: string;
  updatedAt: string;
  tags: string[];
  format: ReportFormat;
  mime: string;
  contentHash: string;
  bodyRef: string;
  originalRef: string;
  originalName: string;
  size: number;
  chars: number;
  encoding: string | null;
  pageStarts?: number[];
  link?: string;
  itemKey?: string;
  revision?: string;
  fields?: Array<{ label: string; value: string }>;
  ocr?: { languages: string[]; confidence: number; ranges: Array<[number, number]> };
}

export interface RecoveryNote {
  file: string;
  problem: string;
  action: string;
  recovered: boolean;
  setAside?: string;
}

export interface NotebookInfo {
  dir: string;
  id: string;
  createdAt: string;
  writable: boolean;
  reports: number;
  recoveries: RecoveryNote[];
}

export interface NotebookStats {
  dir: string;
  reports: number;
  notes: number;
  entities: number;
  tags: number;
  /** Reports per format, for the formats the notebook holds. */
  byFormat: Partial<Record<ReportFormat, number>>;
  bodyChars: number;
  originalBytes: number;
  lastImportAt: string | null;
}

export interface CheckProblem {
  severity: 'error' | 'warning';
  message: string;
  repaired: boolean;
}

export interface CheckResult {
  ok: boolean;
  checked: { files: number; reports: number; blobs: number };
  problems: CheckProblem[];
  recoveries: RecoveryNote[];
}

/** One page of the report list (`reports.page`) in the order asked for, and how many reports the filter keeps in all. */
export interface ReportPage {
  total: number;
  offset: number;
  items: ReportRecord[];
}

/** What `dossier gc` reclaimed. */
export interface GcSummary {
  packsCompacted: number;
  recordsKept: number;
  recordsDropped: number;
  looseRemoved: number;
  bytesBefore: number;
  bytesAfter: number;
}

export interface ImportResult {
  imported: Array<{ path: string; id: string; title: string }>;
  duplicates: Array<{ path: string; id: string }>;
  /** Re-imported items whose source was edited (a Telegram post): their text was replaced. */
  updated?: Array<{ path: string; id: string; title: string }>;
  failed: Array<{ path: string; error: { code: ErrorCode; message: string } }>;
}

/** A background import: progress over files and over the posts/pages inside the current file. */
export interface ImportJobStatus {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  files: { done: number; total: number };
  items: { done: number; total: number | null } | null;
  path: string | null;
  result: ImportResult | null;
  error: { code: ErrorCode; message: string } | null;
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface TaggedRecord {
  id: string;
  kind: RecordKind;
  tags: string[];
  /** Present when cleaning changed what was typed (control characters removed, an alias dropped…), in words. */
  changed?: string[];
}


export interface LinkRef {
  kind: RecordKind;
  id: string;
  title: string;
}

/** Links of any record: notes it links to (notes only), notes linking to it, and links that point nowhere. */
export interface LinksResult {
  outgoing: LinkRef[];
  backlinks: LinkRef[];
  /** `[[text]]` links that resolve to nothing (kept in the note, listed here). */
  unresolved: Array<{ text: string; label: string | null }>;
  /** Links whose text matches several records; resolved to the oldest. */
  ambiguous: Array<{ text: string; resolvedTo: LinkRef; candidates: LinkRef[] }>;
}

export interface NoteSummary {
  id: string;
  title: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  chars: number;
}

export interface CitationRecord {
  reportId: string;
  start: number;
  end: number;
  reportTitle: string | null;
}

export interface NoteDetail extends NoteSummary {
  body: string;
  /** The tags written as `#word` in the body (part of `tags`; removed by editing the text, not by untagging). */
  inlineTags: string[];
  links: LinksResult;
  citations: CitationRecord[];
  /** Present when cleaning changed what was typed (control characters removed, an alias dropped…), in words. */
  changed?: string[];
}

export interface QuoteResult {
  note: NoteDetail;
  citation: CitationRecord;
  text: string;
}

export type EntityType = 'person' | 'organization' | 'location' | 'date' | 'equipment' | 'event' | 'other';
export type MentionOrigin = 'manual' | 'scan' | 'suggested-accepted';

export interface EntityRecord {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  notes: string;
  tags: string[];
  /** Spellings the user rejected for this entity (scans skip them). */
  rejected?: string[];
  createdAt: string;
  updatedAt: string;
  /** How many mentions in reports. */
  mentions: number;
}

export interface EntityChangeResult {
  entity: EntityRecord;
  /** e.g. an alias that another entity also has. */
  warnings: string[];
  /** Present when cleaning changed what was typed (control characters removed, an alias dropped…), in words. */
  changed?: string[];
}

export interface MentionRecord {
  entityId: string;
  reportId: string;
  reportTitle: string;
  start: number;
  end: number;
  text: string;
  origin: MentionOrigin;
  /** Up to 60 characters of the report's text before and after the mention. */
  before: string;
  after: string;
}

export interface EntityDetail extends EntityRecord {
  reports: Array<{ id: string; title: string; mentions: number }>;
  linkedFrom: LinkRef[];
  cooccurring: CooccurrenceRow[];
}

export interface CooccurrenceRow {
  id: string;
  name: string;
  type: EntityType;
  /** Reports in which both entities are mentioned. */
  reports: number;
}

export interface ScanResult {
  reports: number;
  /** Per entity scanned: mentions found by this scan. */
  entities: Array<{ id: string; name: string; mentions: number; reports: number }>;
  /** Texts matching a name or alias that several entities share: no mention is recorded for them. */
  ambiguous: Array<{ text: string; entityIds: string[]; count: number }>;
  warnings: string[];
  ms: number;
}

export interface SuggestionRecord {
  text: string;
  type: EntityType;
  start: number;
  end: number;
  /** How often the same text occurs in the report. */
  count: number;
  /** Set when an entity already has this text as an alias-free variant; such candidates are normally excluded. */
  existingEntityId?: string;
}

export interface AcceptResult {
  entity: EntityRecord;
  created: boolean;
  mention: { entityId: string; reportId: string; start: number; end: number; text: string; origin: MentionOrigin };
}

export interface MergeResult {
  entity: EntityRecord;
  dropped: string;
  movedMentions: number;
  rewrittenNotes: number;
}

export interface ExportResult {
  dir: string;
  files: string[];
}

/** What search finds: the record kinds. */
export type SearchKind = RecordKind;

export interface MatchSpan {
  start: number;
  end: number;
}

/**
 * How a document word matched a query word: spelt the same (after folding case and accents),
 * another spelling of the same name (transliteration or romanisation variant), a typo-distance
 * neighbour, or a longer word the query word starts.
 */
export type MatchHow = 'exact' | 'variant' | 'typo' | 'prefix';

/** Why a result matched one query word. */
export interface MatchReason {
  /** The query word as typed. */
  query: string;
  /** The document's spelling that matched it (as written in the title or text). */
  spelling: string;
  how: MatchHow;
}

export interface SearchResultItem {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
  /** Text around the best match; `matches` are offsets into it. */
  snippet: string;
  matches: MatchSpan[];
  /** The snippet's first match as offsets into the whole text (where the reader opens the hit). */
  at?: MatchSpan;
  /** Offsets into `title`. */
  titleMatches: MatchSpan[];
  /** One entry per query word found in this result, in query order: which spelling matched and how. */
  why: MatchReason[];
  date: string | null;
  tags: string[];
}

export interface SearchResult {
  query: string;
  total: number;
  tookMs: number;
  results: SearchResultItem[];
}

/**
 * Whether the search index is in memory (`search.prepare`). A search waits for the index: loaded
 * from its cache, or rebuilt from every record when the cache is missing or stale (seconds for
 * 10,000 reports), so the app asks for it as soon as the first list is on screen and the search
 * view says "Preparing search…" until it is ready.
 */
export interface SearchStatus {
  /** True once the index is loaded and a search answers at once. */
  ready: boolean;
  /** Records in the index (null until it is loaded). */
  docs: number | null;
  /** Where the index came from: its cache, or rebuilt from the records (null until loaded). */
  source: 'cache' | 'rebuilt' | null;
}

export interface QuickResult {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
}

/** The workspace state kept with a notebook (`ui.json`): recently opened items and link chart positions. */
export interface UiState {
  recent: Array<{ kind: RecordKind; id: string; title: string }>;
  chart: Record<string, { x: number; y: number }>;
}

/** A report in the trash. */
export interface TrashedReportRecord {
  id: string;
  title: string;
  deletedAt: string;
  /** Mentions kept with it and restored with it. */
  mentions: number;
  /** Notes that cite or link to it. */
  citingNotes: number;
}

export interface ReportDeleteResult {
  id: string;
  deleted: true;
  /** Moved to the trash (restorable); false when purged for good. */
  trashed: boolean;
  mentions: number;
  citingNotes: number;
}

/** Existing entities a selected text may be, and the type to start with. */
export interface TagCandidatesResult {
  text: string;
  type: EntityType;
  typeFrom: 'existing' | 'suggester' | 'default';
  entities: Array<{ entity: EntityRecord; reason: 'name' | 'alias' | 'variant' | 'similar'; matched: string }>;
}

/** A spelling found for an entity that is neither its name nor an alias. */
export interface SpellingRecord {
  text: string;
  mentions: number;
  reports: number;
}
