/**
 * Hostile files of the new formats: each is refused with a clear reason or reduced to text within
 * the limits, and nothing in them runs or is fetched. The last test imports every fixture in a child
 * process whose sockets, DNS, HTTP, TLS, UDP and fetch are guarded (in its worker threads too, where
 * OCR runs) and shows that no request leaves the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../../electron/notebook';
import { limits, LIMITS } from '../../../electron/notebook/import/limits';
import { readZip } from '../../../electron/notebook/import/zip';
import { tmpDir } from '../../helpers/tmp';
import { zip } from '../../helpers/zip';

const ROOT = path.resolve(__dirname, '../../..');
const FIX = path.join(ROOT, 'tests/fixtures/formats');

afterEach(() => Object.assign(limits, LIMITS));

async function importFile(file: string) {
  const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
  const res = await importPaths(nb, [file]);
  const id = res.imported[0]?.id;
  return { nb, res, text: id ? await nb.reports.body(id) : '' };
}

describe('hostile files', () => {
  it('a .docx zip bomb (260 MB of document.xml claiming 1 KB) is refused at the expansion limit, quickly and in bounded memory', async () => {
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    const { res } = await importFile(path.join(FIX, 'office/zip-bomb.docx'));
    expect(res.failed[0]?.error).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/expands past the limit of 100\.0 MB .*zip bomb/) });
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  });

  it('the expansion limit holds across parts as well as within one', () => {
    const parts: Array<[string, Buffer]> = [['a.xml', Buffer.alloc(600_000, 0x41)], ['b.xml', Buffer.alloc(600_000, 0x42)]];
    const zipped = zip(parts);
    limits.zipExpandedBytes = 1_000_000;
    expect(() => readZip(zipped, 'the test archive')).toThrow(/expands past the limit/);
    limits.zipExpandedBytes = LIMITS.zipExpandedBytes;
    expect([...readZip(zipped, 'the test archive').keys()]).toEqual(['a.xml', 'b.xml']);
  });

  it('an .eml with a script part and a remote image: text only, the script is an attachment name, nothing fetched', async () => {
    const { res, text, nb } = await importFile(path.join(FIX, 'email/hostile.eml'));
    expect(res.failed).toEqual([]);
    expect(text).toContain('Please review the figures below.\n\nTotals: 1,240 units.');
    expect(text).not.toMatch(/fetch|tracker|document\.cookie/);
    expect(nb.reports.all()[0]?.fields?.find((f) => f.label === 'Attachments')?.value).toBe('run.js (application/javascript, 59 B)');
  });

  it('an .mhtml with scripts, an onload handler and remote resources: only the article text', async () => {
    const { res, text } = await importFile(path.join(FIX, 'web/hostile.mhtml'));
    expect(res.failed).toEqual([]);
    expect(text.startsWith('A missile struck the railway station in Kramatorsk')).toBe(true);
    expect(text).not.toMatch(/pwned|fetch|tracker|evil|ads\.invalid/);
  });

  it('an EPUB whose chapter has a script and remote styles and images: the chapters\' text only', async () => {
    const { res, text } = await importFile(path.join(FIX, 'books/donbas-chronicle.epub'));
    expect(res.failed).toEqual([]);
    expect(text).not.toMatch(/pwned|fetch|tracker|images\.invalid|fonts\.invalid/);
  });

  it('a damaged .docx, .odt and .epub get a reason each', async () => {
    const dir = tmpDir();
    const docx = readFileSync(path.join(FIX, 'office/situation-report.docx'));
    writeFileSync(path.join(dir, 'cut.docx'), docx.subarray(0, docx.length - 40));
    writeFileSync(path.join(dir, 'notzip.odt'), 'plain text pretending');
    writeFileSync(path.join(dir, 'empty-book.epub'), zip([['mimetype', Buffer.from('application/epub+zip')]]));
    const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
    const res = await importPaths(nb, [dir]);
    expect(res.failed.map((f) => [path.basename(f.path), f.error.code, f.error.message])).toEqual([
      ['cut.docx', 'UNSUPPORTED_TYPE', 'the Word document: the ZIP container is damaged or not a ZIP file'],
      ['empty-book.epub', 'UNSUPPORTED_TYPE', 'not an EPUB book: META-INF/container.xml or the package file is missing'],
      ['notzip.odt', 'UNSUPPORTED_TYPE', 'the OpenDocument file: the ZIP container is damaged or not a ZIP file'],
    ]);
  });

  it('no request leaves the machine while every format (OCR included) is imported', { timeout: 180_000 }, () => {
    const logFile = path.join(tmpDir(), 'net.log');
    const child = spawnSync(process.execPath, ['--require', path.join(ROOT, 'tests/helpers/netguard.cjs'), '--import', 'tsx', path.join(ROOT, 'tests/helpers/import-everything.ts')], {
      cwd: ROOT,
      env: { ...process.env, DOSSIER_NETGUARD_LOG: logFile },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(child.stderr).not.toMatch(/network access refused/);
    const out = JSON.parse(child.stdout) as { imported: number; failed: Array<[string, string]>; formats: string[]; control: string };
    expect(out.formats).toEqual(['docx', 'email', 'epub', 'image', 'mhtml', 'odt', 'pdf', 'rtf', 'telegram']);
    expect(out.failed).toEqual([['zip-bomb.docx', 'TOO_LARGE']]);
    // The guard works: the control request was seen and refused...
    expect(out.control).toMatch(/refused by the test guard: fetch http:\/\/127\.0\.0\.1:9\/control/);
    // ...and it was the only one.
    const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n') : [];
    expect(lines).toEqual(['main fetch http://127.0.0.1:9/control']);
  });
});
