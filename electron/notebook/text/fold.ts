/**
 * Text folding for links and entity names: `fold` compares titles, names and aliases case- and
 * diacritic-insensitively. One small module so that it can later be swapped for the search
 * normalizer. Word-level matching (entity scan) uses the search module's `tokenize` and
 * `translitKey` directly (see entities/scan.ts), re-exported here so notes code has one import.
 */
export { tokenize, translitKey as variantKey } from '../search';

const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', ı: 'i', þ: 'th', ħ: 'h' };
const SPECIAL_RE = /[ßæœøłđðıþħ]/g;
const MARKS_RE = /\p{M}/gu;

/**
 * Case- and diacritic-insensitive form of a title or name: NFKD, no marks, lower case, single
 * spaces; a lone surrogate folds to U+FFFD, as titles store it, so `[[A\ud800]]` finds "A\ufffd".
 */
export function fold(text: string): string {
  return text
    .replace(/\p{Cs}/gu, '\ufffd')
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
