/**
 * PDF reports -> plain text with page offsets, using pdfjs-dist's legacy build (loaded lazily,
 * so importing this module costs nothing until a PDF is actually imported). Never runs PDF
 * JavaScript, never loads fonts or fetches anything over the network.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DossierError } from '../errors';
import { clampTitle, cleanAuthor, inferAuthor, inferDate, inferTitle, normalizeDate } from './infer';

type PdfJs = typeof PdfJsModule;

export interface PdfExtract {
  text: string;
  pageStarts: number[];
  title: string;
  publishedAt: string | null;
  author: string | null;
  warnings: string[];
}

let pdfjsPromise: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/**
 * Starts loading a PDF with the settings every reader of PDFs here uses: no eval, no system or
 * embedded font faces, no worker fetches, no XFA, local fonts and CMaps only.
 */
export async function openPdf(bytes: Uint8Array): Promise<ReturnType<PdfJs['getDocument']>> {
  const pdfjs = await loadPdfJs();
  return pdfjs.getDocument({
    data: bytes.slice(), // pdfjs may take ownership of the buffer; the caller keeps its bytes
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
    ...pdfjsAssets(),
  });
}

/** Local folders with pdfjs's standard fonts and CMaps, so nothing is ever fetched. */
function pdfjsAssets(): { standardFontDataUrl?: string; cMapUrl?: string; cMapPacked?: boolean } {
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return {
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      cMapPacked: true,
    };
  } catch {
    return {}; // bundled without node_modules: pdfjs falls back to built-in metrics
  }
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  return tail.includes('%%EOF');
}

interface TextPiece {
  str: string;
  hasEOL: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

function toPiece(item: unknown): TextPiece | null {
  if (typeof item !== 'object' || item === null || !('str' in item)) return null;
  const it = item as { str: unknown; hasEOL?: unknown; transform?: unknown; width?: unknown; height?: unknown };
  if (typeof it.str !== 'string') return null;
  const t = Array.isArray(it.transform) ? (it.transform as unknown[]) : [];
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { str: it.str, hasEOL: it.hasEOL === true, x: num(t[4]), y: num(t[5]), width: num(it.width), height: num(it.height) };
}

/** Joins a page's text items into lines; a vertical gap wider than a line makes a blank line. */
export function joinPageItems(items: readonly unknown[]): string {
  let out = '';
  let lineOpen = false;
  let lastY: number | null = null;
  let lastEndX = 0;
  let lastHeight = 12;
  let eol = false;
  for (const raw of items) {
    const p = toPiece(raw);
    if (p === null) continue;
    if (p.str === '' && !p.hasEOL) continue;
    const height = p.height > 0 ? p.height : lastHeight;
    const newLine = lastY !== null && (eol || Math.abs(p.y - lastY) > height * 0.5);
    if (newLine && p.str.trim() !== '') {
      const gap = Math.abs((lastY ?? p.y) - p.y);
      out = out.trimEnd() + (gap > Math.max(height, lastHeight) * 1.6 ? '\n\n' : '\n');
      lineOpen = false;
    } else if (lineOpen && p.x - lastEndX > height * 0.2 && !/\s$/.test(out) && !/^\s/.test(p.str)) {
      out += ' ';
    }
    if (p.str !== '') {
      out += p.str;
      lineOpen = true;
      lastY = p.y;
      lastEndX = p.x + p.width;
      lastHeight = height;
    }
    eol = p.hasEOL || (eol && p.str.trim() === '');
  }
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

const JUNK_TITLE = /^(untitled|document\d*|doc\d*|microsoft word|slide \d+|title|none|null)$/i;

/** The metadata Title when it is a real title rather than a file name or placeholder. */
export function meaningfulPdfTitle(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const title = raw.replace(/^microsoft (word|powerpoint|excel) - /i, '').replace(/\s+/g, ' ').trim();
  if (title.length < 3 || JUNK_TITLE.test(title)) return null;
  if (/\.(docx?|pdf|txt|rtf|odt|pptx?|xlsx?|indd|qxd|tex|dvi|html?)$/i.test(title)) return null;
  if (!/\p{L}{2}/u.test(title)) return null;
  return clampTitle(title);
}

function pdfError(err: unknown, truncated: boolean): DossierError {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  if (name === 'PasswordException') {
    return new DossierError('UNSUPPORTED_TYPE', 'the PDF is encrypted (password-protected); remove the password and import it again', { cause: err });
  }
  if (truncated) {
    return new DossierError('UNSUPPORTED_TYPE', 'the PDF is damaged or truncated (the end of the file is missing)', { cause: err });
  }
  const detail = err instanceof Error && err.message ? ` (${err.message})` : '';
  return new DossierError('UNSUPPORTED_TYPE', `the PDF is damaged and cannot be read${detail}`, { cause: err });
}

interface PagesText {
  text: string;
  pageStarts: number[];
  unreadable: number[];
}

async function readPages(doc: PdfJsModule.PDFDocumentProxy): Promise<PagesText> {
  let text = '';
  const pageStarts: number[] = [];
  const unreadable: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    let pageText = '';
    try {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pageText = joinPageItems(content.items);
      page.cleanup();
    } catch {
      unreadable.push(n);
    }
    if (text !== '' && pageText !== '') text += '\n\n';
    pageStarts.push(text.length);
    text += pageText;
  }
  return { text, pageStarts, unreadable };
}

async function readInfo(doc: PdfJsModule.PDFDocumentProxy): Promise<Record<string, unknown>> {
  try {
    const meta = await doc.getMetadata();
    const info: unknown = meta.info;
    return typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Extracts the text layer of a PDF. Throws UNSUPPORTED_TYPE or EMPTY with a clear reason. */
export async function extractPdf(bytes: Uint8Array, fileName: string): Promise<PdfExtract> {
  if (!hasPdfHeader(bytes)) {
    throw new DossierError('UNSUPPORTED_TYPE', 'not a PDF file (it does not start with a %PDF header)');
  }
  const task = await openPdf(bytes);
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      throw pdfError(err, !hasEofMarker(bytes));
    }
    const { text, pageStarts, unreadable } = await readPages(doc);
    const info = await readInfo(doc);
    return finish(bytes, fileName, { text, pageStarts, unreadable }, info);
  } finally {
    await task.destroy();
  }
}

function finish(bytes: Uint8Array, fileName: string, pages: PagesText, info: Record<string, unknown>): PdfExtract {
  const truncated = !hasEofMarker(bytes);
  if (pages.text.trim() === '') {
    if (truncated || pages.unreadable.length > 0) {
      throw new DossierError('UNSUPPORTED_TYPE', 'the PDF is damaged or truncated; no text could be read');
    }
    throw new DossierError('EMPTY', 'the PDF has no text layer (scanned image?)');
  }
  const warnings: string[] = [];
  if (truncated) warnings.push('the PDF appears truncated (no end-of-file marker); some text may be missing');
  if (pages.unreadable.length > 0) warnings.push(`could not read page${pages.unreadable.length === 1 ? '' : 's'} ${pages.unreadable.join(', ')}`);
  const author = typeof info.Author === 'string' ? cleanAuthor(info.Author) : null;
  return {
    text: pages.text,
    pageStarts: pages.pageStarts,
    title: meaningfulPdfTitle(info.Title) ?? inferTitle(pages.text, fileName),
    publishedAt: inferDate(pages.text, { fileName, metaDate: typeof info.CreationDate === 'string' ? normalizeDate(info.CreationDate) : null }),
    author: author ?? inferAuthor(pages.text),
    warnings,
  };
}
