/** Title, author and dates from the XML metadata of office documents and e-books (Dublin Core). */
import { cleanAuthor, clampTitle, normalizeDate } from './infer';

export function decodeXmlEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => safeChar(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => safeChar(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeChar(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

/** The text of the first element with one of these (prefixed) names, e.g. 'dc:title'. */
export function xmlField(xml: string | null, names: string[]): string | null {
  if (!xml) return null;
  for (const n of names) {
    const m = xml.match(new RegExp(`<${n.replace(':', '\\:')}(?:\\s[^>]*)?>([\\s\\S]*?)</${n.replace(':', '\\:')}>`));
    const v = m?.[1] ? decodeXmlEntities(m[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() : '';
    if (v) return v;
  }
  return null;
}

export interface DocMeta {
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  fields: Array<{ label: string; value: string }>;
}

export function docMeta(xml: string | null, names: { title: string[]; author: string[]; created: string[]; modified: string[] }): DocMeta {
  const title = xmlField(xml, names.title);
  const author = cleanAuthor(xmlField(xml, names.author));
  const created = xmlField(xml, names.created);
  const modified = xmlField(xml, names.modified);
  const fields = [
    ...(author ? [{ label: 'Author', value: author }] : []),
    ...(created ? [{ label: 'Created', value: created }] : []),
    ...(modified ? [{ label: 'Modified', value: modified }] : []),
  ];
  return { title: title ? clampTitle(title) : null, author, publishedAt: normalizeDate(created) ?? normalizeDate(modified), fields };
}
