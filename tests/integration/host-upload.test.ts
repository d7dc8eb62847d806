/**
 * Browser-mode uploads through the real host over HTTP, with the renderer's own upload code
 * (features/import/upload.ts) and HTTP client: files up to the documented 50 MB import, one file
 * per request, each succeeding or failing on its own, with progress after each file.
 */
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, type ImportResult } from '../../electron/api';
import { MAX_BODY_BYTES, startHost, type RunningHost } from '../../electron/host';
import { createHttpApi } from '../../renderer/src/api/http';
import { uploadEach, type UploadProgress, type UploadSource } from '../../renderer/src/features/import/upload';
import { tmpDir } from '../helpers/tmp';

const MB = 1024 * 1024;
let host: RunningHost;
let api: ReturnType<typeof createHttpApi>;

/** A plain-text report of about `bytes` bytes: a title line, repeated prose, and a last line to check it arrived whole. */
function textFile(name: string, title: string, bytes: number): UploadSource {
  const line = 'The convoy passed Hama at dawn and the council met near the river crossing before noon.\n';
  const head = `${title}\n\n`;
  const tail = `Last line of ${title}.\n`;
  const body = Buffer.alloc(bytes);
  body.write(head, 0);
  let at = head.length;
  while (at + line.length + tail.length <= bytes) at += body.write(line, at);
  body.write(tail, at);
  const used = body.subarray(0, at + tail.length);
  return new File([used], name, { type: 'text/plain' });
}

/** An e-mail of about `bytes` bytes: a short text part and a binary attachment. */
function emailFile(name: string, subject: string, bytes: number): UploadSource {
  const attachment = Buffer.alloc(Math.floor(bytes * 0.74));
  for (let i = 0; i < attachment.length; i++) attachment[i] = (i * 2654435761) >>> 24;
  const b64 = attachment.toString('base64').replace(/.{76}/g, '$&\r\n');
  const eml = [
    'From: analyst@example.org',
    'To: desk@example.org',
    `Subject: ${subject}`,
    'Date: Mon, 1 Dec 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Photos of the convoy near Hama are attached.',
    '--b1',
    'Content-Type: application/octet-stream; name="photos.bin"',
    'Content-Disposition: attachment; filename="photos.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    '--b1--',
    '',
  ].join('\r\n');
  return new File([eml], name, { type: 'message/rfc822' });
}

/**
 * fetch over a fresh connection per request. Node's fetch reuses idle keep-alive sockets, and with
 * the host in this same process a long synchronous base64 encoding can leave a socket the host
 * has just timed out; a browser retries such a request, Node's fetch does not.
 */
const fetchOverNewConnection: typeof fetch = (input, init) =>
  new Promise((resolve, reject) => {
    const req = request(String(input), { method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(typeof init?.body === 'string' ? init.body : undefined);
  });

beforeAll(async () => {
  const root = tmpDir('dossier-upload-');
  mkdirSync(path.join(root, 'renderer'));
  host = await startHost({ notebookDir: path.join(root, 'nb'), rendererDir: path.join(root, 'renderer'), port: 0 });
  api = createHttpApi(host.token, `http://127.0.0.1:${host.port}/api`, fetchOverNewConnection);
});

afterAll(async () => {
  await host?.close();
});

const send = (file: { name: string; base64: string }): Promise<ImportResult> => api['reports.importFiles']({ files: [file], tags: ['upload'] });

describe('browser-mode upload', () => {
  it('the host takes one file of the contract limit per request, not more', () => {
    expect(MAX_FILE_BYTES).toBe(50 * MB);
    expect(MAX_BODY_BYTES).toBeGreaterThan((MAX_FILE_BYTES * 4) / 3);
    expect(MAX_BODY_BYTES).toBeLessThan((MAX_FILE_BYTES * 4) / 3 + 2 * MB);
  });

  it('imports a 7 MB and a 45 MB file; a 51 MB one in the same batch fails on its own with a clear reason', async () => {
    const files = [
      emailFile('convoy-photos.eml', 'Convoy photos from Hama', 7 * MB),
      textFile('too-big.txt', 'Too big to upload', 51 * MB),
      textFile('river-log.txt', 'River crossing log', 45 * MB),
      textFile('short-note.txt', 'Short note on the council', 2000),
    ];
    const seen: UploadProgress[] = [];
    const result = await uploadEach(files, send, { onProgress: (p) => seen.push(p) });

    expect(result.imported.map((r) => r.path)).toEqual(['convoy-photos.eml', 'river-log.txt', 'short-note.txt']);
    expect(result.failed).toEqual([{ path: 'too-big.txt', error: { code: 'TOO_LARGE', message: 'the file is 51.0 MB; the limit is 50.0 MB' } }]);

    const reports = await api['reports.list']({});
    const byTitle = new Map(reports.map((r) => [r.title, r]));
    expect([...byTitle.keys()].sort()).toEqual(['Convoy photos from Hama', 'River crossing log', 'Short note on the council']);
    expect(byTitle.get('River crossing log')?.size).toBe(files[2]?.size);
    expect(byTitle.get('Convoy photos from Hama')?.size).toBe(files[0]?.size);
    expect(byTitle.get('River crossing log')?.tags).toEqual(['upload']);
    const big = byTitle.get('River crossing log');
    const body = big ? await api['reports.body']({ id: big.id }) : null;
    expect(body?.text.trimEnd().endsWith('Last line of River crossing log.')).toBe(true);

    // Progress after each file, in files and bytes, ending at everything.
    const total = files.reduce((n, f) => n + f.size, 0);
    const after = seen.filter((p) => p.current === null);
    expect(after.map((p) => p.filesDone)).toEqual([1, 2, 3, 4]);
    expect(after.at(-1)).toMatchObject({ files: 4, bytesDone: total, bytes: total });
    expect(seen.filter((p) => p.current !== null).map((p) => p.current)).toEqual(files.map((f) => f.name));
  });

  it('a 51 MB file sent anyway is refused by the host with TOO_LARGE, and the next file still imports', async () => {
    const files = [textFile('sent-anyway.txt', 'Sent anyway', 51 * MB), textFile('after-it.txt', 'Imported after the refusal', 3000)];
    const result = await uploadEach(files, send, { maxFileBytes: Number.POSITIVE_INFINITY });
    expect(result.imported.map((r) => r.path)).toEqual(['after-it.txt']);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]?.path).toBe('sent-anyway.txt');
    expect(result.failed[0]?.error.code).toBe('TOO_LARGE');
    expect(result.failed[0]?.error.message).toMatch(/one file per request, each at most 50\.0 MB/);
  });
});
