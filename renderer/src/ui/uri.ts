/**
 * URI component encoding that never throws. `encodeURIComponent` throws on a lone surrogate and
 * `decodeURIComponent` on a malformed escape (`%E0%A4%A`); note bodies and hash routes may hold
 * both, and one throw in a render unmounts the whole view.
 *
 * - `encodeComponent` writes a lone surrogate as `%uD800` (the old `escape()` form), so the text
 *   round-trips exactly.
 * - `decodeComponent` decodes every well-formed `%XX` UTF-8 sequence and `%uXXXX`, and keeps any
 *   malformed escape as it was written.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function encodeComponent(s: string): string {
  let out = '';
  let at = 0;
  LONE_SURROGATE.lastIndex = 0;
  for (let m = LONE_SURROGATE.exec(s); m !== null; m = LONE_SURROGATE.exec(s)) {
    out += encodeURIComponent(s.slice(at, m.index)) + `%u${m[0].charCodeAt(0).toString(16).toUpperCase()}`;
    at = m.index + 1;
  }
  return out + encodeURIComponent(s.slice(at));
}

/** The length of the UTF-8 sequence a lead byte starts (0: not a lead byte). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Decodes a run of `%XX` escapes, keeping the escapes of bytes that are not valid UTF-8. */
function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    const escapes = run.match(/%[0-9a-f]{2}/gi) ?? [];
    let out = '';
    for (let i = 0; i < escapes.length; ) {
      const len = sequenceLength(parseInt((escapes[i] ?? '').slice(1), 16));
      const seq = escapes.slice(i, i + Math.max(len, 1)).join('');
      let decoded: string | null = null;
      if (len > 0 && i + len <= escapes.length) {
        try {
          decoded = decodeURIComponent(seq);
        } catch {
          decoded = null;
        }
      }
      if (decoded === null) {
        out += escapes[i];
        i += 1;
      } else {
        out += decoded;
        i += len;
      }
    }
    return out;
  }
}

export function decodeComponent(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%u([0-9a-f]{4})|(?:%[0-9a-f]{2})+/gi, (m: string, u: string | undefined) => (u ? String.fromCharCode(parseInt(u, 16)) : decodeRun(m)));
}
