/**
 * The export folder's safety rules, in one place. Export writes and deletes only real files it
 * created itself:
 *
 * - The folder is resolved with `realpath` before anything is created. A folder that is itself a
 *   symbolic link, that resolves into the notebook, or that holds the notebook is refused, and a
 *   refused export creates nothing (not even an empty folder).
 * - Nothing inside the folder is followed: the walk uses `lstat` semantics, so a symbolic link (to
 *   a file, a folder or a parent), a FIFO or a device is always someone else's, never ours.
 * - The manifest (`.dossier-export.json`) lists every file with its SHA-256 and is signed with an
 *   HMAC under a per-notebook secret (`export.key` in the notebook folder, created once). A manifest
 *   this notebook did not sign is not trusted, and a listed file whose content changed since the
 *   export (edited, replaced, hard-linked to something else) counts as the user's, not ours.
 * - Clean-up removes only regular files that a trusted manifest lists, with the exact layout export
 *   writes (`index.md`, `notes|entities|reports/<name>.md`) and the content export wrote.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { DossierError } from '../errors';
import { writeFileAtomic } from '../storage/atomic';

export const MANIFEST = '.dossier-export.json';
/** The per-notebook secret that signs export manifests. */
export const EXPORT_KEY_FILE = 'export.key';
const MANIFEST_VERSION = 2;
/** Folder names export writes into; nothing else is ever created or removed. */
export const EXPORT_DIRS = ['notes', 'entities', 'reports'] as const;
const FOREIGN_SHOWN = 3;

export interface ManifestEntry {
  path: string;
  sha256: string;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function lstatOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

function within(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** True for a path exactly as export writes it: `index.md` or `<notes|entities|reports>/<name>.md`. */
export function isExportPath(rel: string): boolean {
  if (rel === 'index.md') return true;
  const parts = rel.split('/');
  if (parts.length !== 2) return false;
  const [dir, name] = parts as [string, string];
  return (
    (EXPORT_DIRS as readonly string[]).includes(dir) &&
    name.endsWith('.md') &&
    name !== '.md' &&
    !name.startsWith('.') &&
    !/[\\/\u0000]/.test(name)
  );
}

// ---- the per-notebook key ------------------------------------------------------------------

const KEY_RE = /^[0-9a-f]{64}$/;

async function readKey(file: string): Promise<Buffer | null> {
  const st = await lstatOrNull(file);
  if (!st) return null;
  if (!st.isFile()) throw new DossierError('CORRUPT', `${file} is not a regular file; remove it and export again`);
  const text = (await fs.readFile(file, 'utf8')).trim();
  if (!KEY_RE.test(text)) throw new DossierError('CORRUPT', `${file} is damaged; remove it (exports made before become foreign folders) and export again`);
  return Buffer.from(text, 'hex');
}

/**
 * The notebook's export key, created on first use. Creation is atomic and never replaces a key
 * (a temp file hard-linked into place), so two exports racing agree on one key. Null when the
 * notebook folder cannot be written (a read-only disk): such an export signs nothing and its
 * folder is later treated as foreign.
 */
export async function exportKey(nbDir: string): Promise<Buffer | null> {
  const file = path.join(nbDir, EXPORT_KEY_FILE);
  const existing = await readKey(file);
  if (existing) return existing;
  const tmp = path.join(nbDir, `.${EXPORT_KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    const handle = await fs.open(tmp, 'r');
    await handle.sync().finally(() => handle.close());
    await fs.link(tmp, file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return null;
    throw err;
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
  return readKey(file);
}

// ---- the manifest ------------------------------------------------------------------------------

function mac(key: Buffer, exportedAt: string, files: ManifestEntry[]): string {
  const payload = JSON.stringify(['dossier-export', MANIFEST_VERSION, exportedAt, files.map((f) => [f.path, f.sha256])]);
  return createHmac('sha256', key).update(payload).digest('hex');
}

export function manifestText(key: Buffer | null, files: ManifestEntry[], exportedAt = new Date().toISOString()): string {
  return JSON.stringify({ app: 'dossier', version: MANIFEST_VERSION, exportedAt, files, mac: key ? mac(key, exportedAt, files) : null }, null, 2);
}

/**
 * The files a manifest vouches for, keyed by path, or null when it is absent, not a regular file,
 * not signed by this notebook's key, or lists anything export would never write (`..`, absolute
 * paths, other folders).
 */
async function trustedManifest(root: string, key: Buffer | null): Promise<Map<string, string> | null> {
  if (!key) return null;
  const file = path.join(root, MANIFEST);
  const st = await lstatOrNull(file);
  if (!st?.isFile() || st.size > 64 * 1024 * 1024) return null;
  try {
    const raw = JSON.parse(await fs.readFile(file, 'utf8')) as { app?: unknown; version?: unknown; exportedAt?: unknown; files?: unknown; mac?: unknown };
    if (raw.app !== 'dossier' || raw.version !== MANIFEST_VERSION || typeof raw.exportedAt !== 'string' || typeof raw.mac !== 'string' || !Array.isArray(raw.files)) return null;
    const files: ManifestEntry[] = [];
    for (const f of raw.files as unknown[]) {
      const e = f as { path?: unknown; sha256?: unknown } | null;
      if (!e || typeof e.path !== 'string' || typeof e.sha256 !== 'string' || !isExportPath(e.path) || !/^[0-9a-f]{64}$/.test(e.sha256)) return null;
      files.push({ path: e.path, sha256: e.sha256 });
    }
    const want = Buffer.from(mac(key, raw.exportedAt, files), 'hex');
    const got = Buffer.from(raw.mac, 'hex');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
    return new Map(files.map((f) => [f.path, f.sha256]));
  } catch {
    return null;
  }
}

// ---- the folder ----------------------------------------------------------------------------------

export interface ExportFolder {
  /** The real, absolute path of the folder (it may not exist yet). */
  root: string;
  /** The nearest existing ancestor (real path) and the components below it that writing creates. */
  base: string;
  missing: string[];
  /** Files of an earlier export into this folder that export may replace or remove. */
  ours: Map<string, string>;
  key: Buffer | null;
}

/**
 * Resolves and checks the export folder without creating or changing anything. Throws
 * INVALID_INPUT for a folder in (or holding) the notebook, a symbolic link or a file, and FORBIDDEN
 * for a folder holding anything this notebook did not export.
 */
export async function checkExportFolder(outDir: string, nbDir: string): Promise<ExportFolder> {
  // path.resolve removes `..` lexically (`NB/../NB/x` is `NB/x`); realpath then resolves the
  // symbolic links among the ancestors that exist.
  const requested = path.resolve(outDir);
  const st = await lstatOrNull(requested);
  if (st?.isSymbolicLink()) throw new DossierError('INVALID_INPUT', `${requested} is a symbolic link; choose the real folder it points to`);
  if (st && !st.isDirectory()) throw new DossierError('INVALID_INPUT', `${requested} is a file, not a folder`);
  const missing: string[] = [];
  let base = requested;
  while (!(await lstatOrNull(base))) {
    const parent = path.dirname(base);
    if (parent === base) break;
    missing.unshift(path.basename(base));
    base = parent;
  }
  let baseReal: string;
  try {
    baseReal = await fs.realpath(base);
  } catch {
    throw new DossierError('INVALID_INPUT', `cannot reach ${base} (a broken link?)`);
  }
  if (missing.length && !(await fs.stat(baseReal)).isDirectory()) throw new DossierError('INVALID_INPUT', `${baseReal} is a file, not a folder`);
  const root = path.join(baseReal, ...missing);
  const nbReal = await fs.realpath(nbDir).catch(() => path.resolve(nbDir));
  if (within(nbReal, root)) throw new DossierError('INVALID_INPUT', 'choose an export folder outside the notebook folder');
  if (within(root, nbReal)) throw new DossierError('INVALID_INPUT', `${root} holds the notebook; choose an export folder outside it`);

  const key = await exportKey(nbDir);
  if (missing.length) return { root, base: baseReal, missing, ours: new Map(), key };
  const manifest = await trustedManifest(root, key);
  const ours = new Map<string, string>();
  const foreign: string[] = [];
  let more = false;
  const note = (rel: string): boolean => {
    if (foreign.length < FOREIGN_SHOWN) foreign.push(rel);
    else more = true;
    return more;
  };
  // Walk without following anything: Dirent types come from lstat, so a link is never a folder.
  const walk = async (rel: string): Promise<boolean> => {
    for (const ent of await fs.readdir(rel ? path.join(root, ...rel.split('/')) : root, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) {
        if (await walk(r)) return true;
        continue;
      }
      if (r === MANIFEST && manifest) continue;
      const hash = manifest?.get(r);
      if (ent.isFile() && hash && sha256(await fs.readFile(path.join(root, ...r.split('/')))) === hash) {
        ours.set(r, hash);
        continue;
      }
      const kind = ent.isSymbolicLink() ? ' (a link)' : !ent.isFile() ? ' (not a file)' : hash ? ' (changed since the export)' : '';
      if (note(`${r}${kind}`)) return true;
    }
    return false;
  };
  await walk('');
  if (foreign.length) {
    throw new DossierError(
      'FORBIDDEN',
      `${root} already holds files Dossier did not export (${foreign.join(', ')}${more ? ' and more' : ''}); choose an empty folder`,
    );
  }
  return { root, base: baseReal, missing, ours, key };
}

/** Creates the folder's missing components one by one and checks it still resolves where it was checked. */
async function createFolder(folder: ExportFolder): Promise<void> {
  let at = folder.base;
  for (const part of folder.missing) {
    at = path.join(at, part);
    await fs.mkdir(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
  const st = await fs.lstat(folder.root);
  if (!st.isDirectory() || (await fs.realpath(folder.root)) !== folder.root) throw new DossierError('FORBIDDEN', `${folder.root} changed while exporting`);
}

/** A real sub-folder of the export folder (`notes`, …), created if missing; never a link. */
async function ensureDir(root: string, name: string): Promise<void> {
  const dir = path.join(root, name);
  const st = await lstatOrNull(dir);
  if (!st) await fs.mkdir(dir);
  else if (!st.isDirectory()) throw new DossierError('FORBIDDEN', `refusing to write through ${dir}: it is not a real folder`);
}

/**
 * Writes `files` (export paths to content) into a checked folder, removes the earlier export's
 * files that are no longer produced, and writes the signed manifest. Returns the absolute paths written.
 */
export async function writeExport(folder: ExportFolder, files: Map<string, string>): Promise<string[]> {
  const { root } = folder;
  await createFolder(folder);
  const entries: ManifestEntry[] = [];
  const written: string[] = [];
  const made = new Set<string>();
  for (const [rel, content] of files) {
    if (!isExportPath(rel)) throw new DossierError('INTERNAL', `export produced an unexpected path: ${rel}`);
    const parts = rel.split('/');
    if (parts.length === 2 && !made.has(parts[0] as string)) {
      await ensureDir(root, parts[0] as string);
      made.add(parts[0] as string);
    }
    const full = path.join(root, ...parts);
    const st = await lstatOrNull(full);
    if (st && (!st.isFile() || !folder.ours.has(rel))) throw new DossierError('FORBIDDEN', `refusing to replace ${full}: Dossier did not write it`);
    await writeFileAtomic(full, content);
    entries.push({ path: rel, sha256: sha256(content) });
    written.push(full);
  }
  for (const [rel, hash] of folder.ours) {
    if (files.has(rel)) continue;
    const parts = rel.split('/');
    if (parts.length === 2 && !(await lstatOrNull(path.join(root, parts[0] as string)))?.isDirectory()) continue;
    const full = path.join(root, ...parts);
    const st = await lstatOrNull(full);
    if (!st?.isFile() || sha256(await fs.readFile(full)) !== hash) continue;
    await fs.unlink(full);
  }
  // A sub-folder the earlier export filled and this one does not use goes too, when empty.
  for (const dir of EXPORT_DIRS) {
    if (made.has(dir) || ![...folder.ours.keys()].some((rel) => rel.startsWith(`${dir}/`))) continue;
    const st = await lstatOrNull(path.join(root, dir));
    if (st?.isDirectory()) await fs.rmdir(path.join(root, dir)).catch(() => undefined); // only when empty
  }
  const manifest = path.join(root, MANIFEST);
  const mst = await lstatOrNull(manifest);
  if (mst && !mst.isFile()) throw new DossierError('FORBIDDEN', `refusing to replace ${manifest}: it is not a regular file`);
  await writeFileAtomic(manifest, manifestText(folder.key, entries));
  return written;
}
