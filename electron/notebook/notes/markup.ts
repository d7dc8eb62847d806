/**
 * The markup Dossier reads inside note bodies.
 *
 * Links: `[[target]]` or `[[target|label]]`. A target is a record id (`r_…`, `n_…`, `e_…`) or a
 * note title, entity name or alias, or report title (compared case- and diacritic-insensitively).
 * A target cannot contain `[`, `]`, `|` or a line break, so `[[a [b] c]]` is not a link while
 * `[[[[Title]]]]` links "Title". `\[[` is an escaped, literal `[[`. Links inside code spans
 * (`` `…` ``) and fenced code blocks (``` or ~~~) are text, not links.
 *
 * Quote citations: a quoted passage ends with a line
 *     > — [[r_abc|Report title]] ^cite(r_abc:120-245)
 * where `^cite(REPORT_ID:START-END)` gives the passage's character offsets in the report's text
 * (start inclusive, end exclusive). The wiki link makes the quote a link to the report (so the
 * report shows the note as a backlink); the `^cite(…)` marker is plain text that survives
 * re-rendering and markdown export unchanged and is parsed back into `{reportId, start, end}`.
 */
import { CITE_SOURCE, inlineTagRe } from '../../api/markup';
import { tagKey } from '../../api/tags';

export interface ParsedLink {
  /** The target as written, trimmed. */
  target: string;
  label: string | null;
  /** Offsets of the whole `[[…]]` in the body. */
  start: number;
  end: number;
}

export interface Citation {
  reportId: string;
  start: number;
  end: number;
  /** Offset of the `^cite(…)` marker in the body. */
  at: number;
}

const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})/;

/** Ranges [start, end) of fenced code blocks and code spans. */
export function codeRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const prose: Array<[number, number]> = [];
  let pos = 0;
  let fence: { ch: string; len: number; start: number } | null = null;
  let proseStart = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    if (fence) {
      const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (m?.[1] && m[1][0] === fence.ch && m[1].length >= fence.len) {
        ranges.push([fence.start, lineEnd]);
        fence = null;
        proseStart = lineEnd;
      }
    } else {
      const m = FENCE_OPEN_RE.exec(line);
      if (m?.[1] && !(m[1][0] === '`' && line.slice(m[0].length).includes('`'))) {
        prose.push([proseStart, pos]);
        fence = { ch: m[1][0] ?? '`', len: m[1].length, start: pos };
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (fence) ranges.push([fence.start, text.length]);
  else prose.push([proseStart, text.length]);
  for (const [s, e] of prose) {
    const seg = text.slice(s, e);
    const runs = /`+/g;
    for (let m = runs.exec(seg); m !== null; m = runs.exec(seg)) {
      const n = m[0].length;
      const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
      close.lastIndex = m.index + n;
      const c = close.exec(seg);
      if (!c) continue;
      ranges.push([s + m.index, s + c.index + n]);
      runs.lastIndex = c.index + n;
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** The text with code blanked out (same length, so offsets stay valid). */
export function maskCode(text: string): string {
  if (!text.includes('`') && !text.includes('~~~')) return text;
  const ranges = codeRanges(text);
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\n]/g, ' ');
    at = e;
  }
  return out + text.slice(at);
}

const LINK_RE = /(\\?)\[\[([^[\]\n|]+?)(?:\|([^[\]\n]*))?\]\]/g;

export function parseLinks(body: string): ParsedLink[] {
  if (!body.includes('[[')) return [];
  const masked = maskCode(body);
  const out: ParsedLink[] = [];
  LINK_RE.lastIndex = 0;
  for (let m = LINK_RE.exec(masked); m !== null; m = LINK_RE.exec(masked)) {
    if (m[1]) continue;
    const target = (m[2] ?? '').trim();
    if (!target) continue;
    const label = m[3] === undefined ? null : m[3].trim() || null;
    out.push({ target, label, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Inline tags: `#word` at the start of a line or after a space or an opening bracket, outside code,
 * made of letters, digits, `_`, `-` and `/`, with at least one letter (`#12` is a number, `# Title`
 * a heading, `page#anchor` neither, and a markdown link's target `[text](#anchor)` is no tag).
 * Returned in order of first use, each once, without the `#`.
 */
const INLINE_TAG_RE = inlineTagRe();

export function parseInlineTags(body: string): string[] {
  if (!body.includes('#')) return [];
  const masked = maskCode(body);
  const out: string[] = [];
  const seen = new Set<string>();
  INLINE_TAG_RE.lastIndex = 0;
  for (let m = INLINE_TAG_RE.exec(masked); m !== null; m = INLINE_TAG_RE.exec(masked)) {
    const tag = (m[2] ?? '').replace(/[/-]+$/, '');
    if (!/\p{L}/u.test(tag) || tag.length > 100) continue;
    const key = tagKey(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** A citation (electron/api/markup.ts); an escaped `\^cite(` (group 1) is text, not a citation. */
const CITE_RE = new RegExp(String.raw`(\\?)${CITE_SOURCE}`, 'g');

export function parseCitations(body: string): Citation[] {
  if (!body.includes('^cite(')) return [];
  const masked = maskCode(body);
  const out: Citation[] = [];
  CITE_RE.lastIndex = 0;
  for (let m = CITE_RE.exec(masked); m !== null; m = CITE_RE.exec(masked)) {
    if (m[1]) continue;
    out.push({ reportId: m[2] ?? '', start: Number(m[3]), end: Number(m[4]), at: m.index });
  }
  return out;
}

/** A label or title made safe to sit inside `[[…|…]]`. */
export function linkText(s: string): string {
  return s.replace(/[[\]|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The blockquote for a report passage, ending with its citation line. */
export function formatQuote(passage: string, reportId: string, reportTitle: string, start: number, end: number): string {
  const lines = passage
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((l) => {
      const safe = l.replace(/\[\[/g, '[\\[').replace(/\^cite\(/g, '\\^cite(').trimEnd();
      return safe ? `> ${safe}` : '>';
    });
  const label = linkText(reportTitle) || reportId;
  return `${lines.join('\n')}\n> — [[${reportId}|${label}]] ^cite(${reportId}:${start}-${end})`;
}

/** Rewrites links: `fn` returns a new target for a link, or null to leave it as it is. Labels are kept. */
export function rewriteLinks(body: string, fn: (link: ParsedLink) => string | null): string {
  const links = parseLinks(body);
  let out = '';
  let at = 0;
  let changed = false;
  for (const l of links) {
    const next = fn(l);
    if (next === null) continue;
    changed = true;
    out += body.slice(at, l.start) + (l.label === null ? `[[${linkText(next)}]]` : `[[${linkText(next)}|${l.label}]]`);
    at = l.end;
  }
  return changed ? out + body.slice(at) : body;
}
