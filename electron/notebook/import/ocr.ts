/**
 * Offline OCR for images (.png, .jpg, .tiff, .bmp, .webp) and scanned PDFs, with tesseract.js. The
 * recogniser runs in tesseract.js's worker thread (so the app stays responsive), its wasm core is
 * loaded from node_modules by `require`, and the language data is read here from local files and
 * handed over as bytes: nothing is ever fetched. Each page has a time limit and each file another;
 * an image over the pixel limit is refused before any work. The page image stays the report's
 * original, and the report records which text came from OCR (`ocr.ranges`) and how confidently.
 */
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Worker } from 'tesseract.js';
import { OCR_LANGUAGE_NAMES } from '../../api/formats';
import { DossierError } from '../errors';
import { writeFileAtomic } from '../storage/atomic';
import type { Extracted, ItemSource } from './extracted';
import { MIME_BY_KIND, tidy } from './extracted';
import { clampTitle, fallbackTitle, inferDate, inferTitle } from './infer';
import { limits } from './limits';

const require = createRequire(import.meta.url);

/** Languages Dossier can recognise (English, Ukrainian and Arabic ship as npm data; Russian from Debian). */
export const OCR_LANGUAGES: Readonly<Record<string, string>> = OCR_LANGUAGE_NAMES;

/** Debian's tesseract-ocr-rus (and others) install traineddata here. */
const SYSTEM_TESSDATA = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata', '/usr/share/tessdata'];

let defaultLanguages: string[] = ['eng'];

/** Sets the languages OCR uses when an import does not name its own (from the app's settings). */
export function setDefaultOcrLanguages(langs: string[]): void {
  defaultLanguages = langs.length > 0 ? langs : ['eng'];
}

/** Where a language's data file is on this machine, or null when it is not installed. */
export function languageDataFile(lang: string): string | null {
  try {
    const dir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    const file = path.join(dir, '4.0.0_best_int', `${lang}.traineddata.gz`);
    if (existsSync(file)) return file;
  } catch {
    // not packaged as npm data: try the system's tessdata
  }
  for (const dir of SYSTEM_TESSDATA) {
    const file = path.join(dir, `${lang}.traineddata`);
    if (existsSync(file)) return file;
  }
  return null;
}

/** The OCR languages installed here, e.g. ['ara', 'eng', 'ukr'] (+ 'rus' with tesseract-ocr-rus). */
export function availableOcrLanguages(): string[] {
  return Object.keys(OCR_LANGUAGES).filter((l) => languageDataFile(l) !== null);
}

function checkLanguages(langs: string[]): string[] {
  const clean = [...new Set(langs.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  if (clean.length === 0) return ['eng'];
  for (const l of clean) {
    if (!(l in OCR_LANGUAGES)) throw new DossierError('INVALID_INPUT', `unknown OCR language "${l}" (known: ${Object.keys(OCR_LANGUAGES).join(', ')})`);
    if (languageDataFile(l) === null) {
      const how = l === 'rus' ? ' (install Debian\'s tesseract-ocr-rus)' : '';
      throw new DossierError('INVALID_INPUT', `the OCR data for ${OCR_LANGUAGES[l]} is not installed${how}`);
    }
  }
  return clean;
}

type TesseractWorker = Worker;

interface Pool {
  key: string;
  worker: Promise<TesseractWorker>;
  idle: NodeJS.Timeout | null;
}
let pool: Pool | null = null;
const IDLE_MS = 15_000;

/**
 * A folder of uncompressed traineddata for these languages, made from the local data files (the npm
 * packages ship them gzipped, Debian's are plain). tesseract.js reads it with fs: a local path, not
 * a URL, so it never fetches.
 */
async function languageFolder(langs: string[]): Promise<string> {
  const dir = path.join(os.tmpdir(), `dossier-tessdata-${process.getuid?.() ?? 'user'}`);
  await fs.mkdir(dir, { recursive: true });
  for (const lang of langs) {
    const target = path.join(dir, `${lang}.traineddata`);
    if (existsSync(target)) continue;
    const src = languageDataFile(lang);
    if (!src) throw new DossierError('INVALID_INPUT', `the OCR data for ${lang} is not installed`);
    const data = await fs.readFile(src);
    await writeFileAtomic(target, src.endsWith('.gz') ? zlib.gunzipSync(data) : data);
  }
  return dir;
}

async function startWorker(langs: string[]): Promise<TesseractWorker> {
  const { createWorker } = await import('tesseract.js');
  const langPath = await languageFolder(langs);
  // Local language folder, nothing cached elsewhere; the wasm core is require()d from node_modules.
  return createWorker(langs, 1, { langPath, gzip: false, cacheMethod: 'none', legacyCore: false, legacyLang: false });
}

function stopPool(): void {
  const p = pool;
  pool = null;
  if (!p) return;
  if (p.idle) clearTimeout(p.idle);
  void p.worker.then((w) => w.terminate()).catch(() => undefined);
}

function workerFor(langs: string[]): Promise<TesseractWorker> {
  const key = langs.join('+');
  if (pool?.key !== key) {
    stopPool();
    pool = { key, worker: startWorker(langs), idle: null };
  }
  if (pool.idle) clearTimeout(pool.idle);
  pool.idle = null;
  return pool.worker;
}

function release(): void {
  if (!pool) return;
  pool.idle = setTimeout(stopPool, IDLE_MS);
  pool.idle.unref();
}

/** Ends the OCR worker now (tests, app exit). */
export function shutdownOcr(): void {
  stopPool();
}

export interface OcrPage {
  text: string;
  confidence: number;
}

/** One recognition at a time: the engine is single-threaded, and a page's time limit counts its own work only. */
let queue: Promise<unknown> = Promise.resolve();

function recognizeOne(image: Uint8Array, langs: string[], signal: AbortSignal | undefined, seconds: number): Promise<OcrPage> {
  const run = queue.then(() => (signal?.aborted ? Promise.reject(new DossierError('INVALID_INPUT', 'OCR was cancelled')) : recognizeNow(image, langs, signal, seconds)));
  queue = run.catch(() => undefined);
  return run;
}

/** Recognises one image within the page time limit; cancels (and kills the worker) on abort. */
async function recognizeNow(image: Uint8Array, langs: string[], signal: AbortSignal | undefined, seconds: number): Promise<OcrPage> {
  const worker = await workerFor(langs);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stopPool();
      reject(new DossierError('TOO_LARGE', `OCR of a page took longer than the limit of ${seconds} s; stopped`));
    }, seconds * 1000);
    onAbort = () => {
      stopPool();
      reject(new DossierError('INVALID_INPUT', 'OCR was cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const res = await Promise.race([worker.recognize(Buffer.from(image)), stop]);
    return { text: res.data.text, confidence: res.data.confidence };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    release();
  }
}

/** Width and height from the header of a PNG, JPEG, GIF, BMP or WebP image; null if unknown. */
export function imageSize(b: Uint8Array): { width: number; height: number } | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47) return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  if (buf.length >= 10 && buf.toString('latin1', 0, 3) === 'GIF') return { width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
  if (buf.length >= 26 && buf.toString('latin1', 0, 2) === 'BM') return { width: Math.abs(buf.readInt32LE(18)), height: Math.abs(buf.readInt32LE(22)) };
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) return null;
      const marker = buf[i + 1] ?? 0;
      const len = buf.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: buf.readUInt16BE(i + 7), height: buf.readUInt16BE(i + 5) };
      }
      i += 2 + len;
    }
    return null;
  }
  if (buf.length >= 30 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') {
    const kind = buf.toString('latin1', 12, 16);
    if (kind === 'VP8X') return { width: 1 + buf.readUIntLE(24, 3), height: 1 + buf.readUIntLE(27, 3) };
    if (kind === 'VP8 ') return { width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
    if (kind === 'VP8L') {
      const bits = buf.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
  }
  return null;
}

function checkPixels(size: { width: number; height: number } | null, what: string): void {
  if (size && size.width * size.height > limits.ocrPixels) {
    throw new DossierError('TOO_LARGE', `${what} is ${size.width}×${size.height} pixels; the OCR limit is ${(limits.ocrPixels / 1e6).toFixed(0)} megapixels`);
  }
}

/** Tesseract's line breaks inside paragraphs are kept; hyphenated line ends are joined. */
function ocrText(raw: string): string {
  return tidy(raw.replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2'));
}

async function recognizePages(images: Uint8Array[], src: ItemSource, langs: string[]): Promise<{ pages: OcrPage[]; warnings: string[] }> {
  const started = Date.now();
  const pages: OcrPage[] = [];
  const warnings: string[] = [];
  for (const [i, image] of images.entries()) {
    if (src.signal?.aborted) throw new DossierError('INVALID_INPUT', 'OCR was cancelled');
    const left = limits.ocrFileSeconds - (Date.now() - started) / 1000;
    if (left <= 0) {
      warnings.push(`OCR stopped after ${i} of ${images.length} pages: the file took longer than ${limits.ocrFileSeconds} s`);
      break;
    }
    src.onItemProgress?.({ done: i, total: images.length });
    try {
      pages.push(await recognizeOne(image, langs, src.signal, Math.min(limits.ocrPageSeconds, left)));
    } catch (err) {
      if (pages.length === 0 || !(err instanceof DossierError) || err.code !== 'TOO_LARGE') throw err;
      warnings.push(`OCR stopped at page ${i + 1} of ${images.length}: ${err.message}`);
      break;
    }
  }
  src.onItemProgress?.({ done: pages.length, total: images.length });
  return { pages, warnings };
}

function ocrReport(kind: 'image' | 'pdf', pages: OcrPage[], langs: string[], fileName: string, warnings: string[]): Extracted {
  let text = '';
  const pageStarts: number[] = [];
  for (const p of pages) {
    const t = ocrText(p.text);
    if (text !== '' && t !== '') text += '\n\n';
    pageStarts.push(text.length);
    text += t;
  }
  if (text.trim() === '') throw new DossierError('EMPTY', 'OCR found no text in the image');
  const confidence = Math.round((pages.reduce((s, p) => s + p.confidence, 0) / Math.max(1, pages.length)) * 10) / 10;
  const names = langs.map((l) => OCR_LANGUAGES[l] ?? l).join(', ');
  return {
    kind,
    mime: kind === 'pdf' ? MIME_BY_KIND.pdf : imageMime(fileName),
    text,
    title: clampTitle(inferTitle(text, fileName) || fallbackTitle(fileName)),
    publishedAt: inferDate(text),
    author: null,
    encoding: null,
    ...(kind === 'pdf' ? { pageStarts } : {}),
    warnings,
    fields: [{ label: 'Text from', value: `OCR (${names}), mean confidence ${confidence}%` }],
    ocr: { languages: langs, confidence, ranges: [[0, text.length]] },
  };
}

function imageMime(fileName: string): string {
  const ext = path.extname(fileName).toLowerCase().slice(1);
  return ({ jpg: 'image/jpeg', jpeg: 'image/jpeg', tif: 'image/tiff', tiff: 'image/tiff' } as Record<string, string>)[ext] ?? `image/${ext || 'png'}`;
}

export interface OcrSource extends ItemSource {
  ocrLanguages?: string[];
}

export async function ocrImage(bytes: Uint8Array, src: OcrSource): Promise<Extracted> {
  checkPixels(imageSize(bytes), 'the image');
  const langs = checkLanguages(src.ocrLanguages ?? defaultLanguages);
  const { pages, warnings } = await recognizePages([bytes], src, langs);
  return ocrReport('image', pages, langs, src.name, warnings);
}

/** A scanned PDF (no text layer): the page images are taken out with pdfjs and recognised. */
export async function ocrScannedPdf(bytes: Uint8Array, src: OcrSource): Promise<Extracted> {
  const langs = checkLanguages(src.ocrLanguages ?? defaultLanguages);
  const { pdfPageImages } = await import('./pdf-images');
  const images = await pdfPageImages(bytes, limits.ocrPages, limits.ocrPixels);
  if (images.images.length === 0) throw new DossierError('EMPTY', 'the PDF has no text layer and no page images to recognise');
  const { pages, warnings } = await recognizePages(images.images, src, langs);
  return ocrReport('pdf', pages, langs, src.name, [...images.warnings, ...warnings, 'the PDF has no text layer; its text was recognised by OCR']);
}
