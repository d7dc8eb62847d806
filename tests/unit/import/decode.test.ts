import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/notebook/import/extract';
import { decodeText, looksBinary } from '../../../electron/notebook/import/decode';
import { expectDossierError, utf8 } from './helpers';

const RU =
  'Российские войска отходят от Хамы к авиабазе Хмеймим.\r\n' +
  'По данным ГУР, генерал Журавлев прибыл на базу 1 декабря 2024 года.';
const RU_LF = RU.replace(/\r\n/g, '\n');
const EN = 'Russian forces near Hama (Khama) moved toward Khmeimim.\r\nGUR confirmed the move on December 1, 2024.';
const EN_LF = EN.replace(/\r\n/g, '\n');

const bytes = (b: Buffer | number[]): Uint8Array => new Uint8Array(Buffer.isBuffer(b) ? b : Buffer.from(b));
const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

describe('decoding text files', () => {
  it('reads plain UTF-8 and normalises line endings', async () => {
    const r = await extractFile(utf8(RU), 'report.txt');
    expect(r.encoding).toBe('UTF-8');
    expect(r.text).toBe(RU_LF);
    expect(r.warnings).toEqual([]);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const r = await extractFile(bytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EN)])), 'report.txt');
    expect(r.encoding).toBe('UTF-8');
    expect(r.text.startsWith('Russian forces')).toBe(true);
    expect(r.title).toBe('Russian forces near Hama (Khama) moved toward Khmeimim.');
  });

  it('reads UTF-16LE with a byte order mark', async () => {
    const r = await extractFile(bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RU, 'utf16le')])), 'r.txt');
    expect(r.encoding).toBe('UTF-16LE');
    expect(r.text).toBe(RU_LF);
  });

  it('reads UTF-16BE with a byte order mark', async () => {
    const r = await extractFile(bytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(RU)])), 'r.txt');
    expect(r.encoding).toBe('UTF-16BE');
    expect(r.text).toBe(RU_LF);
  });

  it('reads UTF-32LE with a byte order mark', () => {
    const b = Buffer.alloc(4 + RU_LF.length * 4);
    b.writeUInt32LE(0xfeff, 0);
    Array.from(RU_LF).forEach((ch, i) => b.writeUInt32LE(ch.codePointAt(0) ?? 0, 4 + i * 4));
    expect(decodeText(bytes(b))).toMatchObject({ text: RU_LF, encoding: 'UTF-32LE' });
  });

  it('recognises UTF-16LE without a byte order mark and says so', async () => {
    const r = await extractFile(bytes(Buffer.from(EN, 'utf16le')), 'r.txt');
    expect(r.encoding).toBe('UTF-16LE');
    expect(r.text).toBe(EN_LF);
    expect(r.warnings.join(' ')).toMatch(/UTF-16LE/);
  });

  it('recognises UTF-16BE without a byte order mark', () => {
    expect(decodeText(bytes(utf16be(EN))).text).toBe(EN_LF);
  });

  it('decodes a short Windows-1251 Russian paragraph into the right words', async () => {
    const r = await extractFile(bytes(iconv.encode(RU, 'windows-1251')), 'svodka.txt');
    expect(r.encoding).toBe('windows-1251');
    expect(r.text).toContain('Хмеймим');
    expect(r.text).toContain('генерал Журавлев');
    expect(r.text).toContain('ГУР');
    expect(r.text).toBe(RU_LF);
    expect(r.warnings).toContain('decoded as windows-1251 (not valid UTF-8)');
    expect(r.publishedAt).toBe('2024-12-01');
  });

  it.each([
    'Хмеймим',
    'Генерал Журавлев',
    'Привет, мир',
    'ГУР сообщает о переброске войск.',
  ])('tells Windows-1251 from KOI8-R even for short text: %s', (phrase) => {
    expect(decodeText(bytes(iconv.encode(phrase, 'windows-1251')))).toMatchObject({ text: phrase, encoding: 'windows-1251' });
    expect(decodeText(bytes(iconv.encode(phrase, 'koi8-r')))).toMatchObject({ text: phrase, encoding: 'KOI8-R' });
  });

  it('decodes a KOI8-R report', async () => {
    const r = await extractFile(bytes(iconv.encode(RU, 'koi8-r')), 'old-archive.txt');
    expect(r.encoding).toBe('KOI8-R');
    expect(r.text).toBe(RU_LF);
  });

  it('decodes Latin-1 text with accents', async () => {
    const fr = 'Les forces russes ont quitté Hama. Le général Zhuravlev était à Khmeimim, déjà en décembre.';
    const r = await extractFile(bytes(iconv.encode(fr, 'latin1')), 'depeche.txt');
    expect(r.text).toBe(fr);
    expect(r.encoding).toMatch(/windows-1252|ISO-8859-1/);
    expect(r.warnings.join(' ')).toMatch(/not valid UTF-8/);
  });

  it('keeps damaged UTF-8 readable, marks the damage and warns instead of failing', async () => {
    const damaged = Buffer.concat([Buffer.from('Хмеймим base, Hama: '), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(' Журавлев')]);
    const r = await extractFile(bytes(damaged), 'broken.txt');
    expect(r.encoding).toBe('UTF-8');
    expect(r.text).toContain('Хмеймим base, Hama:');
    expect(r.text).toContain('Журавлев');
    expect(r.text).toContain('\uFFFD');
    expect(r.warnings.join(' ')).toMatch(/not valid UTF-8: 3 damaged characters/);
  });

  it('turns form feeds into paragraph breaks and drops stray control characters', () => {
    expect(decodeText(utf8('Page one on Hama\fPage two on Khmeimim\u0007')).text).toBe('Page one on Hama\n\nPage two on Khmeimim');
  });

  it('puts text in Unicode NFC form', () => {
    const decomposed = 'Cafe\u0301 near Hama';
    expect(decodeText(utf8(decomposed)).text).toBe('Café near Hama');
  });
});

describe('binary files with a text extension', () => {
  const png = (): Uint8Array => {
    const b = Buffer.alloc(512);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
    for (let i = 8; i < b.length; i++) b[i] = (i * 7919) % 256;
    return bytes(b);
  };

  it('rejects a PNG image named .txt', async () => {
    await expectDossierError(extractFile(png(), 'photo.txt'), 'UNSUPPORTED_TYPE', /looks like binary data, not text \(PNG image\)/);
  });

  it('rejects a ZIP archive named .md and an ELF program named .html', async () => {
    await expectDossierError(extractFile(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), 'notes.md'), 'UNSUPPORTED_TYPE', /binary data.*ZIP/);
    await expectDossierError(extractFile(bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'page.html'), 'UNSUPPORTED_TYPE', /binary data.*ELF/);
  });

  it('rejects text with NUL bytes that are not UTF-16', async () => {
    const b = Buffer.from('Khmeimim report\0\0\0\x01\x02 more text here and there');
    await expectDossierError(extractFile(bytes(b), 'report.txt'), 'UNSUPPORTED_TYPE', /looks like binary data, not text/);
  });

  it('rejects data full of control characters', async () => {
    const b = Buffer.alloc(300);
    for (let i = 0; i < b.length; i++) b[i] = i % 3 === 0 ? 0x41 : 0x01 + (i % 8);
    await expectDossierError(extractFile(bytes(b), 'report.txt'), 'UNSUPPORTED_TYPE', /binary data/);
  });

  it('does not mistake UTF-16 or ordinary text for binary', () => {
    expect(looksBinary(bytes(Buffer.from(EN, 'utf16le')))).toBeNull();
    expect(looksBinary(utf8('Tabs\tand\fform feeds are fine.\n'))).toBeNull();
  });
});
