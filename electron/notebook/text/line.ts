/** A lone UTF-16 surrogate (no valid character; UTF-8 and the file system show it as U+FFFD). */
export const LONE_SURROGATE_RE = /\p{Cs}/gu;

/** Whether s holds a lone surrogate (String.prototype.isWellFormed: Node 20 has it, TypeScript's ES2023 lib does not). */
export function hasLoneSurrogate(s: string): boolean {
  return !(s as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * One-line text for titles and names: NFC, lone surrogates as U+FFFD, control and format
 * characters as spaces, whitespace collapsed, trimmed.
 */
export function singleLine(raw: string): string {
  return raw
    .replace(LONE_SURROGATE_RE, '\ufffd')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
