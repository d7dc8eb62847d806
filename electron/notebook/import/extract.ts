/**
 * Report import, pure extraction layer: bytes + file name -> readable text and metadata
 * (title, date, author, encoding). No I/O, no size limits (the caller enforces those).
 * HTML and PDF support are loaded lazily so plain-text imports stay cheap.
 */
import { DossierError } from '../errors';
import { decodeText } from './decode';
import { fallbackTitle, inferAuthor, inferDate, inferTitle } from './infer';
import { extractMarkdown } from './markdown';
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

const KIND_BY_EXTENSION: Readonly<Record<string, ReportKind>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.json': 'telegram',
  '.docx': 'docx',
  '.eml': 'email',
  '.mbox': 'email',
  '.mhtml': 'mhtml',
  '.mht': 'mhtml',
  '.epub': 'epub',
  '.odt': 'odt',
  '.rtf': 'rtf',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.tif': 'image',
  '.tiff': 'image',
  '.bmp': 'image',
  '.webp': 'image',
};

const MIME: Readonly<Record<ReportKind, string>> = {
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

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(KIND_BY_EXTENSION));

export function extensionOf(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot).toLowerCase() : '';
}

/** The report kind for a file name, by extension (case-insensitive), or null if unsupported. */
export function kindForFile(fileName: string): ReportKind | null {
  return KIND_BY_EXTENSION[extensionOf(fileName)] ?? null;
}

function unsupported(fileName: string): DossierError {
  const ext = extensionOf(fileName);
  const what = ext === '' ? 'a file without an extension' : `file type ${ext}`;
  return new DossierError('UNSUPPORTED_TYPE', `unsupported ${what} (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`);
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

function extractPlain(bytes: Uint8Array, fileName: string): Extracted {
  const decoded = decodeText(bytes);
  const text = tidy(decoded.text);
  requireText(text, 'the file is empty (it contains only whitespace)');
  return {
    kind: 'text',
    mime: MIME.text,
    text,
    title: inferTitle(text, fileName),
    publishedAt: inferDate(text, { fileName }),
    author: inferAuthor(text),
    encoding: decoded.encoding,
    warnings: decoded.warnings,
  };
}

function extractMarkdownFile(bytes: Uint8Array, fileName: string): Extracted {
  const decoded = decodeText(bytes);
  const md = extractMarkdown(decoded.text, fileName);
  const text = tidy(md.text);
  requireText(text, 'no text could be extracted (the file has only front matter or whitespace)');
  return {
    kind: 'markdown',
    mime: MIME.markdown,
    text,
    title: md.title || inferTitle(text, fileName),
    publishedAt: md.publishedAt,
    author: md.author,
    encoding: decoded.encoding,
    warnings: decoded.warnings,
  };
}

async function extractHtmlFile(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  const { extractHtml, declaredCharset } = await import('./html');
  const decoded = decodeText(bytes, declaredCharset(bytes));
  const html = extractHtml(decoded.text, fileName);
  const text = tidy(html.text);
  requireText(text, 'no text could be extracted from the HTML page');
  return {
    kind: 'html',
    mime: MIME.html,
    text,
    title: html.title || inferTitle(text, fileName),
    publishedAt: html.publishedAt,
    author: html.author,
    encoding: decoded.encoding,
    warnings: [...decoded.warnings, ...html.warnings],
  };
}

async function extractPdfFile(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  const { extractPdf } = await import('./pdf');
  const pdf = await extractPdf(bytes, fileName);
  return {
    kind: 'pdf',
    mime: MIME.pdf,
    text: pdf.text,
    title: pdf.title || fallbackTitle(fileName),
    publishedAt: pdf.publishedAt,
    author: pdf.author,
    encoding: null,
    pageStarts: pdf.pageStarts,
    warnings: pdf.warnings,
  };
}

/**
 * Extracts readable text and metadata from an imported file. Throws DossierError:
 * UNSUPPORTED_TYPE (unknown extension, binary data, not a readable PDF) or EMPTY.
 */
export async function extractFile(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  const kind = kindForFile(fileName);
  if (kind === null) throw unsupported(fileName);
  if (bytes.length === 0) throw new DossierError('EMPTY', 'the file is empty');
  switch (kind) {
    case 'text':
      return extractPlain(bytes, fileName);
    case 'markdown':
      return extractMarkdownFile(bytes, fileName);
    case 'html':
      return extractHtmlFile(bytes, fileName);
    case 'pdf':
      return extractPdfFile(bytes, fileName);
    default:
      return single(await extractItems({ bytes, name: fileName }), fileName);
  }
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

/** Formats whose files may be larger than the ordinary limit because they are read as a stream. */
export function streamsFromDisk(fileName: string): boolean {
  return kindForFile(fileName) === 'telegram';
}

async function single(items: Extracted[] | AsyncIterable<Extracted>, fileName: string): Promise<Extracted> {
  for await (const item of items) return item;
  throw new DossierError('EMPTY', `no text could be extracted from ${fileName}`);
}

async function readAll(src: ItemSource): Promise<Uint8Array> {
  if (src.bytes) return src.bytes;
  if (!src.path) throw new DossierError('INVALID_INPUT', 'nothing to read');
  const { readFile } = await import('node:fs/promises');
  return new Uint8Array(await readFile(src.path));
}

/**
 * Extracts every report a file holds: one for most formats, one per post of a Telegram export,
 * one per message of an mbox. Formats are loaded lazily. Each result goes through the same
 * pipeline (duplicates, tags, source, catalog) in the importer.
 */
export async function extractItems(src: ItemSource): Promise<Extracted[] | AsyncIterable<Extracted>> {
  const kind = kindForFile(src.name);
  if (kind === null) throw unsupported(src.name);
  if (src.bytes?.length === 0) throw new DossierError('EMPTY', 'the file is empty');
  switch (kind) {
    case 'text':
    case 'markdown':
    case 'html':
    case 'pdf': {
      const bytes = await readAll(src);
      if (kind === 'html' || kind === 'pdf') {
        const { isTelegramHtml, extractTelegramHtml } = await import('./telegram');
        if (kind === 'html' && isTelegramHtml(bytes)) return extractTelegramHtml(bytes, src.name);
        if (kind === 'pdf') {
          try {
            return [await extractFile(bytes, src.name)];
          } catch (err) {
            if (!(err instanceof DossierError) || err.code !== 'EMPTY') throw err;
            const { ocrScannedPdf } = await import('./ocr');
            return [await ocrScannedPdf(bytes, src)];
          }
        }
      }
      return [await extractFile(bytes, src.name)];
    }
    case 'telegram': {
      const { extractTelegramJson } = await import('./telegram');
      return extractTelegramJson(src);
    }
    case 'email': {
      const { extractEmailFile } = await import('./email');
      return extractEmailFile(await readAll(src), src.name);
    }
    case 'mhtml': {
      const { extractMhtml } = await import('./mhtml');
      return [await extractMhtml(await readAll(src), src.name)];
    }
    case 'docx': {
      const { extractDocx } = await import('./docx');
      return [await extractDocx(await readAll(src), src.name)];
    }
    case 'odt': {
      const { extractOdt } = await import('./odt');
      return [await extractOdt(await readAll(src), src.name)];
    }
    case 'epub': {
      const { extractEpub } = await import('./epub');
      return [await extractEpub(await readAll(src), src.name)];
    }
    case 'rtf': {
      const { extractRtf } = await import('./rtf');
      return [extractRtf(await readAll(src), src.name)];
    }
    case 'image': {
      const { ocrImage } = await import('./ocr');
      return [await ocrImage(await readAll(src), src)];
    }
  }
}

export { MIME as MIME_BY_KIND };
