/** The CLI's one sanitising rule: strings from files or the user never drive the terminal; --json stays exact. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cell, print, printError, printJson, printJsonList, printTable, safe, STYLE_MATCH, STYLE_RESET, table, warn } from '../../../electron/cli/output';

const HOSTILE = 'evil\u001b]0;owned\u0007\u001b[2J\u009b31m\r\nnext\u202Eoverride\u2066iso\u2028sep\ud800';
// C0/C1 controls, bidi overrides and isolates, line and paragraph separators, lone surrogates.
const DANGEROUS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\p{Cs}/u;

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('terminal output', () => {
  it('a one-line message keeps its padding and numbers, and loses every control from a value', () => {
    print(safe`  imported   r_1  ${HOSTILE}  (${'dir/\u001b[31mred.txt'})  ${42}`);
    const line = out.join('');
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(DANGEROUS);
    expect(line.split('\n')).toHaveLength(2); // one line, whatever the value held
    expect(line).toMatch(/^ {2}imported {3}r_1 {2}evil/);
    expect(line).toContain('next override iso sep');
    expect(line).toContain('(dir/ [31mred.txt)  42');
  });

  it('keeps the joiners that spell Persian words and emoji, and counts them as no width', () => {
    const persian = 'می\u200cخواهم'; // "I want": the ZWNJ keeps the prefix apart without a space
    const family = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}';
    expect(cell(`${persian} ${family}`)).toBe(`${persian} ${family}`);
    const t = table([{ a: persian, b: 'x' }, { a: 'abcdefg', b: 'y' }], [{ header: 'name', value: (r) => r.a }, { header: 'b', value: (r) => r.b }]);
    const [, row1, row2] = t.split('\n');
    // Both rows put the second column at the same place on screen.
    expect(row1?.indexOf('x')).toBe((row2?.indexOf('y') ?? 0) + 1);
    expect(cell('a\u200bb\u2060c')).toBe('a b c'); // other zero-width format characters still go
  });

  it('table cells, warnings and errors are sanitised too', () => {
    print(table([{ a: HOSTILE, b: 'x' }], [{ header: 'title', value: (r) => r.a, flex: true }, { header: 'b', value: (r) => r.b }]));
    warn(`file ${HOSTILE}`);
    printError(`cannot read ${HOSTILE}`);
    expect(out[0]?.split('\n')).toHaveLength(3); // header, one row, the final newline
    for (const s of [...out, ...err]) for (const l of s.split('\n')) expect(l).not.toMatch(DANGEROUS);
    expect(err[0]).toMatch(/^dossier: warning: file evil/);
    expect(err[1]).toMatch(/^dossier: error: cannot read evil/);
    expect(cell(HOSTILE)).not.toMatch(DANGEROUS);
  });

  it('print drops escape sequences even in text not passed through safe, but keeps its own match style', () => {
    print(`body\nline two \u001b[2J ${STYLE_MATCH}word${STYLE_RESET}`);
    expect(out[0]).toBe(`body\nline two [2J ${STYLE_MATCH}word${STYLE_RESET}\n`);
  });

  it('--json stays exact', () => {
    printJson({ title: HOSTILE });
    expect(JSON.parse(out[0] ?? '')).toEqual({ title: HOSTILE });
    printJson({ title: HOSTILE }, true);
    expect(out[1]).toBe(`${JSON.stringify({ title: HOSTILE })}\n`);
  });

  it('a long list is written in pieces, and reads back as the same JSON text as printJson', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ id: `r_${i}`, title: i === 7 ? HOSTILE : `Post ${i}`, tags: i % 2 ? ['a'] : [], nested: { n: i } }));
    await printJsonList(items);
    expect(out.length).toBeGreaterThan(3);
    const streamed = out.join('');
    out.length = 0;
    printJson(items);
    expect(streamed).toBe(out.join(''));
    out.length = 0;
    await printJsonList([]);
    expect(out.join('')).toBe('[]\n');
  });

  it('a table of 200,000 rows is written in pieces, as table() lays it out', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ id: `r_${i}`, title: i === 5 ? HOSTILE : `Post ${i}` }));
    const cols = [{ header: 'id', value: (r: (typeof rows)[number]) => r.id }, { header: 'title', value: (r: (typeof rows)[number]) => r.title, flex: true }];
    await printTable(rows, cols);
    expect(out.length).toBeGreaterThan(10);
    const streamed = out.join('');
    const lines = streamed.split('\n');
    expect(lines).toHaveLength(200_002);
    expect(lines[1]).toBe('r_0       Post 0');
    expect(lines[6]).not.toMatch(DANGEROUS);
    out.length = 0;
    print(table(rows, cols));
    expect(streamed).toBe(out.join(''));
  });
});
