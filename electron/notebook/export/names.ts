/**
 * Safe, unique file names from any title, valid on Windows, macOS and Linux: path separators,
 * reserved punctuation (`/ \ : * ? " < > |`), control characters and lone surrogates become spaces, leading dots
 * and trailing dots/spaces are removed, Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9,
 * case-insensitive, with or without an extension) get a leading underscore, the name is cut to at
 * most 100 UTF-8 bytes on a character (grapheme) boundary so an emoji is never split, an empty
 * result becomes `untitled`, and a name already taken (case-insensitively) gets ` (2)`, ` (3)`….
 */

export const MAX_NAME_BYTES = 100;
const RESERVED_RE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts `s` to at most `max` UTF-8 bytes without splitting a grapheme (or a code point). */
export function cutBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const b = bytes(segment);
    if (used + b > max) break;
    out += segment;
    used += b;
  }
  return out;
}

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}

/** A safe base name (no extension) for `title`, within `max` bytes. */
export function safeBaseName(title: string, max = MAX_NAME_BYTES): string {
  // \p{Cs}: a lone surrogate, which the file system would turn into U+FFFD (two titles, one name).
  let s = title.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Cs}/\\:*?"<>|]/gu, ' ');
  s = tidy(s);
  s = tidy(cutBytes(s, max));
  if (!s) s = 'untitled';
  if (RESERVED_RE.test(s)) s = cutBytes(`_${s}`, max);
  return s;
}

/** Hands out unique file names (`<base>.md`) within one folder, case-insensitively. */
export class NameAllocator {
  private readonly taken = new Set<string>();

  take(title: string, ext = '.md'): string {
    const max = MAX_NAME_BYTES - bytes(ext);
    const base = safeBaseName(title, max);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = `${n === 1 ? base : tidy(cutBytes(base, max - bytes(suffix))) || 'untitled'}${suffix}${ext}`;
      const key = name.normalize('NFC').toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return name;
      }
    }
  }
}
