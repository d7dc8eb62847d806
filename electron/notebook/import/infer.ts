/**
 * Metadata inference from plain text: a title (first meaningful line) and a publication date
 * (a full, certain date near the top, a byline or dateline first; see `inferDate`). Fast by design: cheap regexes find candidates and
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
  /** Length of the date's text at `index`. */
  length: number;
  iso: string;
}

const EN_MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/giu;
const RU_MONTH = /(?<![\p{L}])(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)\p{L}*/giu;
const ISO_DATE = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g;
const DOTTED_DATE = /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/g;
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/g;
const YEAR = /\b(?:19|20)\d{2}\b/;
const STRONG_CUE = /(?<!\p{L})(?:published|dated|posted|issued|released|опубликован\p{L}*|от)\s*:?\s*(?:on\s+)?$/iu;
const WEAK_CUE = /(?<!\p{L})(?:on|updated|last updated|modified|as of|date|обновлен\p{L}*)\s*:?\s*$/iu;

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
    if (iso !== null) out.push({ index: m.index, length: m[0].length, iso });
  }
  for (const m of head.matchAll(DOTTED_DATE)) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1])); // 01.12.2024 = 1 December
    if (iso !== null) out.push({ index: m.index, length: m[0].length, iso });
  }
  for (const m of head.matchAll(SLASH_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a <= 12 && b <= 12 && a !== b) continue; // 03/04/2024: month and day are uncertain
    const iso = a > 12 ? isoDate(Number(m[3]), b, a) : isoDate(Number(m[3]), a, b);
    if (iso !== null) out.push({ index: m.index, length: m[0].length, iso });
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
  // The window stays on the date's line: chrono would read "No. 12\n3 December 2024" as one date.
  const start = Math.max(0, at - WINDOW_BEFORE, head.lastIndexOf('\n', at - 1) + 1);
  const nl = head.indexOf('\n', at);
  const window = head.slice(start, Math.min(at + WINDOW_AFTER, nl < 0 ? head.length : nl));
  for (const r of parser.parse(window, REFERENCE)) {
    const covers = start + r.index <= at && at < start + r.index + r.text.length;
    if (!covers) continue;
    const s = r.start;
    if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) continue;
    const iso = isoDate(s.get('year') ?? 0, s.get('month') ?? 0, s.get('day') ?? 0);
    if (iso !== null) return { index: start + r.index, length: r.text.length, iso };
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

/** Full dates in a short piece of text, in text order (no duplicates at one place). */
function dateCandidates(head: string): DateCandidate[] {
  const out: DateCandidate[] = [];
  if (!/\d/.test(head)) return out;
  numericCandidates(head, out);
  monthCandidates(head, out);
  return out.sort((a, b) => a.index - b.index);
}

/** A news dateline: "LATAKIA, December 3, 2024 —" at the start of a line (the date of the story). */
const DATELINE = /^\p{Lu}[\p{Lu} .'’-]{1,40}(?:\([^)\n]{1,30}\))?,\s*$/u;
/**
 * A byline or source line before the date: "BBC Monitoring, ", "By Jane Doe | ", "Reuters - ",
 * "Interfax (Moscow), ": a few capitalised words (or "By …") ending in a separator.
 */
const BYLINE_PREFIX = /^(?:(?:by|from|source:?)\s+)?[\p{Lu}\p{N}][\p{L}\p{N}.&'’()/-]*(?:[ ,]+[\p{L}\p{N}.&'’()/-]+){0,6}\s*(?:[,|–—•·:]|\s-)\s*$/iu;
/** Words after which a date is the date of an event the text reports, not of the text. */
const EVENT_CUE = /(?<!\p{L})(?:since|until|till|from|between|before|after|by|to|and|began|started|ended|of)\s*$/iu;

/** How many characters of the line around a date are not the date itself, and the line's prefix. */
function lineAround(head: string, c: DateCandidate): { prefix: string; rest: number; line: number } {
  const lineStart = head.lastIndexOf('\n', c.index - 1) + 1;
  const nl = head.indexOf('\n', c.index + c.length);
  const lineEnd = nl < 0 ? head.length : nl;
  const prefix = head.slice(lineStart, c.index).trim();
  const suffix = head.slice(c.index + c.length, lineEnd).trim();
  let line = 0;
  for (const l of head.slice(0, lineStart).split('\n')) if (l.trim() !== '') line++;
  return { prefix, rest: prefix.length + suffix.length, line };
}

/**
 * How sure we are that a date is the text's own date:
 * 6 "Published:"/"Dated" and similar; 5 a byline or dateline ("BBC Monitoring, December 3, 2024",
 * "LATAKIA, December 3, 2024 —"); 4 a short line of its own among the first lines (a header);
 * 3 "Updated"; 1 "on …" in a sentence; 0 a bare date in the body; -1 an event date ("since …").
 */
function dateScore(head: string, c: DateCandidate): number {
  const before = head.slice(Math.max(0, c.index - 48), c.index);
  const { prefix, rest, line } = lineAround(head, c);
  if (STRONG_CUE.test(before.slice(-30))) return 6;
  const early = line < 12;
  if (early && prefix !== '' && prefix.length <= 80 && (DATELINE.test(prefix) || BYLINE_PREFIX.test(prefix))) return 5;
  if (early && rest <= 60 && !EVENT_CUE.test(prefix) && !/[.!?]\s*$/.test(prefix) && !/(?:\s|^)(?:on|in)$/i.test(prefix)) return 4;
  if (/(?<!\p{L})(?:updated|last updated|modified|обновлен\p{L}*)\s*:?\s*(?:on\s+)?$/iu.test(before.slice(-30))) return 3;
  if (EVENT_CUE.test(before.slice(-20))) return -1;
  if (WEAK_CUE.test(before.slice(-30))) return 1;
  return 0;
}

/** Hints beside the text: the file's name and dates from the file's own metadata. */
export interface DateHints {
  fileName?: string;
  /** A date from the document's metadata (a PDF's creation date), 'YYYY-MM-DD'. */
  metaDate?: string | null;
}

const FILE_ISO = /(?<!\d)((?:19|20)\d{2})[-_. ]?(0[1-9]|1[0-2])[-_. ]?(0[1-9]|[12]\d|3[01])(?!\d)/;

/** A date in a file name: "2024-12-03 sitrep.txt", "bbc_20241203.html", "Brief 3 Dec 2024.pdf". */
export function dateFromFileName(fileName: string): string | null {
  const name = baseName(fileName);
  const iso = FILE_ISO.exec(name);
  if (iso) {
    const d = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (d !== null) return d;
  }
  const spaced = name.replace(/[_]+/g, ' ').replace(/(?<=\p{L})-(?=\d)|(?<=\d)-(?=\p{L})/gu, ' ');
  const found = dateCandidates(spaced);
  return found[0]?.iso ?? null;
}

/**
 * The publication date of a text, as 'YYYY-MM-DD', or null when none is stated: never a guess
 * from today or the import. Only full dates (year, month and day explicit) near the top count.
 * Preference: "Published …" > a byline or dateline ("BBC Monitoring, December 3, 2024") > a header
 * line of its own > a date in the file name > "Updated …" > the document's metadata > a date in
 * the body (an event date after "since", "from", "between" … is never taken).
 */
export function inferDate(text: string, hints: DateHints = {}): string | null {
  const head = text.slice(0, DATE_SCAN_CHARS);
  let best: { iso: string; score: number; index: number } | null = null;
  const offer = (iso: string, score: number, index: number): void => {
    if (best === null || score > best.score || (score === best.score && index < best.index)) best = { iso, score, index };
  };
  for (const c of dateCandidates(head)) {
    const score = dateScore(head, c);
    if (score >= 0) offer(c.iso, score, c.index);
  }
  const fromName = hints.fileName ? dateFromFileName(hints.fileName) : null;
  if (fromName !== null) offer(fromName, 3.5, -1);
  if (hints.metaDate) offer(hints.metaDate, 2, -1);
  return (best as { iso: string } | null)?.iso ?? null;
}

/** Normalises a date string from metadata (ISO timestamp or prose) to 'YYYY-MM-DD', or null. */
export function normalizeDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  const pdf = v.match(/^D:((?:19|20)\d{2})(\d{2})(\d{2})/); // a PDF date: D:20241203101500Z
  if (pdf) return isoDate(Number(pdf[1]), Number(pdf[2]), Number(pdf[3]));
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
