/**
 * Bytes -> text for text-like report files: BOM and UTF-16 detection, strict UTF-8, legacy
 * code pages (chardet + iconv-lite, with a Cyrillic tie-breaker), binary-content detection,
 * and normalisation (\n line endings, no BOM, NFC).
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { DossierError } from '../errors';

export interface DecodedText {
  text: string;
  /** Source encoding, e.g. 'UTF-8', 'UTF-16LE', 'windows-1251'. */
  encoding: string;
  warnings: string[];
}

const SAMPLE_SIZE = 64 * 1024;

/** Magic numbers of common binary formats that sometimes arrive with a text extension. */
const MAGIC_NUMBERS: ReadonlyArray<{ name: string; bytes: readonly number[] }> = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'ZIP archive or Office document', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'legacy Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

type Bom = { encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE'; length: number };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

/** Detects a byte order mark. UTF-32LE is checked before UTF-16LE (it shares the prefix). */
export function detectBom(bytes: Uint8Array): Bom | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'UTF-8', length: 3 };
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return { encoding: 'UTF-32LE', length: 4 };
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return { encoding: 'UTF-32BE', length: 4 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'UTF-16LE', length: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'UTF-16BE', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: text in Latin or Cyrillic script has NUL bytes (or one repeated
 * high byte) at every other position and almost none in the other positions.
 */
export function detectUtf16NoBom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(bytes.length, SAMPLE_SIZE) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs >= 0.2 && evenNul / pairs <= 0.02) return 'UTF-16LE';
  if (evenNul / pairs >= 0.2 && oddNul / pairs <= 0.02) return 'UTF-16BE';
  return null;
}

function isSuspectControl(b: number): boolean {
  // Allowed: tab, line feed, vertical tab, form feed, carriage return, escape (ANSI colour).
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f;
}

/** Returns a short reason when the bytes look like binary data rather than text, else null. */
export function looksBinary(bytes: Uint8Array): string | null {
  for (const magic of MAGIC_NUMBERS) {
    if (startsWith(bytes, magic.bytes)) return `looks like binary data, not text (${magic.name})`;
  }
  if (detectBom(bytes) !== null || detectUtf16NoBom(bytes) !== null) return null;
  const n = Math.min(bytes.length, SAMPLE_SIZE);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) nul++;
    else if (isSuspectControl(b)) control++;
  }
  if (nul > 0) return 'looks like binary data, not text (contains NUL bytes)';
  if (n > 0 && control / n > 0.05) return 'looks like binary data, not text (many control characters)';
  return null;
}

/** Same test on decoded text (used after UTF-16/32 decoding, where bytes say little). */
function textLooksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE_SIZE);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || isSuspectControl(c) || c === 0xfffd) bad++;
  }
  return bad / n > 0.05;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes, to spot damaged UTF-8. */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = Math.min(bytes.length, SAMPLE_SIZE);
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Russian letter frequencies (per cent), lower case, for the windows-1251 vs KOI8-R choice. */
const RUSSIAN_FREQ: Readonly<Record<string, number>> = {
  о: 10.97, е: 8.45, а: 8.01, и: 7.35, н: 6.7, т: 6.26, с: 5.47, р: 4.73, в: 4.54, л: 4.4,
  к: 3.49, м: 3.21, д: 2.98, п: 2.81, у: 2.62, я: 2.01, ы: 1.9, ь: 1.74, г: 1.7, з: 1.65,
  б: 1.59, ч: 1.44, й: 1.21, х: 0.97, ж: 0.94, ш: 0.73, ю: 0.64, ц: 0.48, щ: 0.36, э: 0.32,
  ф: 0.26, ъ: 0.04, ё: 0.04,
};

/**
 * Scores a candidate Cyrillic decoding: common letters score high, and ordinary prose is
 * mostly lower case (a wrong choice between 1251 and KOI8-R swaps the case of most letters).
 */
export function cyrillicScore(text: string): number {
  let score = 0;
  let letters = 0;
  let lower = 0;
  for (const ch of text) {
    const lc = ch.toLowerCase();
    const freq = RUSSIAN_FREQ[lc];
    if (freq === undefined) continue;
    letters++;
    if (ch === lc) lower++;
    score += Math.log(freq + 0.01);
  }
  if (letters === 0) return -Infinity;
  return score / letters + 4 * (lower / letters);
}

function highLetterRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE_SIZE);
  let high = 0;
  let letters = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0xc0) high++;
    if (b >= 0xc0 || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) letters++;
  }
  return letters === 0 ? 0 : high / letters;
}

/** Maps chardet's answer to an encoding iconv-lite can decode, or null if it is not usable. */
function usableLegacy(name: string | undefined): string | null {
  if (name === undefined) return null;
  if (/^(UTF-|ISO_2022|ISO-2022|mbcs|sbcs|ASCII)/i.test(name)) return null;
  if (name === 'ISO-8859-1') return 'windows-1252'; // superset; browsers do the same
  return iconv.encodingExists(name) ? name : null;
}

/** High-byte scripts other than Cyrillic that chardet recognises reliably. */
const NON_CYRILLIC_SCRIPTS = new Set(['ISO-8859-6', 'ISO-8859-7', 'ISO-8859-8', 'windows-1253', 'windows-1255', 'windows-1256']);

/** Chooses a legacy single/multi-byte code page for bytes that are not UTF-8. */
export function guessLegacyEncoding(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SAMPLE_SIZE);
  if (highLetterRatio(sample) >= 0.4) {
    const top = chardet.analyse(sample)[0];
    if (top !== undefined && top.confidence >= 50 && NON_CYRILLIC_SCRIPTS.has(top.name)) return top.name;
    const cp1251 = cyrillicScore(iconv.decode(Buffer.from(sample), 'windows-1251'));
    const koi8 = cyrillicScore(iconv.decode(Buffer.from(sample), 'koi8-r'));
    return koi8 > cp1251 ? 'KOI8-R' : 'windows-1251';
  }
  const matches = chardet.analyse(sample);
  for (const match of matches.slice(0, 3)) {
    const usable = usableLegacy(match.name);
    if (usable !== null && match.confidence >= 10) return usable;
  }
  return 'windows-1252';
}

/** Line endings to \n, BOM and stray control characters removed, NFC. */
export function normalizeText(text: string): string {
  return stripControls(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).normalize('NFC');
}

/** Drops C0 controls except tab and newline; a vertical tab ends a line, a form feed a page. */
function stripControls(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c !== 0x7f) || c === 0x09 || c === 0x0a) continue;
    out += text.slice(from, i) + (c === 0x0b ? '\n' : c === 0x0c ? '\n\n' : '');
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function decodeWith(bytes: Uint8Array, encoding: string, skip = 0): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.length - skip), encoding, {
    stripBOM: false,
  });
}

function decodeUnicodeForm(bytes: Uint8Array, encoding: string, bomLength: number, warnings: string[]): DecodedText {
  if (!iconv.encodingExists(encoding)) {
    throw new DossierError('UNSUPPORTED_TYPE', `text encoded as ${encoding} is not supported`);
  }
  const text = decodeWith(bytes, encoding, bomLength);
  if (textLooksBinary(text)) throw new DossierError('UNSUPPORTED_TYPE', 'looks like binary data, not text');
  return { text: normalizeText(text), encoding, warnings };
}

/**
 * Decodes a text-like file. `hint` is an encoding declared by the document itself (e.g. an
 * HTML meta charset); it is used only when the bytes have no BOM and are not valid UTF-8.
 * Throws UNSUPPORTED_TYPE for binary data.
 */
export function decodeText(bytes: Uint8Array, hint?: string | null): DecodedText {
  const binary = looksBinary(bytes);
  if (binary !== null) throw new DossierError('UNSUPPORTED_TYPE', binary);
  const bom = detectBom(bytes);
  if (bom !== null && bom.encoding !== 'UTF-8') return decodeUnicodeForm(bytes, bom.encoding, bom.length, []);
  const utf16 = bom === null ? detectUtf16NoBom(bytes) : null;
  if (utf16 !== null) {
    return decodeUnicodeForm(bytes, utf16, 0, [`decoded as ${utf16} (no byte order mark)`]);
  }
  const body = bom === null ? bytes : bytes.subarray(bom.length);
  const utf8 = strictUtf8(body);
  if (utf8 !== null) return { text: normalizeText(utf8), encoding: 'UTF-8', warnings: [] };
  return decodeNonUtf8(body, hint ?? null, bom !== null);
}

function decodeNonUtf8(body: Uint8Array, hint: string | null, hadUtf8Bom: boolean): DecodedText {
  const evidence = utf8Evidence(body);
  if (hadUtf8Bom || evidence.valid > evidence.invalid) {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
    const count = (text.match(/\uFFFD/g) ?? []).length;
    return {
      text: normalizeText(text),
      encoding: 'UTF-8',
      warnings: [`the file is not valid UTF-8: ${count} damaged character${count === 1 ? '' : 's'} replaced with \uFFFD`],
    };
  }
  const hinted = hint !== null && !/^utf-?8$/i.test(hint) && iconv.encodingExists(hint) ? hint : null;
  const encoding = hinted ?? guessLegacyEncoding(body);
  const text = decodeWith(body, encoding);
  if (textLooksBinary(text)) throw new DossierError('UNSUPPORTED_TYPE', 'looks like binary data, not text');
  const how = hinted !== null ? 'as declared by the document' : 'not valid UTF-8';
  return { text: normalizeText(text), encoding, warnings: [`decoded as ${encoding} (${how})`] };
}
