/**
 * The note markup every reader of a note body agrees on: the core (tags, links, backlinks) and the
 * editor's highlighting both build their expressions from these, so a word the editor marks as a
 * tag is a tag in search and lists, and nothing else is; likewise for passage citations.
 */
import { ID_SOURCE } from './ids';

/**
 * Inline tags: `#word` at the start of a line or after a space or an opening bracket (but not a
 * markdown link's target `[text](#anchor)`), made of letters, digits, `_`, `-` and `/`. Group 1 is
 * what precedes the `#`, group 2 the tag. Callers also require a letter and skip code.
 */
export const INLINE_TAG_SOURCE = String.raw`(^|\s|(?<!\])\()#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)`;

/** A fresh global, Unicode expression for inline tags (each caller owns its `lastIndex`). */
export function inlineTagRe(): RegExp {
  return new RegExp(INLINE_TAG_SOURCE, 'gu');
}

/**
 * A passage citation, `^cite(r_…:start-end)`: group 1 is the report id, groups 2 and 3 the start
 * and end offsets into the report's text. Callers skip code and an escaped `\^cite(`.
 */
export const CITE_SOURCE = String.raw`\^cite\((${ID_SOURCE.report}):(\d+)-(\d+)\)`;

/** A fresh global expression for citations (each caller owns its `lastIndex`). */
export function citeRe(): RegExp {
  return new RegExp(CITE_SOURCE, 'g');
}
