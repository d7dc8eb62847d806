/**
 * EPUB books: one report per book (a book is cited as one work, and search should find a passage
 * whichever chapter it is in), with chapter marks: each chapter starts on its own heading line, and
 * `pageStarts` holds the offset of every chapter so a hit can say which chapter it is in. The
 * chapters are read in spine order within the ZIP limits; scripts and styles in them are dropped
 * by the HTML path and nothing they reference is loaded. Title, author, date and the book's
 * identifier come from the OPF package file.
 */
import path from 'node:path';
import { DossierError } from '../errors';
import type { Extracted } from './extracted';
import { MIME_BY_KIND, requireText, tidy } from './extracted';
import { inferTitle } from './infer';
import { decodeXmlEntities, docMeta, xmlField } from './office-meta';
import { readZip, zipText } from './zip';

function attr(tag: string, name: string): string | null {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`));
  return m ? decodeXmlEntities(m[2] ?? m[3] ?? '') : null;
}

export async function extractEpub(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  const parts = readZip(bytes, 'the EPUB book', (n) => /\.(x?html?|xml|opf|ncx)$/i.test(n) || n === 'mimetype');
  const container = zipText(parts, 'META-INF/container.xml');
  const opfPath = container ? attr(container.match(/<rootfile\b[^>]*>/)?.[0] ?? '', 'full-path') : null;
  const opf = opfPath ? zipText(parts, opfPath) : null;
  if (!opf || !opfPath) throw new DossierError('UNSUPPORTED_TYPE', 'not an EPUB book: META-INF/container.xml or the package file is missing');
  const base = path.posix.dirname(opfPath);
  const manifest = new Map<string, string>();
  for (const item of opf.match(/<item\b[^>]*>/g) ?? []) {
    const id = attr(item, 'id');
    const href = attr(item, 'href');
    const type = attr(item, 'media-type') ?? '';
    if (id && href && /html/.test(type)) manifest.set(id, path.posix.normalize(path.posix.join(base === '.' ? '' : base, decodeURIComponent(href))));
  }
  const spine = (opf.match(/<itemref\b[^>]*>/g) ?? []).map((t) => attr(t, 'idref')).filter((id): id is string => id !== null);
  const { extractHtml } = await import('./html');
  let text = '';
  const chapterStarts: number[] = [];
  const warnings: string[] = [];
  let n = 0;
  for (const id of spine) {
    const file = manifest.get(id);
    const html = file ? zipText(parts, file) : null;
    if (!html) continue;
    if (/<script[\s>]/i.test(html) && !warnings.length) warnings.push('the book has scripts; they were dropped');
    const ch = extractHtml(html);
    const body = tidy(ch.text);
    if (body === '') continue;
    n++;
    const heading = ch.title && !body.startsWith(ch.title) ? `${ch.title}\n\n` : '';
    if (text !== '') text += '\n\n';
    chapterStarts.push(text.length);
    text += heading + body;
  }
  requireText(text, 'the book has no text');
  const meta = docMeta(opf, { title: ['dc:title'], author: ['dc:creator'], created: ['dc:date'], modified: ['dcterms:modified'] });
  const identifier = xmlField(opf, ['dc:identifier']);
  const publisher = xmlField(opf, ['dc:publisher']);
  return {
    kind: 'epub',
    mime: MIME_BY_KIND.epub,
    text,
    title: meta.title ?? inferTitle(text, fileName),
    publishedAt: meta.publishedAt,
    author: meta.author,
    encoding: null,
    pageStarts: chapterStarts,
    warnings,
    fields: [
      ...meta.fields,
      ...(publisher ? [{ label: 'Publisher', value: publisher }] : []),
      ...(identifier ? [{ label: 'Identifier', value: identifier }] : []),
      { label: 'Chapters', value: String(n) },
    ],
  };
}
