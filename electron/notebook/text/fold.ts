/**
 * Text folding for links and entity names: `fold` compares titles, names and aliases case- and
 * diacritic-insensitively with the search's own letter rules (electron/api/fold.ts `foldLetters`,
 * the one owner), keeping punctuation and word breaks. Word-level matching (entity scan) uses the
 * search module's `tokenize` and `translitKey` directly (see entities/scan.ts), re-exported here so
 * notes code has one import.
 */
import { foldLetters } from '../../api/fold';

export { tokenize, translitKey as variantKey } from '../search';

/**
 * Case- and diacritic-insensitive form of a title or name: the search's letter folding, single
 * spaces, trimmed; a lone surrogate folds to U+FFFD, as titles store it, so `[[A\ud800]]` finds
 * "A\ufffd".
 */
export function fold(text: string): string {
  return foldLetters(text.replace(/\p{Cs}/gu, '\ufffd'))
    .replace(/\s+/g, ' ')
    .trim();
}
