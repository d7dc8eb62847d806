/**
 * Saved web pages (.mhtml/.mht, as Chromium's "Save as… single file" writes them). The MIME
 * container is split here: the page is the HTML part at the snapshot's own address (or the first
 * HTML part; frames and error pages saved beside it are ignored), decoded from quoted-printable or
 * base64 in its charset, and its HTML goes through the same readability path as an .html import.
 * Scripts never run and the page's resources (kept inside the file or remote) are never loaded;
 * the original URL is kept as the report's link.
 */
import iconv from 'iconv-lite';
import { DossierError } from '../errors';
import type { Extracted } from './extracted';
import { MIME_BY_KIND, requireText, tidy } from './extracted';
import { inferTitle } from './infer';

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

function parseHeaders(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) map.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

function param(value: string | undefined, name: string): string | null {
  const m = value?.match(new RegExp(`${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i'));
  return m ? (m[2] ?? m[1] ?? null) : null;
}

function decodeQuotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Buffer.from(out);
}

export function splitMhtml(bytes: Uint8Array): { headers: Map<string, string>; parts: Part[] } {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const headEnd = src.search(/\r?\n\r?\n/);
  if (headEnd < 0) throw new DossierError('UNSUPPORTED_TYPE', 'not an MHTML file (no MIME header)');
  const headers = parseHeaders(src.slice(0, headEnd));
  const boundary = param(headers.get('content-type'), 'boundary');
  if (!/multipart\/related/i.test(headers.get('content-type') ?? '') || !boundary) {
    throw new DossierError('UNSUPPORTED_TYPE', 'not an MHTML file (it is not multipart/related)');
  }
  const parts: Part[] = [];
  for (const chunk of src.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const body = chunk.replace(/^\r?\n/, '');
    const end = body.search(/\r?\n\r?\n/);
    if (end < 0) continue;
    const h = parseHeaders(body.slice(0, end));
    const raw = body.slice(end).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    const cte = (h.get('content-transfer-encoding') ?? '').toLowerCase();
    const data = cte === 'quoted-printable' ? decodeQuotedPrintable(raw) : cte === 'base64' ? Buffer.from(raw.replace(/\s+/g, ''), 'base64') : Buffer.from(raw, 'latin1');
    parts.push({ headers: h, body: data });
  }
  return { headers, parts };
}

export async function extractMhtml(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  const { headers, parts } = splitMhtml(bytes);
  const url = headers.get('snapshot-content-location') ?? null;
  const isHtml = (p: Part): boolean => /text\/html/i.test(p.headers.get('content-type') ?? '');
  const page = parts.find((p) => isHtml(p) && url !== null && p.headers.get('content-location') === url) ?? parts.find(isHtml);
  if (!page) throw new DossierError('UNSUPPORTED_TYPE', 'the saved page has no HTML part (not an MHTML file?)');
  const charset = param(page.headers.get('content-type'), 'charset') ?? 'utf-8';
  const html = iconv.encodingExists(charset) ? iconv.decode(page.body, charset) : page.body.toString('utf8');
  const { extractHtml } = await import('./html');
  const doc = extractHtml(html);
  const text = tidy(doc.text);
  requireText(text, 'no text could be extracted from the saved page');
  const saved = headers.get('date') ?? null;
  const others = parts.length - 1;
  return {
    kind: 'mhtml',
    mime: MIME_BY_KIND.mhtml,
    text,
    title: doc.title || headers.get('subject') || inferTitle(text, fileName),
    publishedAt: doc.publishedAt,
    author: doc.author,
    encoding: charset.toUpperCase() === 'UTF-8' ? 'UTF-8' : charset,
    warnings: [...doc.warnings, ...(others > 0 ? [`${others} saved resource${others === 1 ? '' : 's'} (images, styles, frames) were not imported`] : [])],
    link: url,
    fields: [...(url ? [{ label: 'Original URL', value: url }] : []), ...(saved ? [{ label: 'Saved', value: saved }] : [])],
  };
}
