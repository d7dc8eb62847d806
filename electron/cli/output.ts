/** Terminal output for the CLI: plain tables sized to the terminal, JSON, and the error line format. */
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Column that shrinks to fit the terminal. */
  flex?: boolean;
}

/** Marks that take no column of their own: combining marks and the joiners. */
const ZERO_WIDTH_RE = /[\p{Mn}\p{Me}\u200c\u200d]/u;

function width(s: string): number {
  let w = 0;
  for (const ch of s) if (!ZERO_WIDTH_RE.test(ch)) w++;
  return w;
}

function clip(s: string, max: number): string {
  if (width(s) <= max) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = ZERO_WIDTH_RE.test(ch) ? 0 : 1;
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/**
 * One-line text from a file or the user (a name, path, title, tag, message): control and format
 * characters (escape sequences, bidirectional overrides, zero-width marks) and line breaks never
 * reach the terminal. The joiners ZWNJ and ZWJ stay: they are part of how Persian, Urdu, Arabic
 * and Indic words and emoji are spelt, and move no cursor. Every command prints such strings through this, in a table cell or in a
 * `safe` line. `--json` output never passes through it and stays exact.
 */
export function lineText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]|(?![\u200c\u200d])\p{Cf}/gu, ' ');
}

/** `lineText` for a table cell or a title line: also single-spaced and trimmed. */
export function cell(s: string | null | undefined): string {
  return lineText(s).replace(/\s+/g, ' ').trim();
}

/**
 * A one-line message with every interpolated value passed through `lineText`:
 * print(safe`Imported ${title} from ${path}`). Numbers, ids and padding are unchanged by it.
 */
export function safe(parts: TemplateStringsArray, ...values: unknown[]): string {
  let out = parts[0] ?? '';
  values.forEach((v, i) => {
    out += lineText(typeof v === 'string' ? v : String(v)) + (parts[i + 1] ?? '');
  });
  return out;
}

/** The only escape sequences the CLI itself writes: bold-underline for search matches, and reset. */
export const STYLE_MATCH = '\u001b[1;4m';
export const STYLE_RESET = '\u001b[0m';
const OWN_STYLE_RE = /(\u001b\[1;4m|\u001b\[0m)/;

/**
 * Multi-line text (a report's or a note's body) made safe for a terminal: newlines and tabs stay;
 * C0 and C1 control characters (escape sequences, CSI) and bidirectional overrides are dropped.
 */
export function terminalText(s: string): string {
  return s.replace(/[\u2028\u2029]/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu, '');
}

/** The last line of defence in print/warn: terminalText, keeping only the CLI's own styles. */
function toTerminal(text: string): string {
  return text
    .split(OWN_STYLE_RE)
    .map((piece, i) => (i % 2 === 1 ? piece : terminalText(piece)))
    .join('');
}

/** The lines of a table: the header, then one per row; widths from every cell (a loop, so 250,000 rows are fine). */
export function* tableLines<T>(rows: readonly T[], columns: Column<T>[], termWidth = process.stdout.columns || 120): Generator<string> {
  const widths = columns.map((c) => width(c.header));
  for (const r of rows) {
    columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell(c.value(r))));
    });
  }
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
  yield line(columns.map((c) => c.header.toUpperCase()));
  for (const r of rows) yield line(columns.map((c) => cell(c.value(r))));
}

export function table<T>(rows: T[], columns: Column<T>[], termWidth = process.stdout.columns || 120): string {
  return [...tableLines(rows, columns, termWidth)].join('\n');
}

/**
 * Set once the reader of stdout has gone (`dossier search x | head -3` closes the pipe early):
 * the rest of the output is dropped and the command finishes as it would have, with no stack
 * trace. Any other stdout error is still thrown.
 */
let outClosed = false;
let guarded = false;

/** Installs the handler for a reader that closes stdout early (see `outClosed`); once per process. */
export function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    outClosed = true;
    process.stdout.emit('drain'); // a writer waiting for room goes on (and writes nothing more)
  });
}

function out(text: string): boolean {
  return outClosed || process.stdout.write(text);
}

/** Writes to stdout, waiting while the pipe is full. */
async function writeOut(text: string): Promise<void> {
  if (!out(text)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

/** Long output written as it is made, 64 KB at a time: never one string of all of it. */
async function writeChunks(pieces: Iterable<string>): Promise<void> {
  let out = '';
  for (const p of pieces) {
    out += p;
    if (out.length >= 1 << 16) {
      await writeOut(out);
      out = '';
    }
  }
  if (out) await writeOut(out);
}

/** `print(table(rows, columns))` for any number of rows, written as it goes. */
export function printTable<T>(rows: readonly T[], columns: Column<T>[]): Promise<void> {
  return writeChunks(
    (function* () {
      for (const l of tableLines(rows, columns)) yield `${toTerminal(l)}\n`;
    })(),
  );
}

/**
 * `printJson(items)` for a long list, written item by item: the same text (pretty, two-space
 * indent) without building it whole in memory.
 */
export function printJsonList(items: Iterable<unknown>): Promise<void> {
  return writeChunks(
    (function* () {
      let first = true;
      for (const item of items) {
        // Every line of the item one level in, as JSON.stringify(list, null, 2) has it (split on \n
        // only: a U+2028 inside a string is no line of JSON).
        yield `${first ? '[\n' : ',\n'}  ${(JSON.stringify(item, null, 2) ?? 'null').split('\n').join('\n  ')}`;
        first = false;
      }
      yield first ? '[]\n' : '\n]\n';
    })(),
  );
}

/** Exact JSON (never sanitised): pretty, or one object per line with `compact`. */
export function printJson(value: unknown, compact = false): void {
  out(`${compact ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`);
}

export function print(text = ''): void {
  out(`${toTerminal(text)}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`dossier: warning: ${cell(text)}\n`);
}

/** The error line every command ends with on failure. */
export function printError(message: string): void {
  process.stderr.write(`dossier: error: ${cell(message)}\n`);
}

export { plural } from '../api/text';
