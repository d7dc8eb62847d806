/**
 * Child process for the no-network test: imports every format fixture (Telegram JSON and HTML,
 * .docx, .odt, .rtf, .epub, .eml, .mbox, .mhtml, OCR of an image and of a scanned PDF, and the
 * hostile files) into a fresh notebook and prints the summary as JSON. Run under netguard.cjs.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPaths, Notebook } from '../../electron/notebook';
import { shutdownOcr } from '../../electron/notebook/import/ocr';

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-netguard-'));
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  const fixtures = path.resolve(import.meta.dirname, '../fixtures/formats');
  // Every format, but OCR only for one image and one scanned PDF (the engine is the same for all).
  const src = mkdtempSync(path.join(os.tmpdir(), 'dossier-netguard-src-'));
  cpSync(fixtures, src, { recursive: true, filter: (f) => !/make-fixtures\.ts$|scan-en\.png$|scan-uk\.(jpg|pdf)$/.test(f) });
  const res = await importPaths(nb, [src], { ocrLanguages: ['eng', 'ukr'] });
  await nb.close();
  shutdownOcr();
  // A control: the guard must see this one, or the test proves nothing.
  let control = 'not refused';
  try {
    await fetch('http://127.0.0.1:9/control');
  } catch (err) {
    control = (err as Error).message;
  }
  process.stdout.write(JSON.stringify({ imported: res.imported.length, failed: res.failed.map((f) => [path.basename(f.path), f.error.code]), formats: [...new Set(nb.reports.all().map((r) => r.format))].sort(), control }));
}

void main();
