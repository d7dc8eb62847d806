/**
 * OCR of scanned pages (tesseract.js, offline): a PNG and a JPEG page image and two scanned PDFs,
 * rendered by Chromium with slight rotation and noise from a known text. Word accuracy is measured
 * against that text (1 - word error rate). One worker with English and Ukrainian serves the file,
 * so the engine starts once.
 */
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../../electron/notebook';
import { limits, LIMITS } from '../../../electron/notebook/import/limits';
import { availableOcrLanguages, imageSize, shutdownOcr } from '../../../electron/notebook/import/ocr';
import { tmpDir } from '../../helpers/tmp';

const FIX = path.resolve(__dirname, '../../fixtures/formats/scans');
const EN = 'The convoy crossed the bridge near Kherson at dawn on 14 March 2023. Local officials reported that the water supply was restored in three districts, and the evacuation of civilians continued through the southern corridor.';
const UK = 'Колона перетнула міст поблизу Херсона на світанку. Місцеві посадовці повідомили, що водопостачання відновлено у трьох районах, а евакуація цивільних тривала південним коридором.';
const LANGS = ['eng', 'ukr'];

function words(s: string): string[] {
  return s.toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** 1 - word error rate (substitutions, insertions and deletions over the reference's words). */
export function wordAccuracy(reference: string, recognised: string): number {
  const a = words(reference);
  const b = words(recognised);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[b.length]! / a.length;
}

afterEach(() => Object.assign(limits, LIMITS));
afterAll(() => shutdownOcr());

async function ocr(file: string) {
  const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
  const res = await importPaths(nb, [path.join(FIX, file)], { ocrLanguages: LANGS });
  expect(res.failed).toEqual([]);
  const report = nb.reports.get(res.imported[0]!.id);
  return { nb, report, text: await nb.reports.body(report.id) };
}

describe('word accuracy measure', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(wordAccuracy('a b c d', 'a b c d')).toBe(1);
    expect(wordAccuracy('a b c d', 'a x c d')).toBe(0.75);
    expect(wordAccuracy('a b c d', 'a b c d junk junk')).toBe(0.5);
    expect(wordAccuracy('a b c d', 'a c d')).toBe(0.75);
  });
});

describe('OCR of scanned pages', { timeout: 90_000 }, () => {
  it('has the packaged languages', () => {
    expect(availableOcrLanguages()).toEqual(expect.arrayContaining(['eng', 'ukr', 'ara']));
  });

  it('reads the English page image at >= 95% of words, keeps the image as the original, and marks the text as OCR', async () => {
    const { nb, report, text } = await ocr('scan-en.png');
    expect(wordAccuracy(EN, text)).toBeGreaterThanOrEqual(0.95);
    expect(report).toMatchObject({ format: 'image', mime: 'image/png', originalName: 'scan-en.png' });
    expect(report.ocr).toMatchObject({ languages: LANGS, ranges: [[0, text.length]] });
    expect(report.ocr!.confidence).toBeGreaterThan(50);
    expect(report.fields?.find((f) => f.label === 'Text from')?.value).toMatch(/^OCR \(English, Ukrainian\), mean confidence/);
    const original = await nb.blobs.readBytes(report.originalRef);
    expect(imageSize(original)).toEqual({ width: 1200, height: 240 });
  });

  it('reads the Ukrainian JPEG page at >= 90% of words', async () => {
    const { text, report } = await ocr('scan-uk.jpg');
    expect(wordAccuracy(UK, text)).toBeGreaterThanOrEqual(0.9);
    expect(report.mime).toBe('image/jpeg');
  });

  it('reads scanned PDFs (no text layer) page by page: English >= 95%, Ukrainian >= 90%', async () => {
    const en = await ocr('scan-en.pdf');
    expect(wordAccuracy(EN, en.text)).toBeGreaterThanOrEqual(0.95);
    expect(en.report).toMatchObject({ format: 'pdf', pageStarts: [0] });
    expect(en.report.ocr?.languages).toEqual(LANGS);
    const uk = await ocr('scan-uk.pdf');
    expect(wordAccuracy(UK, uk.text)).toBeGreaterThanOrEqual(0.9);
  });

  it('stops a page that takes longer than the limit, with a clear reason, and recovers for the next file', async () => {
    limits.ocrPageSeconds = 0.01;
    const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
    const res = await importPaths(nb, [path.join(FIX, 'scan-uk.png')], { ocrLanguages: LANGS });
    expect(res.failed[0]?.error).toMatchObject({ code: 'TOO_LARGE', message: 'OCR of a page took longer than the limit of 0.01 s; stopped' });
    Object.assign(limits, LIMITS);
    const again = await importPaths(nb, [path.join(FIX, 'scan-uk.png')], { ocrLanguages: LANGS });
    expect(again.failed).toEqual([]);
  });

  it('refuses an image over the pixel limit before any OCR work', async () => {
    limits.ocrPixels = 100_000;
    const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
    const res = await importPaths(nb, [path.join(FIX, 'scan-en.png'), path.join(FIX, 'scan-en.pdf')], { ocrLanguages: LANGS });
    expect(res.failed.map((f) => f.error.code)).toEqual(['TOO_LARGE', 'TOO_LARGE']);
    expect(res.failed[0]!.error.message).toBe('the image is 1200×240 pixels; the OCR limit is 0 megapixels');
  });

  it('can be cancelled', async () => {
    const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
    const ac = new AbortController();
    const run = importPaths(nb, [path.join(FIX, 'scan-en.png')], { ocrLanguages: LANGS, signal: ac.signal, onProgress: () => ac.abort() });
    setTimeout(() => ac.abort(), 50);
    const res = await run;
    expect(res.imported).toEqual([]);
    expect(nb.reports.count).toBe(0);
  });

  it('refuses a language whose data is not installed, naming it', async () => {
    const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
    const res = await importPaths(nb, [path.join(FIX, 'scan-en.png')], { ocrLanguages: ['xyz'] });
    expect(res.failed[0]?.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/unknown OCR language "xyz"/) });
  });
});
