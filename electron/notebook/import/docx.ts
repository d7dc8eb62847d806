/**
 * Word documents (.docx) with mammoth: headings, paragraphs, lists and tables become HTML, which
 * the HTML path turns into text (a table row is one line, its cells separated by " | "). The ZIP is
 * opened within limits first (zip.ts) and mammoth reads only the checked parts. Title, author and
 * dates come from docProps/core.xml.
 */
import mammoth from 'mammoth';
import { DossierError } from '../errors';
import type { Extracted } from './extracted';
import { MIME_BY_KIND, requireText, tidy } from './extracted';
import { inferAuthor, inferDate, inferTitle } from './infer';
import { docMeta } from './office-meta';
import { readZip, storedZip, zipText } from './zip';

export async function extractDocx(bytes: Uint8Array, fileName: string): Promise<Extracted> {
  // Images and embedded objects are not needed for the text: leave them packed.
  const parts = readZip(bytes, 'the Word document', (n) => !/^word\/(media|embeddings)\//.test(n));
  if (!parts.has('word/document.xml')) throw new DossierError('UNSUPPORTED_TYPE', 'not a Word document (.docx): word/document.xml is missing');
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(storedZip(parts)) }, { ignoreEmptyParagraphs: true, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) });
    html = result.value;
  } catch (err) {
    throw new DossierError('UNSUPPORTED_TYPE', `the Word document is damaged: ${(err as Error).message}`, { cause: err });
  }
  const { domToText } = await import('./html');
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  // mammoth wraps each cell's text in <p>: unwrap it so a table row stays one line.
  for (const p of Array.from(document.querySelectorAll('td > p, th > p'))) {
    const span = document.createElement('span');
    span.textContent = `${p.textContent ?? ''} `;
    p.replaceWith(span);
  }
  const text = tidy(domToText(document.body as unknown as Node));
  requireText(text, 'the Word document has no text');
  const meta = docMeta(zipText(parts, 'docProps/core.xml'), {
    title: ['dc:title'],
    author: ['dc:creator'],
    created: ['dcterms:created'],
    modified: ['dcterms:modified'],
  });
  const firstHeading = document.querySelector('h1, h2')?.textContent?.trim() || null;
  return {
    kind: 'docx',
    mime: MIME_BY_KIND.docx,
    text,
    title: meta.title ?? firstHeading ?? inferTitle(text, fileName),
    publishedAt: meta.publishedAt ?? inferDate(text),
    author: meta.author ?? inferAuthor(text),
    encoding: null,
    warnings: [],
    fields: meta.fields,
  };
}
