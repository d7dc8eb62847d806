/**
 * The letter folding every comparison of the notebook makes: search terms (electron/notebook/search/
 * normalize.ts), titles, entity names and aliases (electron/notebook/text/fold.ts), the
 * renderer's palette filter, and the lists' filter boxes (`filterWords`, `holdsWords`: the core's
 * paged report list and the renderer's lists of notes and entities). Here, in the contract,
 * because both the core and the renderer use it.
 */

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
};
const SPECIAL_RE = /[ßẞæœøłđðıþħŧ]/g;
/**
 * Latin letters with a caron or circumflex that romanisations use for one sound written with two
 * letters elsewhere (Čeljabinsk/Chelyabinsk, Šostka/Shostka, ISO 9 ŝ for щ): spelt out before the
 * marks are dropped, so the folded word keeps the sound.
 */
const DIGRAPH: Record<string, string> = { č: 'ch', š: 'sh', ž: 'zh', ĉ: 'ch', ŝ: 'sh', ẑ: 'zh', ǯ: 'dzh' };
const DIGRAPH_RE = /[čšžĉŝẑǯ]/g;
const MARKS_RE = /\p{M}/gu;
const CYRILLIC_RE = /[\u0400-\u04ff]/;
/** Arabic tatweel and harakat are marks or fillers that carry no letter. */
const ARABIC_FILLER_RE = /\u0640|[\u064b-\u065f]|\u0670/g;

/**
 * Folds letters: Unicode compatibility forms, lower case, carons and
 * circumflexes spelt out as digraphs (č -> ch), other diacritics dropped (but й/ў kept), special
 * letters spelt out (ß -> ss), Arabic tatweel and harakat dropped. Spaces and punctuation stay;
 * `foldWord` drops them for a search term.
 */
export function foldLetters(text: string): string {
  let s = text.normalize('NFKC').toLowerCase().replace(DIGRAPH_RE, (c) => DIGRAPH[c] ?? c).normalize('NFD');
  if (CYRILLIC_RE.test(s)) {
    // keep the breve of й/ў (a different letter), drop other marks (ё -> е as Russian often writes it)
    s = s.replace(/([иу])\u0306/g, (_m, base: string) => (base === 'и' ? 'й' : 'ў'));
  }
  // After the marks are gone, so that "ǣ" (æ + macron) folds like "æ".
  return s.replace(MARKS_RE, '').replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c).replace(ARABIC_FILLER_RE, '');
}

/** The words of a list's filter box, folded: a list keeps the records that hold every one (`holdsWords`). */
export function filterWords(text: string): string[] {
  return foldLetters(text).split(/\s+/).filter(Boolean);
}

/** The fields a list's filter looks in (a title, tags, aliases), folded into one string for `holdsWords`. */
export function filterHaystack(fields: readonly string[]): string {
  return fields.map(foldLetters).join('\n');
}

/** Whether every filter word is inside the haystack (inside one field: the fields are joined by newlines, which words never hold). */
export function holdsWords(haystack: string, words: readonly string[]): boolean {
  return words.every((w) => haystack.includes(w));
}
