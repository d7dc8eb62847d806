/**
 * Markdown reports: reads simple YAML-style front matter (title, date, author), strips it, and
 * infers the title from the first heading. The body keeps its markdown source.
 */
import { cleanAuthor, clampTitle, inferAuthor, inferDate, inferTitle, normalizeDate, stripLineNoise } from './infer';

export interface MarkdownMeta {
  /** Markdown source without front matter. */
  text: string;
  title: string;
  publishedAt: string | null;
  author: string | null;
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Parses `key: value` lines; quotes are removed, lists and nested values are ignored. */
export function parseFrontMatter(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    const m = line.match(/^([A-Za-z][\w-]*)\s*:\s*(.*)$/);
    if (!m?.[1]) continue;
    const value = (m[2] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2').trim();
    if (value !== '' && !fields.has(m[1].toLowerCase())) fields.set(m[1].toLowerCase(), value);
  }
  return fields;
}

/** Splits leading front matter from the body. */
export function splitFrontMatter(source: string): { fields: Map<string, string>; body: string } {
  const m = source.match(FRONT_MATTER);
  if (!m) return { fields: new Map(), body: source };
  return { fields: parseFrontMatter(m[1] ?? ''), body: source.slice(m[0].length) };
}

/** First ATX (`# Title`) or setext (`Title\n=====`) heading of level 1, else null. */
export function firstHeading(body: string): string | null {
  const lines = body.slice(0, 50_000).split('\n');
  let inFence = false;
  for (let i = 0; i < lines.length && i < 400; i++) {
    const line = lines[i] ?? '';
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const atx = line.match(/^\s{0,3}#\s+(.+?)\s*#*\s*$/);
    if (atx?.[1]) return stripLineNoise(atx[1]);
    const next = lines[i + 1] ?? '';
    if (line.trim() !== '' && /^\s{0,3}=+\s*$/.test(next)) return stripLineNoise(line);
  }
  return null;
}

function firstField(fields: Map<string, string>, names: readonly string[]): string | null {
  for (const name of names) {
    const v = fields.get(name);
    if (v !== undefined) return v;
  }
  return null;
}

/** Extracts title, date and author from markdown source. */
export function extractMarkdown(source: string, fileName: string): MarkdownMeta {
  const { fields, body } = splitFrontMatter(source);
  const text = body.replace(/^\s*\n/, '');
  const fmTitle = firstField(fields, ['title']);
  const heading = firstHeading(text);
  const title = fmTitle !== null ? clampTitle(fmTitle) : heading !== null && heading !== '' ? clampTitle(heading) : inferTitle(text, fileName);
  const fmDate = normalizeDate(firstField(fields, ['date', 'published', 'publishdate', 'published_at', 'pubdate']));
  const fmAuthor = cleanAuthor(firstField(fields, ['author', 'authors', 'by', 'byline']));
  return {
    text,
    title: title === '' ? inferTitle(text, fileName) : title,
    publishedAt: fmDate ?? inferDate(text, { fileName }),
    author: fmAuthor ?? inferAuthor(text),
  };
}
