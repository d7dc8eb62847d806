/**
 * Report import, pure extraction layer: bytes + file name -> readable text and metadata
 * (title, date, author, encoding). No I/O, no size limits (the caller enforces those).
 * HTML and PDF support are loaded lazily so plain-text imports stay cheap.
 */
import { DossierError } from '../errors';
import { decodeText } from './decode';
import { fallbackTitle, inferAuthor, inferDate, inferTitle } from './infer';
import { extractMarkdown } from './markdown';
import { extensionOf, MIME_BY_KIND, requireText, tidy, type Extracted, type ItemSource, type ReportKind } from './extracted';

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

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(KIND_BY_EXTENSION));

/** The report kind for a file name, by extension (case-insensitive), or null if unsupported. */
export function kindForFile(fileName: string): ReportKind | null {
  return KIND_BY_EXTENSION[extensionOf(fileName)] ?? null;
}

function unsupported(fileName: string): DossierError {
  const ext = extensionOf(fileName);
  const what = ext === '' ? 'a file without an extension' : `file type ${ext}`;
  return new DossierError('UNSUPPORTED_TYPE', `unsupported ${what} (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`);
}

function extractPlain(bytes: Uint8Array, fileName: string): Extracted {
  const decoded = decodeText(bytes);
  const text = tidy(decoded.text);
  requireText(text, 'the file is empty (it contains only whitespace)');
  return {
    kind: 'text',
    mime: MIME_BY_KIND.text,
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
    mime: MIME_BY_KIND.markdown,
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
    mime: MIME_BY_KIND.html,
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
    mime: MIME_BY_KIND.pdf,
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

