/**
 * The browser host over real HTTP on 127.0.0.1: token, Host and Origin checks, body limit, the
 * contract's errors as HTTP statuses, static files with the CSP, path traversal, and a clean
 * SIGTERM shutdown of `dossier serve` that releases the notebook lock.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startHost, type RunningHost } from '../../electron/host';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers, setHost: !(opts.headers && 'Host' in opts.headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

const root = mkdtempSync(path.join(os.tmpdir(), 'dossier-host-'));
const rendererDir = path.join(root, 'renderer');
const notebookDir = path.join(root, 'notebook');
let host: RunningHost;

function api(method: string, params?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(host.port, {
    method: 'POST',
    path: '/api',
    headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': host.token, ...headers },
    body: JSON.stringify({ method, params }),
  });
}

beforeAll(async () => {
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dossier</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("dossier");');
  writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET outside the renderer');
  host = await startHost({ notebookDir, rendererDir, port: 0 });
});

afterAll(async () => {
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('browser host', () => {
  it('prints a loopback URL with a 32-byte token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url')).toHaveLength(32);
  });

  it('refuses API calls without the token or with a wrong one (401)', async () => {
    const missing = await send(host.port, { method: 'POST', path: '/api', body: JSON.stringify({ method: 'notebook.info' }) });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await api('notebook.info', {}, { 'X-Dossier-Token': 'x'.repeat(43) });
    expect(wrong.status).toBe(401);
  });

  it('accepts the token as a Bearer authorization too', async () => {
    const r = await send(host.port, {
      method: 'POST',
      path: '/api',
      headers: { Authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ method: 'notebook.info' }),
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, result: { dir: notebookDir, writable: true, reports: 0 } });
  });

  it('refuses a foreign Host header (DNS rebinding) with 403, for the API and for files', async () => {
    const r = await api('notebook.info', {}, { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const page = await send(host.port, { path: '/', headers: { Host: 'attacker.test' } });
    expect(page.status).toBe(403);
    const ok = await api('notebook.info', {}, { Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}` });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    const r = await api('notebook.info', {}, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const other = await api('notebook.info', {}, { Origin: `http://127.0.0.1:${host.port + 1}` });
    expect(other.status).toBe(403);
    const same = await api('notebook.info', {}, { Origin: `http://127.0.0.1:${host.port}` });
    expect(same.status).toBe(200);
  });

  it('refuses a body over the limit (one 50 MB file in base64) with 413', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 10, 0x20);
    const r = await send(host.port, { method: 'POST', path: '/api', headers: { 'X-Dossier-Token': host.token }, body: big });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  });

  it('refuses an over-limit body sent without Content-Length (chunked) with 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api', headers: { 'X-Dossier-Token': host.token, 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i <= MAX_BODY_BYTES / chunk.length; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers an unknown method with 404 UNKNOWN_METHOD', async () => {
    const r = await api('reports.explode', {});
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers invalid JSON and invalid input with 400 INVALID_INPUT', async () => {
    const bad = await send(host.port, { method: 'POST', path: '/api', headers: { 'X-Dossier-Token': host.token }, body: '{"method":' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const input = await api('reports.get', { id: 'not an id' });
    expect(input.status).toBe(400);
    const body = JSON.parse(input.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/report id/);
    expect(input.headers['cache-control']).toBe('no-store');
  });

  it('maps a missing report to 404 NOT_FOUND', async () => {
    const r = await api('reports.get', { id: 'r_doesnotexist' });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('imports a report and lists it', async () => {
    const file = path.join(root, 'khmeimim.txt');
    writeFileSync(
      file,
      'Russian forces at Khmeimim\n\nDecember 1, 2024. Russian aircraft left the Khmeimim (Hmeimim) air base near Latakia as fighting reached Hama.\n',
    );
    const imported = await api('reports.import', { paths: [file], tags: ['syria'] });
    expect(imported.status).toBe(200);
    const list = await api('reports.list', {});
    expect(list.status).toBe(200);
    const body = JSON.parse(list.body) as { ok: true; result: Array<{ id: string; title: string; tags: string[] }> };
    expect(body.ok).toBe(true);
    expect(body.result).toHaveLength(1);
    expect(body.result[0]?.title).toMatch(/Khmeimim/);
    expect(body.result[0]?.tags).toEqual(['syria']);
  });

  it('refuses malformed base64 in reports.importFiles with 400, naming the file, and stores nothing', async () => {
    const before = (JSON.parse((await api('reports.list', {})).body) as { result: unknown[] }).result.length;
    const good = Buffer.from('Russian aircraft at Khmeimim.\n').toString('base64');
    for (const [bad, why] of [
      ['!!!not base64!!!', /"briefing\.txt" is not valid base64: character 1 is "!"/],
      [`${good.slice(0, -1)}`, /not a multiple of 4/],
      [`QQ==${good}`, /"=" may appear only as padding/],
      [`${good.slice(0, 4)}\n${good.slice(4)}`, /U\+000A/],
    ] as const) {
      const r = await api('reports.importFiles', { files: [{ name: 'ok.txt', base64: good }, { name: 'briefing.txt', base64: bad }] });
      expect(r.status).toBe(400);
      const body = JSON.parse(r.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('INVALID_INPUT');
      expect(body.error.message).toMatch(why);
    }
    expect((JSON.parse((await api('reports.list', {})).body) as { result: unknown[] }).result).toHaveLength(before);
    const ok = await api('reports.importFiles', { files: [{ name: 'ok.txt', base64: good }] });
    expect(ok.status).toBe(200);
  });

  it('serves the renderer with the CSP and security headers and the right types', async () => {
    const index = await send(host.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(index.body).toContain('<title>Dossier</title>');
    const js = await send(host.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await send(host.port, { path: '/assets/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send(host.port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..\\secret.txt', '/assets']) {
      const r = await send(host.port, { path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('TOP SECRET');
    }
  });

  it('refuses other methods on /api', async () => {
    const r = await send(host.port, { path: '/api', headers: { 'X-Dossier-Token': host.token } });
    expect(r.status).toBe(405);
  });

  it('holds the notebook lock while running, so a second writer gets LOCKED', async () => {
    await expect(startHost({ notebookDir, rendererDir })).rejects.toMatchObject({ code: 'LOCKED' });
  });
});

describe('dossier serve', () => {
  it('prints the URL, serves, and on SIGTERM shuts down and releases the lock', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-serve-'));
    try {
      const nb = path.join(dir, 'nb');
      const child = spawn(process.execPath, ['electron/cli/bin.mjs', '--notebook', nb, 'serve', '--port', '0', '--no-open', '--no-build'], {
        cwd: path.resolve(__dirname, '../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, DOSSIER_HOME: '' },
      });
      let out = '';
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${err}`)), 20_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Dossier is running at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43}))\n/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited early (${code}): ${err}`)));
      });
      const u = new URL(url);
      const token = u.hash.replace('#token=', '');
      const r = await send(Number(u.port), {
        method: 'POST',
        path: '/api',
        headers: { 'X-Dossier-Token': token },
        body: JSON.stringify({ method: 'reports.list' }),
      });
      expect(r.status).toBe(200);
      expect(existsSync(path.join(nb, 'dossier.lock'))).toBe(true);
      // The page comes from the repository's out/renderer, also when the command runs from its
      // bundle in out/cli/<build>/ (it once looked in out/out/renderer and rebuilt the app).
      const renderer = path.resolve(__dirname, '../../out/renderer');
      if (existsSync(path.join(renderer, 'index.html'))) expect((await send(Number(u.port), { path: '/' })).body).toContain('<title>Dossier</title>');
      else expect(err).toContain(`The app is not built (${renderer} is missing)`);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(path.join(nb, 'dossier.lock'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
