/** Terminal output for the CLI: plain tables sized to the terminal, JSON, and the error line format. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Column that shrinks to fit the terminal. */
  flex?: boolean;
}

function width(s: string): number {
  return [...s].length;
}

function clip(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** One-line cell text: control characters and newlines never reach the terminal. */
export function cell(s: string | null | undefined): string {
  return (s ?? '').replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Multi-line text (a report's or a note's body) made safe for a terminal: newlines and tabs stay;
 * C0 and C1 control characters (escape sequences, CSI) and bidirectional overrides are dropped.
 */
export function terminalText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function table<T>(rows: T[], columns: Column<T>[], termWidth = process.stdout.columns || 120): string {
  const data = rows.map((r) => columns.map((c) => cell(c.value(r))));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...data.map((d) => width(d[i] ?? ''))));
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1);
  const flex = columns.findIndex((c) => c.flex);
  if (flex >= 0 && total > termWidth) {
    widths[flex] = Math.max(12, (widths[flex] ?? 0) - (total - termWidth));
  }
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        const clipped = clip(c, w);
        return i === cells.length - 1 ? clipped : clipped + ' '.repeat(w - width(clipped));
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...data.map(line)].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`dossier: warning: ${text}\n`);
}

export { plural } from '../api/text';
