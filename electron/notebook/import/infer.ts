/**
 * Metadata inference from plain text: a title (first meaningful line) and a publication date
 * (a full, certain date near the top). Fast by design: cheap regexes find candidates and
 * chrono-node only parses short windows around them.
 */
import * as chronoEn from 'chrono-node/en';
import * as chronoRu from 'chrono-node/ru';

export const MAX_TITLE_LENGTH = 300;
const DATE_SCAN_CHARS = 1500;
const MAX_DATE_CANDIDATES = 8;
const WINDOW_BEFORE = 24;
const WINDOW_AFTER = 32;
/** Fixed reference so results never depend on today's date (only certain dates are accepted). */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** The file name without folders or extension, e.g. 'syria-report' for '/x/syria-report.txt'. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return (dot > 0 ? last.slice(0, dot) : last).trim();
}

/** Cuts text to `max` characters at a word boundary, adding an ellipsis when it cut. */
export function clampTitle(title: string, max = MAX_TITLE_LENGTH): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const slice = clean.slice(0, max - 1);
  const space = slice.lastIndexOf(' ');
  const cut = space >= max / 2 ? slice.slice(0, space) : slice;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/** Removes markdown markers and decorative punctuation from one line. */
export function stripLineNoise(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images -> alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links -> label
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s*|[-*+]\s+(?!\s)|\d{1,3}[.)]\s+)+/u, '') // heading, quote, list
    .replace(/\s+#+\s*$/u, '') // closing hashes of an ATX heading
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|\s)[*_](\S)/g, '$1$2')
    .replace(/(\S)[*_](?=\s|$|[.,;:!?])/g, '$1')
    .replace(/^[\s\-–—=_*#~.:|•·]+/u, '')
    .replace(/[\s\-–—=_*#~|•·]+$/u, '')
    .trim();
}

function hasLetters(text: string, min: number): boolean {
  const m = text.match(/\p{L}/gu);
  return m !== null && m.length >= min;
}

/** A long first line is usually a paragraph: prefer its first sentence when that is short. */
function firstSentence(line: string): string {
  if (line.length <= 160) return line;
  const m = line.match(/^(.{20,200}?[.!?])\s+\p{Lu}/u);
  return m?.[1] ?? line;
}

/** Title from the first meaningful line of text; falls back to the file name. Never empty. */
export function inferTitle(text: string, fileName: string): string {
  for (const raw of text.slice(0, 20_000).split('\n')) {
    const line = stripLineNoise(raw);
    if (hasLetters(line, 2)) return clampTitle(firstSentence(line));
  }
  return fallbackTitle(fileName);
}

/** The file name without extension, or 'Untitled' if even that is empty. */
export function fallbackTitle(fileName: string): string {
  const name = clampTitle(baseName(fileName));
  return name === '' ? 'Untitled' : name;
}

// ---------------------------------------------------------------- dates

interface DateCandidate {
  index: number;
  iso: string;
}

const EN_MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/giu;
const RU_MONTH = /(?<![\p{L}])(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)\p{L}*/giu;
const ISO_DATE = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g;
const DOTTED_DATE = /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/g;
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/g;
const YEAR = /\b(?:19|20)\d{2}\b/;
const STRONG_CUE = /(?<!\p{L})(?:published|dated|posted|issued|опубликован\p{L}*|от)\s*:?\s*(?:on\s+)?$/iu;
const WEAK_CUE = /(?<!\p{L})(?:on|updated|as of|date|обновлен\p{L}*)\s*:?\s*$/iu;

/** 'YYYY-MM-DD' if the parts name a real calendar day, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function numericCandidates(head: string, out: DateCandidate[]): void {
  for (const m of head.matchAll(ISO_DATE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso !== null) out.push({ index: m.index, iso });
  }
  for (const m of head.matchAll(DOTTED_DATE)) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1])); // 01.12.2024 = 1 December
    if (iso !== null) out.push({ index: m.index, iso });
  }
  for (const m of head.matchAll(SLASH_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a <= 12 && b <= 12 && a !== b) continue; // 03/04/2024: month and day are uncertain
    const iso = a > 12 ? isoDate(Number(m[3]), b, a) : isoDate(Number(m[3]), a, b);
    if (iso !== null) out.push({ index: m.index, iso });
  }
}

interface ChronoLike {
  parse(text: string, ref?: Date): Array<{
    index: number;
    text: string;
    start: { isCertain(c: 'year' | 'month' | 'day'): boolean; get(c: 'year' | 'month' | 'day'): number | null };
  }>;
}

/** Runs chrono on a short window around a month name; keeps only fully certain dates. */
function chronoCandidate(head: string, at: number, parser: ChronoLike): DateCandidate | null {
  const start = Math.max(0, at - WINDOW_BEFORE);
  const window = head.slice(start, at + WINDOW_AFTER);
  for (const r of parser.parse(window, REFERENCE)) {
    const covers = start + r.index <= at && at < start + r.index + r.text.length;
    if (!covers) continue;
    const s = r.start;
    if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) continue;
    const iso = isoDate(s.get('year') ?? 0, s.get('month') ?? 0, s.get('day') ?? 0);
    if (iso !== null) return { index: start + r.index, iso };
  }
  return null;
}

function monthCandidates(head: string, out: DateCandidate[]): void {
  let tried = 0;
  const scan = (re: RegExp, parser: ChronoLike): void => {
    for (const m of head.matchAll(re)) {
      if (tried >= MAX_DATE_CANDIDATES) return;
      // a full date needs a year close by; skipping the rest keeps chrono's work bounded
      if (!YEAR.test(head.slice(Math.max(0, m.index - WINDOW_BEFORE), m.index + WINDOW_AFTER))) continue;
      tried++;
      const found = chronoCandidate(head, m.index, parser);
      if (found !== null) out.push(found);
    }
  };
  scan(EN_MONTH, chronoEn.strict);
  scan(RU_MONTH, chronoRu.strict);
}

/** A news dateline: "LATAKIA, December 3, 2024 —" at the start of a line (the date of the story). */
const DATELINE = /(?:^|\n)[ \t]*\p{Lu}[\p{Lu} .'’-]{1,40}(?:\([^)\n]{1,30}\))?,[ \t]*$/u;

function cueScore(head: string, index: number): number {
  const before = head.slice(Math.max(0, index - 48), index);
  if (DATELINE.test(before)) return 3;
  if (STRONG_CUE.test(before.slice(-30))) return 2;
  if (WEAK_CUE.test(before.slice(-30))) return 1;
  return 0;
}

/**
 * The publication date stated near the top of `text`, as 'YYYY-MM-DD', or null when no full
 * date (year, month and day all explicit) is found. A date right after "published", "dated",
 * "on" and similar words wins over an earlier bare date.
 */
export function inferDate(text: string): string | null {
  const head = text.slice(0, DATE_SCAN_CHARS);
  if (!/\d/.test(head)) return null;
  const candidates: DateCandidate[] = [];
  numericCandidates(head, candidates);
  monthCandidates(head, candidates);
  let best: DateCandidate | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    const score = cueScore(head, c.index);
    if (score > bestScore || (score === bestScore && best !== null && c.index < best.index)) {
      best = c;
      bestScore = score;
    }
  }
  return best?.iso ?? null;
}

/** Normalises a date string from metadata (ISO timestamp or prose) to 'YYYY-MM-DD', or null. */
export function normalizeDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  const iso = v.match(/^((?:19|20)\d{2})-(\d{2})-(\d{2})(?:$|[T\s])/);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return v.length > 0 && v.length <= 200 ? inferDate(v) : null;
}

const BYLINE = /^\s*(?:[Bb]y|[Aa]uthor:|[Аа]втор:?)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s+and\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})?)\s*(?:[,|]|$)/u;

/** "By Jane Doe" (or "Author: Jane Doe") on one of the first lines, else null. */
export function inferAuthor(text: string): string | null {
  const lines = text.slice(0, 2000).split('\n').slice(0, 12);
  for (const line of lines) {
    const m = stripLineNoise(line).match(BYLINE);
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

/** Cleans an author string from metadata: strips "By", rejects URLs and empty values. */
export function cleanAuthor(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.replace(/\s+/g, ' ').replace(/^by\s+/i, '').trim();
  if (v === '' || /^https?:\/\//i.test(v) || v.length > 200) return null;
  return v;
}
