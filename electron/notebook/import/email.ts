/**
 * E-mail: .eml (one message) and .mbox (many; one report each), parsed with postal-mime. A report
 * keeps the sender, recipients, date, subject and message id, the names, types and sizes of the
 * attachments, and the text (an HTML-only message goes through the HTML path; nothing in a message
 * runs or is fetched: scripts are dropped, remote images are never loaded).
 */
import PostalMime, { type Address, type Email } from 'postal-mime';
import { DossierError } from '../errors';
import type { Extracted, ExtractedField } from './extracted';
import { MIME_BY_KIND, requireText, tidy } from './extracted';
import { clampTitle, normalizeDate } from './infer';
import { limits } from './limits';

function addressList(list: Address[] | Address | undefined): string {
  const all = Array.isArray(list) ? list : list ? [list] : [];
  return all
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((m) => (m.name && m.address ? `${m.name} <${m.address}>` : (m.address ?? m.name)))
    .filter(Boolean)
    .join(', ');
}

function sizeOf(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? content.length : content.byteLength;
}

function kb(n: number): string {
  return n < 1024 ? `${n} B` : `${Math.round(n / 1024)} KB`;
}

/** An ISO date-time from a Date header, or null. */
function isoTime(date: string | undefined): string | null {
  if (!date) return null;
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace('.000Z', 'Z');
}

export async function parseEmail(bytes: Uint8Array): Promise<Email> {
  try {
    return await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50, maxHeadersSize: 1024 * 1024 });
  } catch (err) {
    throw new DossierError('UNSUPPORTED_TYPE', `the message cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

async function htmlText(html: string): Promise<string> {
  const { extractHtml } = await import('./html');
  return extractHtml(html).text;
}

export async function emailToReport(mail: Email, bytes: Uint8Array, fileName: string, index: number | null): Promise<Extracted> {
  const from = addressList(mail.from);
  const to = addressList(mail.to);
  const cc = addressList(mail.cc);
  const sent = isoTime(mail.date);
  const attachments = mail.attachments.filter((a) => a.disposition !== 'inline' || a.filename);
  const fields: ExtractedField[] = [];
  const add = (label: string, value: string | null | undefined): void => {
    if (value) fields.push({ label, value });
  };
  add('From', from);
  add('To', to);
  add('Cc', cc);
  add('Date', sent ?? mail.date);
  add('Subject', mail.subject);
  add('Message-ID', mail.messageId);
  add('Attachments', attachments.map((a) => `${a.filename ?? '(unnamed)'} (${a.mimeType}, ${kb(sizeOf(a.content))})`).join(', '));
  const warnings: string[] = [];
  let body = mail.text ?? '';
  if (body.trim() === '' && mail.html) body = await htmlText(mail.html);
  if (mail.html && /<script[\s>]/i.test(mail.html)) warnings.push('the message had scripts; they were dropped');
  const header = fields.filter((f) => f.label !== 'Message-ID').map((f) => `${f.label}: ${f.value}`).join('\n');
  const text = tidy(`${header}\n\n${body}`);
  requireText(body.trim() === '' && attachments.length === 0 ? '' : text, 'the message has no text and no attachments');
  return {
    kind: 'email',
    mime: MIME_BY_KIND.email,
    text,
    title: clampTitle(mail.subject?.trim() || `Message from ${from || 'unknown sender'}`),
    publishedAt: normalizeDate(sent) ?? normalizeDate(mail.date),
    author: from || null,
    encoding: 'UTF-8',
    warnings,
    fields,
    ...(index !== null
      ? {
          itemKey: `email:${mail.messageId ?? `${fileName}#${index}`}`,
          revision: 'original',
          original: { bytes, ext: '.eml', name: `${fileName} #${index + 1}` },
        }
      : {}),
  };
}

/** Splits an mbox into its messages (mboxrd/mboxo: "From " lines; ">From " is unescaped). */
export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const starts: number[] = [];
  const re = /(^|\n)From [^\n]*\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) starts.push(m.index + m[1]!.length);
  const out: Uint8Array[] = [];
  for (let i = 0; i < starts.length && out.length < limits.mboxMessages; i++) {
    const start = starts[i]!;
    const lineEnd = text.indexOf('\n', start) + 1;
    const end = starts[i + 1] ?? text.length;
    const msg = text.slice(lineEnd, end).replace(/^>(>*From )/gm, '$1');
    out.push(new Uint8Array(Buffer.from(msg, 'latin1')));
  }
  return out;
}

export async function extractEmailFile(bytes: Uint8Array, fileName: string): Promise<Extracted[]> {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  if (!name.toLowerCase().endsWith('.mbox')) return [await emailToReport(await parseEmail(bytes), bytes, name, null)];
  const parts = splitMbox(bytes);
  if (parts.length === 0) throw new DossierError('UNSUPPORTED_TYPE', `${name} is not an mbox file (no "From " separator lines)`);
  const out: Extracted[] = [];
  for (const [i, part] of parts.entries()) {
    try {
      out.push(await emailToReport(await parseEmail(part), part, name, i));
    } catch (err) {
      if (!(err instanceof DossierError) || err.code !== 'EMPTY') throw err;
    }
  }
  if (out.length === 0) throw new DossierError('EMPTY', `${name} has no messages with text`);
  return out;
}
