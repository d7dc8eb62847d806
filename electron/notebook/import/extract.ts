/**
 * Report import, pure extraction layer: bytes + file name -> readable text and metadata
 * (title, date, author, encoding). No I/O, no size limits (the caller enforces those).
 * HTML and PDF support are loaded lazily so plain-text imports stay cheap.
 */
import { DossierError } from '../errors';
import { decodeText } from './decode';
import { fallbackTitle, inferAuthor, inferDate, inferTitle } from './infer';
import { extractMarkdown } from './markdown';

export type ReportKind = 'text' | 'markdown' | 'html' | 'pdf';

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
}

const KIND_BY_EXTENSION: Readonly<Record<string, ReportKind>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
};

const MIME: Readonly<Record<ReportKind, string>> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(KIND_BY_EXTENSION));

function extensionOf(fileName: string): string {
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
  return new DossierError('UNSUPPORTED_TYPE', `unsupported ${what} (supported: .txt, .md, .html, .pdf)`);
}

/** Tidies body text: no trailing spaces on lines, at most one blank line in a row, trimmed. */
function tidy(text: string): string {
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

function requireText(text: string, message: string): void {
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
  }
}
