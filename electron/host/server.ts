/**
 * The browser host: the built renderer plus the contract over HTTP, on 127.0.0.1 only.
 *
 * API: `POST /api` with a JSON body `{ "method": "reports.list", "params": { … } }` (params may be
 * omitted for methods without input) and the header `X-Dossier-Token: <token>` (or
 * `Authorization: Bearer <token>`). The answer is always JSON:
 *   `{ "ok": true, "result": … }` (200) or `{ "ok": false, "error": { "code", "message" } }` with
 *   400 invalid JSON / INVALID_INPUT, 401 UNAUTHORIZED (missing or wrong token),
 *   403 FORBIDDEN (Host not 127.0.0.1:PORT / localhost:PORT, or a foreign Origin),
 *   404 UNKNOWN_METHOD or NOT_FOUND, 405 not POST, 409 DUPLICATE / LOCKED, 413 TOO_LARGE (body over
 *   MAX_BODY_BYTES: one uploaded file of the contract's 50 MB in base64, with its JSON),
 *   415 UNSUPPORTED_TYPE, 500 INTERNAL / IO_ERROR / CORRUPT.
 *
 * Every request needs a Host header naming this server (DNS rebinding); a request carrying an
 * Origin must come from this same origin. The token is random per run and travels in the URL
 * fragment (`http://127.0.0.1:PORT/#token=…`), which browsers never send to a server or log.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ApiErrorShape, ErrorCode, Transport } from '../api';
import { formatMegabytes, MAX_FILE_BYTES, MAX_REQUEST_BYTES } from '../api';
import { coreTransport, createHandlers, Notebook } from '../notebook';
import { setSecurityHeaders } from './headers';
import { resolveStatic } from './static';

/** The largest request body: one uploaded file of the contract's MAX_FILE_BYTES with its JSON (the renderer sends one file per request). */
export const MAX_BODY_BYTES = MAX_REQUEST_BYTES;
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface HostOptions {
  notebookDir: string;
  /** 0 or omitted: a free port chosen by the system. */
  port?: number;
  rendererDir?: string;
  /** Fixed token (tests); by default 32 random bytes, base64url. */
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  notebook: Notebook;
  close(): Promise<void>;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  EMPTY: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  DUPLICATE: 409,
  LOCKED: 409,
  NEWER_VERSION: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
};

export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: ApiErrorShape): void {
  sendJson(res, status, { ok: false, error });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenOf(req: IncomingMessage): string | null {
  const header = req.headers['x-dossier-token'];
  if (typeof header === 'string' && header.length > 0) return header;
  const auth = req.headers.authorization;
  const m = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return m?.[1] ?? null;
}

function tooLarge(limit: number): HttpFailure {
  const message = `the request is larger than ${formatMegabytes(limit)} (${limit} bytes); uploads go one file per request, each at most ${formatMegabytes(MAX_FILE_BYTES)}`;
  return new HttpFailure(413, 'TOO_LARGE', message);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** Host and Origin checks shared by every route; returns the error or null. */
export function checkHostAndOrigin(headers: IncomingMessage['headers'], port: number): ApiErrorShape | null {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = headers.host?.toLowerCase();
  if (!host || !allowedHosts.includes(host)) {
    return { code: 'FORBIDDEN', message: 'this server answers only to 127.0.0.1 or localhost on its own port' };
  }
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return { code: 'FORBIDDEN', message: 'requests from another origin are refused' };
  }
  return null;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, core: Transport, token: string, limit: number): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendError(res, 405, { code: 'INVALID_INPUT', message: 'use POST /api' });
    req.resume();
    return;
  }
  const given = tokenOf(req);
  if (!given || !sameToken(given, token)) {
    sendError(res, 401, { code: 'UNAUTHORIZED', message: given ? 'wrong token' : 'missing token (X-Dossier-Token)' });
    req.resume();
    return;
  }
  const body = await readBody(req, limit);
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpFailure(400, 'INVALID_INPUT', 'the request body is not valid JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new HttpFailure(400, 'INVALID_INPUT', 'expected a JSON object { method, params }');
  }
  const { method, params } = payload as { method?: unknown; params?: unknown };
  if (typeof method !== 'string') throw new HttpFailure(400, 'INVALID_INPUT', 'missing "method"');
  // The RPC envelope goes out as it came from the core; only the status is HTTP's own.
  const answer = await core(method, params ?? {});
  sendJson(res, answer.ok ? 200 : httpStatusFor(answer.error.code), answer);
}

async function handleStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'method not allowed');
    return;
  }
  const found = await resolveStatic(rendererDir, pathname);
  if (!found.ok) {
    if (pathname === '/' && found.status === 404) {
      sendText(res, 503, 'The Dossier renderer is not built yet: run `npm run build`, then start the browser mode again.');
      return;
    }
    sendText(res, found.status, found.reason);
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', found.type);
  res.setHeader('Content-Length', found.size);
  res.setHeader('Cache-Control', found.type.startsWith('text/html') ? 'no-store' : 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(found.file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Opens the notebook as the writer (app 'host') and serves it; `close()` stops both. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? newToken();
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const notebook = await Notebook.open({ dir: opts.notebookDir, writable: true, app: 'host' });
  const core = coreTransport(createHandlers(notebook));
  let port = 0;

  const server: Server = createServer((req, res) => {
    setSecurityHeaders(res);
    const denied = checkHostAndOrigin(req.headers, port);
    if (denied) {
      sendError(res, 403, denied);
      req.resume();
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      sendError(res, 400, { code: 'INVALID_INPUT', message: 'malformed URL' });
      return;
    }
    const work = pathname === '/api' ? handleApi(req, res, core, token, limit) : handleStatic(req, res, rendererDir, pathname);
    work.catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpFailure) {
        if (err.status === 413) res.setHeader('Connection', 'close');
        sendError(res, err.status, { code: err.code, message: err.message });
        if (err.status === 413) req.resume();
        return;
      }
      sendError(res, 500, { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await notebook.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await notebook.close();
    })();
    return closing;
  };

  return { url: `http://127.0.0.1:${port}/#token=${token}`, port, token, notebook, close };
}
