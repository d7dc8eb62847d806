/**
 * What every format's extractor produces and the small rules they share (a file's extension, the
 * MIME type of each kind, tidying body text, refusing an empty one). Kept apart from extract.ts,
 * which loads the extractors, so that they import this and not the module that imports them.
 */
import { DossierError } from '../errors';
import type { ReportFormat } from '../../api/types';

export type ReportKind = ReportFormat;

/** A labelled provenance field (channel, views, sender...), kept with the report. */
export interface ExtractedField {
  label: string;
  value: string;
}

/** An entity the source itself names (a Telegram channel), tagged on the report at `start..end`. */
export interface ExtractedEntity {
  name: string;
  type: 'organization' | 'person';
  start: number;
  end: number;
}

export interface Extracted {
  kind: ReportKind;
  /** text/plain, text/markdown, text/html or application/pdf. */
  mime: string;
  /** Readable body text (never live HTML); paragraphs separated by blank lines. */
  text: string;
  /** Inferred title: never empty, trimmed, at most 300 characters. */
  title: string;
  /** 'YYYY-MM-DD' when the document states a full date, else null. */
  publishedAt: string | null;
  author: string | null;
  /** Detected source encoding for text-like files; null for PDF. */
  encoding: string | null;
  /** PDF only: offset in `text` where each page starts. */
  pageStarts?: number[];
  /** Human-readable notes about the import, e.g. 'decoded as windows-1251 (not valid UTF-8)'. */
  warnings: string[];
  /** The item's own address (t.me link, saved page URL), kept as text and never fetched. */
  link?: string | null;
  /** Labelled provenance fields a researcher checks (channel, views, from, to...). */
  fields?: ExtractedField[];
  /** Entities the source names, tagged on the report. */
  entities?: ExtractedEntity[];
  /** OCR provenance: which text was recognised, in which languages, how confidently. */
  ocr?: { languages: string[]; confidence: number; ranges: Array<[number, number]> };
  /** For one of several items of a file: a stable identity across re-imports... */
  itemKey?: string;
  /** ...and a value that changes when the item was edited at its source. */
  revision?: string;
  /** For one of several items: the item's own original bytes (else the whole file is the original). */
  original?: { bytes: Uint8Array; ext: string; name: string };
}

/** Where an item-producing extractor reads from: bytes in memory, or a file it may stream. */
export interface ItemSource {
  name: string;
  bytes?: Uint8Array;
  /** A path on disk; streaming extractors (Telegram JSON) read it piece by piece. */
  path?: string;
  signal?: AbortSignal;
  /** Progress inside one file (posts of an export, pages of a scan). */
  onItemProgress?: (p: { done: number; total: number | null }) => void;
  /** OCR languages for images and scanned PDFs, e.g. ['eng', 'ukr']; the settings' choice by default. */
  ocrLanguages?: string[];
}

/** The MIME type a report of each kind is stored under. */
export const MIME_BY_KIND: Readonly<Record<ReportKind, string>> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
  telegram: 'application/vnd.telegram.export+json',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  email: 'message/rfc822',
  mhtml: 'multipart/related',
  epub: 'application/epub+zip',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
  image: 'image/*',
};

/** A file name's extension, lower-case with its dot ('.pdf'), or '' when it has none. */
export function extensionOf(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot).toLowerCase() : '';
}

/** Tidies body text: no trailing spaces on lines, at most one blank line in a row, trimmed. */
export function tidy(text: string): string {
  return trimLineEnds(text).replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Drops spaces and tabs at the end of every line. Not `/[ \t]+$/gm`: that regex retries at every
 * space of a long indented line and takes quadratic time (minutes on a deeply indented list).
 */
function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
      return end === line.length ? line : line.slice(0, end);
    })
    .join('\n');
}

export function requireText(text: string, message: string): void {
  if (text.trim() === '') throw new DossierError('EMPTY', message);
}
