/** One-line text for titles and names: NFC, control and format characters as spaces, whitespace collapsed, trimmed. */
export function singleLine(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
