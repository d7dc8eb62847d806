/**
 * The page images of a scanned PDF, taken out with pdfjs (no canvas: pdfjs decodes JPEG, Flate and
 * CCITT images itself) and packed as BMP files for the OCR engine. The largest image of each page
 * is the scan; pages and pixels are limited.
 */
import { DossierError } from '../errors';
import { loadPdfJs, openPdf } from './pdf';

interface PdfImage {
  width: number;
  height: number;
  /** 1: 1 bit per pixel grey, 2: RGB 8 bits, 3: RGBA 8 bits (pdfjs ImageKind). */
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** A 24-bit BMP of raw pixels (bottom-up rows padded to 4 bytes). */
export function toBmp(img: PdfImage): Uint8Array {
  const { width: w, height: h } = img;
  const row = Math.ceil((w * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * h);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(w, 18);
  out.writeInt32LE(h, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(row * h, 34);
  const bitRow = Math.ceil(w / 8);
  for (let y = 0; y < h; y++) {
    const o = 54 + (h - 1 - y) * row;
    for (let x = 0; x < w; x++) {
      let r: number, g: number, b: number;
      if (img.kind === 1) {
        const bit = ((img.data[y * bitRow + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        r = g = b = bit ? 255 : 0;
      } else {
        const n = img.kind === 3 ? 4 : 3;
        const i = (y * w + x) * n;
        r = img.data[i] ?? 0;
        g = img.data[i + 1] ?? 0;
        b = img.data[i + 2] ?? 0;
      }
      out[o + x * 3] = b;
      out[o + x * 3 + 1] = g;
      out[o + x * 3 + 2] = r;
    }
  }
  return new Uint8Array(out);
}

export async function pdfPageImages(bytes: Uint8Array, maxPages: number, maxPixels: number): Promise<{ images: Uint8Array[]; warnings: string[] }> {
  const pdfjs = await loadPdfJs();
  const task = await openPdf(bytes);
  const images: Uint8Array[] = [];
  const warnings: string[] = [];
  try {
    const doc = await task.promise;
    const pages = Math.min(doc.numPages, maxPages);
    if (doc.numPages > maxPages) warnings.push(`only the first ${maxPages} of ${doc.numPages} pages were recognised (the OCR page limit)`);
    for (let n = 1; n <= pages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      let best: PdfImage | null = null;
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        if (fn !== pdfjs.OPS.paintImageXObject && fn !== pdfjs.OPS.paintInlineImageXObject) continue;
        const arg: unknown = ops.argsArray[i]?.[0];
        const img = typeof arg === 'string' ? await objectOf(page, arg) : (arg as PdfImage | undefined);
        if (img && img.data && img.width * img.height > (best ? best.width * best.height : 0)) best = img;
      }
      if (best) {
        if (best.width * best.height > maxPixels) throw new DossierError('TOO_LARGE', `page ${n} is a ${best.width}×${best.height} image; the OCR limit is ${(maxPixels / 1e6).toFixed(0)} megapixels`);
        images.push(toBmp(best));
      }
      page.cleanup();
    }
  } catch (err) {
    if (err instanceof DossierError) throw err;
    throw new DossierError('UNSUPPORTED_TYPE', `the PDF's page images cannot be read: ${(err as Error).message}`, { cause: err });
  } finally {
    await task.destroy();
  }
  return { images, warnings };
}

interface ObjStore {
  get(id: string, cb: (v: unknown) => void): void;
}

function objectOf(page: { objs: unknown; commonObjs: unknown }, id: string): Promise<PdfImage | undefined> {
  const store = (id.startsWith('g_') ? page.commonObjs : page.objs) as ObjStore;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 10_000);
    store.get(id, (v) => {
      clearTimeout(timer);
      resolve(v as PdfImage | undefined);
    });
  });
}
