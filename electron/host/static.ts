/**
 * Static files of the built renderer (out/renderer). Only files inside the renderer folder are
 * served: the URL path is decoded once, must not contain `..` segments, NUL or backslashes, and the
 * real path (after symlinks) must stay inside the folder. `/` serves index.html.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { ok: true; file: string; type: string; size: number }
  | { ok: false; status: 400 | 404; reason: string };

/** Maps a request path (without query) to a file inside `root`, or refuses it. */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed path' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) {
    return { ok: false, status: 400, reason: 'malformed path' };
  }
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 400, reason: 'path traversal refused' };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  let realRoot: string;
  try {
    realRoot = await fs.realpath(root);
  } catch {
    return { ok: false, status: 404, reason: 'the renderer is not built' };
  }
  const candidate = path.resolve(realRoot, relative);
  if (candidate !== realRoot && !candidate.startsWith(realRoot + path.sep)) return { ok: false, status: 400, reason: 'path traversal refused' };
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (!real.startsWith(realRoot + path.sep)) return { ok: false, status: 404, reason: 'not found' };
  const st = await fs.stat(real).catch(() => null);
  if (!st || !st.isFile()) return { ok: false, status: 404, reason: 'not found' };
  return { ok: true, file: real, type: mimeType(real), size: st.size };
}
