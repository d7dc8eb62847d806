/**
 * Text analysis for search: folds case, Unicode compatibility forms, diacritics, apostrophes and
 * punctuation, splits text into terms with offsets into the original, strips Arabic article
 * prefixes ("al-Assad" -> "assad") and indexes hyphenated words joined as well as split.
 */
import { foldLetters } from '../../api/fold';

/** One analysed token. `pos` is the word position; alternates share the position of their word. */
export interface AnalyzedToken {
  term: string;
  start: number;
  end: number;
  pos: number;
  /** true for extra index-only forms (joined hyphenated words, stripped articles) */
  alt: boolean;
}

/** Apostrophes, and the primes and quotes romanisation systems write for ь and ъ (Marʹya, Pod”yachev). */
const APOSTROPHES_RE = /['\u2019\u02bc`\u02bb\u2018\u02b9\u02ba\u201d\u2033\u00b7]/g;
const ASCII_RE = /^[\x20-\x7e]*$/;
const NON_WORD_RE = /[^\p{L}\p{N}]/gu;

/** Latin-script article prefixes written with a hyphen before Arabic names. */
const ARTICLES = new Set([
  'al', 'el', 'ul', 'ad', 'ed', 'as', 'es', 'az', 'ez', 'ash', 'esh', 'at', 'ar', 'an', 'ur', 'adh',
]);

/** Folds one word (no spaces) to its normalized form. */
export function foldWord(word: string): string {
  if (ASCII_RE.test(word)) {
    const lower = word.toLowerCase();
    return lower.indexOf("'") >= 0 || lower.indexOf('`') >= 0 ? lower.replace(APOSTROPHES_RE, '') : lower;
  }
  // NFKC can bring in characters that are not word characters ("½" -> "1⁄2", "⒈" -> "1."); drop
  // them so that a folded word folds to itself again (normalization stays idempotent).
  return foldLetters(word).replace(APOSTROPHES_RE, '').replace(NON_WORD_RE, '');
}

// A word part is letters/digits/marks with inner apostrophes; a group joins parts with hyphens.
const PART = "[\\p{L}\\p{N}\\p{M}]+(?:['’ʼ`ʻ‘”″·][\\p{L}\\p{N}\\p{M}]+)*";
const GROUP_RE = new RegExp(`${PART}(?:[-‐‑]${PART})*`, 'gu');
const PART_RE = new RegExp(PART, 'gu');
const POSSESSIVE_RE = /['’ʼ‘]s$/i;

/**
 * Longest term kept (UTF-16 units); a longer "word" (a 5 MB run of letters) is cut to this. Without
 * the cut, per-term work such as the variant key's regexes overflows the stack on huge words.
 */
export const MAX_TERM_LENGTH = 100;

function cleanPart(raw: string): string {
  const noPossessive = raw.length > 2 && POSSESSIVE_RE.test(raw) ? raw.slice(0, -2) : raw;
  let term = foldWord(noPossessive.length > 4 * MAX_TERM_LENGTH ? noPossessive.slice(0, 4 * MAX_TERM_LENGTH) : noPossessive);
  // Arabic-script definite article written attached: الأسد -> أسد
  // (repeated, so that normalizing twice gives the same terms as once)
  while (term.length >= 4 && term.startsWith('ال')) term = term.slice(2);
  if (term.length > MAX_TERM_LENGTH) {
    const cut = /[\ud800-\udbff]/.test(term.charAt(MAX_TERM_LENGTH - 1)) ? MAX_TERM_LENGTH - 1 : MAX_TERM_LENGTH;
    term = term.slice(0, cut);
  }
  return term;
}

/**
 * Analyses text into tokens. In 'index' mode hyphenated words also yield the joined form and a
 * stripped article keeps its own position; in 'query' mode articles are dropped and no joined
 * forms are produced, so "al-Assad" and "Assad" query the same term.
 */
export function analyze(text: string, mode: 'index' | 'query' | 'primary'): AnalyzedToken[] {
  const out: AnalyzedToken[] = [];
  let pos = 0;
  GROUP_RE.lastIndex = 0;
  for (let g = GROUP_RE.exec(text); g !== null; g = GROUP_RE.exec(text)) {
    const group = g[0];
    const base = g.index;
    if (group.indexOf('-') < 0 && group.indexOf('‐') < 0 && group.indexOf('‑') < 0) {
      const term = cleanPart(group);
      if (term) out.push({ term, start: base, end: base + group.length, pos: pos++, alt: false });
      continue;
    }
    const parts: Array<{ term: string; start: number; end: number }> = [];
    PART_RE.lastIndex = 0;
    for (let p = PART_RE.exec(group); p !== null; p = PART_RE.exec(group)) {
      const term = cleanPart(p[0]);
      if (term) parts.push({ term, start: base + p.index, end: base + p.index + p[0].length });
    }
    if (parts.length === 0) continue;
    const first = parts[0];
    const hasArticle = parts.length >= 2 && first !== undefined && ARTICLES.has(first.term);
    if (mode === 'index') {
      const firstPos = pos;
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if (p) out.push({ term: p.term, start: p.start, end: p.end, pos: pos++, alt: false });
      }
      const joined = parts.map((p) => p.term).join('');
      const joinPos = hasArticle ? firstPos + 1 : firstPos;
      out.push({ term: joined, start: base, end: base + group.length, pos: joinPos, alt: true });
    } else {
      for (let i = hasArticle ? 1 : 0; i < parts.length; i++) {
        const p = parts[i];
        if (p) out.push({ term: p.term, start: p.start, end: p.end, pos: pos++, alt: false });
      }
    }
  }
  return out;
}

const SIMPLE_WORD_RE = /^[A-Za-z0-9]+$/;

/**
 * Calls fn for each index term of text (as analyze(text, 'index') would produce), without
 * allocating token objects for plain ASCII words: the fast path for highlighting.
 */
export function scanTerms(text: string, fn: (term: string, start: number, end: number) => void): void {
  GROUP_RE.lastIndex = 0;
  for (let g = GROUP_RE.exec(text); g !== null; g = GROUP_RE.exec(text)) {
    const group = g[0];
    if (SIMPLE_WORD_RE.test(group)) {
      fn(group.toLowerCase(), g.index, g.index + group.length);
      continue;
    }
    const base = g.index;
    const last = GROUP_RE.lastIndex;
    for (const t of analyze(group, 'index')) fn(t.term, base + t.start, base + t.end);
    GROUP_RE.lastIndex = last;
  }
}

/** Normalized terms with offsets into the original text (articles dropped, no joined forms). */
export function tokenize(text: string): Array<{ term: string; start: number; end: number }> {
  return analyze(text, 'primary').map((t) => ({ term: t.term, start: t.start, end: t.end }));
}

/** Normalized text: the terms of `text` joined by single spaces ("Al-Assad’s" -> "assad"). */
export function normalize(text: string): string {
  return analyze(text, 'primary')
    .map((t) => t.term)
    .join(' ');
}
