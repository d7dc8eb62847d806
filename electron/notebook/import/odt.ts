/**
 * OpenDocument text (.odt): content.xml read within the ZIP limits; headings and paragraphs become
 * paragraphs, table rows lines with " | " between cells. Title, author and dates from meta.xml.
 */
import { DossierError } from '../errors';
import type { Extracted } from './extracted';
import { MIME_BY_KIND, requireText, tidy } from './extracted';
import { inferDate, inferTitle } from './infer';
import { decodeXmlEntities, docMeta } from './office-meta';
import { readZip, zipText } from './zip';

/** content.xml -> text, with a small tokenizer (the elements that carry text are few). */
export function odtText(xml: string): string {
  const body = xml.slice(Math.max(0, xml.indexOf('<office:body')));
  let out = '';
  let cell = 0;
  const re = /<(\/?)([a-z]+:[a-z-]+)([^>]*?)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let skip = 0;
  while ((m = re.exec(body)) !== null) {
    const [, close, tag, attrs, selfClose, text] = m;
    if (text !== undefined) {
      // Whitespace between elements is layout of the XML, not text (ODF spells spaces as text:s).
      if (skip === 0 && text.trim() !== '') out += decodeXmlEntities(text.replace(/\s+/g, ' '));
      continue;
    }
    if (tag === 'office:annotation' || tag === 'text:tracked-changes' || tag === 'draw:image') {
      if (!selfClose) skip += close ? -1 : 1;
      continue;
    }
    if (skip > 0) continue;
    if (selfClose) {
      if (tag === 'text:tab') out += '\t';
      else if (tag === 'text:line-break') out += '\n';
      else if (tag === 'text:s') out += ' '.repeat(Math.min(100, Number(attrs?.match(/text:c="(\d+)"/)?.[1] ?? 1)));
      continue;
    }
    if (close) {
      if (tag === 'text:h' || tag === 'text:p') out += cell > 0 ? ' ' : '\n\n';
      else if (tag === 'table:table-row') out = `${out.replace(/ \| $/, '').trimEnd()}\n`;
      else if (tag === 'table:table-cell') {
        out = `${out.trimEnd()} | `;
        cell--;
      } else if (tag === 'table:table') out += '\n';
    } else if (tag === 'table:table-cell') cell++;
    else if (tag === 'text:list-item') out += '- ';
  }
  return out;
}

export async function extractOdt(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  const parts = readZip(bytes, 'the OpenDocument file', (n) => n === 'content.xml' || n === 'meta.xml' || n === 'mimetype');
  const content = zipText(parts, 'content.xml');
  if (!content) throw new DossierError('UNSUPPORTED_TYPE', 'not an OpenDocument text file: content.xml is missing');
  const text = tidy(odtText(content));
  requireText(text, 'the document has no text');
  const meta = docMeta(zipText(parts, 'meta.xml'), {
    title: ['dc:title'],
    author: ['dc:creator', 'meta:initial-creator'],
    created: ['meta:creation-date'],
    modified: ['dc:date'],
  });
  return {
    kind: 'odt',
    mime: MIME_BY_KIND.odt,
    text,
    title: meta.title ?? inferTitle(text, fileName),
    publishedAt: meta.publishedAt ?? inferDate(text),
    author: meta.author,
    encoding: null,
    warnings: [],
    fields: meta.fields,
  };
}
