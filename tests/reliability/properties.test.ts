/**
 * Hostile and odd input, property-based (fast-check): the search normalizer and tokenizer, the
 * note link parser, the export file-name sanitizer and the import decoders take any input without
 * throwing anything but a DossierError, and keep their promises (offsets in range, idempotent
 * normalization, safe unique names).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../electron/notebook';
import { MAX_NAME_BYTES, NameAllocator, safeBaseName } from '../../electron/notebook/export/names';
import { decodeText, looksBinary } from '../../electron/notebook/import/decode';
import { extractFile } from '../../electron/notebook/import/extract';
import { parseCitations, parseLinks } from '../../electron/notebook/notes/markup';
import { normalize, tokenize } from '../../electron/notebook/search';
import { reportTallies, tally } from './support';

reportTallies('properties');

const RUNS = 300;
/** Text from every corner of Unicode, plus the characters these parsers care about. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('[', ']', '|', '\\', '`', '~', '\n', ' ', '-', "'", 'a', 'r_', '^cite(', 'ال', 'ß', 'İ', '½', '\u202e', '\u0000', '\ud800', 'é', 'e\u0301'), maxLength: 120 }),
);

function runs(n = RUNS): { numRuns: number } {
  tally('hostile inputs', n);
  return { numRuns: n };
}

describe('search normalizer and tokenizer', () => {
  it('never throw; offsets are in range and map back to the original text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenize(text);
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(0);
          expect(t.end).toBeLessThanOrEqual(text.length);
          expect(t.start).toBeLessThan(t.end);
          expect(t.term.length).toBeGreaterThan(0);
          // The slice of the original at a token's offsets yields that same term.
          expect(tokenize(text.slice(t.start, t.end)).map((x) => x.term)).toContain(t.term);
        }
      }),
      runs(),
    );
  });

  it('normalization is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalize(text);
        expect(normalize(once)).toBe(once);
      }),
      runs(),
    );
  });
});

describe('note link parser', () => {
  it('never throws; every link and citation lies inside the text', () => {
    fc.assert(
      fc.property(anyText, (body) => {
        for (const l of parseLinks(body)) {
          expect(l.start).toBeGreaterThanOrEqual(0);
          expect(l.end).toBeLessThanOrEqual(body.length);
          const raw = body.slice(l.start, l.end);
          expect(raw.startsWith('[[') && raw.endsWith(']]')).toBe(true);
          expect(raw).toContain(l.target);
        }
        for (const c of parseCitations(body)) {
          expect(c.at).toBeGreaterThanOrEqual(0);
          expect(c.at).toBeLessThan(body.length);
        }
      }),
      runs(),
    );
  });
});

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

describe('export file names', () => {
  it('any title gives a safe, non-empty name within the byte limit, and names are unique', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 20 }), (titles) => {
        const names = new NameAllocator();
        const seen = new Set<string>();
        for (const t of titles) {
          const base = safeBaseName(t);
          const name = names.take(t);
          for (const n of [base, name]) {
            expect(n.length).toBeGreaterThan(0);
            expect(n).not.toMatch(/[/\\:*?"<>|\p{Cc}\p{Cf}]/u);
            expect(n).not.toMatch(/^[.\s]|[.\s]$/);
            expect(Buffer.byteLength(n)).toBeLessThanOrEqual(MAX_NAME_BYTES);
            expect(Buffer.from(n, 'utf8').toString('utf8')).toBe(n); // no split surrogate pair
          }
          expect(RESERVED.test(base)).toBe(false);
          expect(RESERVED.test(name.replace(/\.md$/, ''))).toBe(false);
          const key = name.normalize('NFC').toLowerCase();
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }),
      runs(),
    );
  });

  it('the same title many times gives many different names', () => {
    const names = new NameAllocator();
    const long = 'Ж'.repeat(200);
    const taken = new Set(Array.from({ length: 50 }, () => names.take(long).toLowerCase()));
    expect(taken.size).toBe(50);
  });
});

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.uint8Array({ maxLength: 600, min: 0x80, max: 0xff }),
  fc.array(fc.constantFrom(0x00, 0xfe, 0xff, 0xef, 0xbb, 0xbf, 0x41, 0x0a, 0xd0, 0xe2, 0x80, 0x1b), { maxLength: 200 }).map((a) => Uint8Array.from(a)),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'utf16le'))),
);

function onlyDossierErrors(err: unknown): void {
  expect(err, String(err)).toBeInstanceOf(DossierError);
}

describe('import decoders', () => {
  it('any bytes decode to a string or a DossierError, never another exception', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        looksBinary(bytes);
        try {
          expect(typeof decodeText(bytes).text).toBe('string');
        } catch (err) {
          onlyDossierErrors(err);
        }
      }),
      runs(),
    );
  });

  it('any bytes named .txt, .md, .html or .pdf extract to text or a DossierError', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, fc.constantFrom('x.txt', 'x.md', 'x.html', 'x.pdf'), async (bytes, name) => {
        try {
          const ex = await extractFile(bytes, name);
          expect(typeof ex.text).toBe('string');
          expect(ex.text.trim().length).toBeGreaterThan(0);
        } catch (err) {
          onlyDossierErrors(err);
        }
      }),
      runs(200),
    );
  });
});
