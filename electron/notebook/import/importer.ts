/**
 * Imports files and folders into a notebook: walks folders recursively, refuses what it cannot
 * read with a clear reason per file, extracts text, skips duplicates by content hash, stores the
 * body and the original as content-addressed blobs, and saves the catalog in durable batches.
 * The returned summary is only given once everything it lists as imported is on disk.
 */
import { promises as fs, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { fileTooLarge, MAX_FILE_BYTES } from '../../api/formats';
import { DossierError, toErrorShape, type ErrorCode } from '../errors';
import type { NotebookFacts, Stores } from '../stores';
import { cleanTitle } from '../reports';
import type { Report } from '../schema/v1';
import { sha256 } from '../storage/blobs';
import { addTags } from '../tags';
import { extractItems, kindForFile, streamsFromDisk, SUPPORTED_EXTENSIONS } from './extract';
import type { Extracted } from './extracted';
import { linkSourceEntities, type SourceEntityLink } from './entity-links';
import { maxBytesFor } from './limits';

/** The stores this module works on. */
export type ImportStores = Pick<Stores, 'reports' | 'blobs' | 'entities'> & Pick<NotebookFacts, 'requireWritable'>;

/** Largest file Dossier imports (the contract's MAX_FILE_BYTES); larger ones are refused with TOO_LARGE. */
export const MAX_IMPORT_BYTES = MAX_FILE_BYTES;
const CONCURRENCY = 16;
/**
 * The catalog is saved (texts made durable, then the changed catalog parts written) every this
 * many reports: one catalog part's worth (CATALOG_PART_SIZE), so a save writes about one part and
 * costs a handful of fsyncs per 2,000 reports. Nothing is acknowledged before its save.
 */
const SAVE_EVERY = 2000;
/** The same inside one many-item file (a Telegram export). */
const SAVE_EVERY_ITEMS = 2000;

export interface ImportOptions {
  tags?: string[];
  source?: string;
  /** Files done of total; `items` counts the posts/messages/pages inside the current file. */
  onProgress?: (p: { done: number; total: number; path: string; items?: { done: number; total: number | null } }) => void;
  signal?: AbortSignal;
  /** OCR languages for images and scanned PDFs (codes: eng, ukr, rus, ara). */
  ocrLanguages?: string[];
}

export interface ImportSummary {
  imported: Array<{ path: string; id: string; title: string }>;
  duplicates: Array<{ path: string; id: string }>;
  /** Items re-imported with a newer revision (an edited Telegram post): their text was replaced. */
  updated?: Array<{ path: string; id: string; title: string }>;
  failed: Array<{ path: string; error: { code: ErrorCode; message: string } }>;
}

interface Candidate {
  path: string;
  /** Content given directly (an upload from the browser) instead of read from `path`. */
  bytes?: Uint8Array;
  /** Set when the walk already knows the file cannot be imported. */
  error?: DossierError;
  /** The size the walk saw. */
  size?: number;
}

/**
 * Files up to this size are read in one synchronous call: for the many small files of a folder
 * import that is a quarter of the cost of open, stat, read and close as four asynchronous steps,
 * and it blocks for well under a millisecond.
 */
const SYNC_READ_BYTES = 256 * 1024;

/** Why a file of this name and size cannot be imported at all (type or size), or null. */
function refusal(name: string, size: number): DossierError | null {
  if (!kindForFile(name)) {
    const ext = path.extname(name) || '(none)';
    return new DossierError('UNSUPPORTED_TYPE', `unsupported file type ${ext} (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`);
  }
  const tooLarge = fileTooLarge(size, maxBytesFor(name, MAX_IMPORT_BYTES));
  return tooLarge ? new DossierError('TOO_LARGE', tooLarge) : null;
}

/**
 * `known` is the entry's real path when the caller knows it without asking the file system: an
 * entry of a listed folder that is not a symbolic link is the folder's real path plus its name.
 */
async function walk(input: string, out: Candidate[], seen: Set<string>, explicit: boolean, known?: string): Promise<void> {
  let st;
  try {
    st = await fs.stat(input);
  } catch (err) {
    const { message } = toErrorShape(err);
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR';
    out.push({ path: input, error: new DossierError(code, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : message) });
    return;
  }
  const real = known ?? (await fs.realpath(input).catch(() => input));
  if (seen.has(real)) return;
  seen.add(real);
  if (st.isDirectory()) {
    let entries: Dirent[];
    try {
      entries = (await fs.readdir(input, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (err) {
      out.push({ path: input, error: new DossierError('IO_ERROR', `cannot read the folder: ${toErrorShape(err).message}`) });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      await walk(path.join(input, e.name), out, seen, false, e.isSymbolicLink() ? undefined : path.join(real, e.name));
    }
    return;
  }
  if (!st.isFile()) {
    if (explicit) out.push({ path: input, error: new DossierError('UNSUPPORTED_TYPE', 'not a regular file') });
    return;
  }
  const error = refusal(input, st.size);
  out.push(error ? { path: input, error } : { path: input, size: st.size });
}

/** Lists what an import of these paths would read, in order, with the files already known to fail. */
export async function collectFiles(paths: string[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const p of paths) await walk(path.resolve(p), out, seen, true);
  return out;
}

export async function importPaths(nb: ImportStores, paths: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  nb.requireWritable();
  if (paths.length === 0) throw new DossierError('INVALID_INPUT', 'give at least one file or folder to import');
  return importCandidates(nb, await collectFiles(paths), opts);
}

/** Imports files whose bytes were handed over (uploads from the browser); `name` is shown and kept. */
export async function importFiles(nb: ImportStores, files: Array<{ name: string; bytes: Uint8Array }>, opts: ImportOptions = {}): Promise<ImportSummary> {
  nb.requireWritable();
  if (files.length === 0) throw new DossierError('INVALID_INPUT', 'give at least one file to import');
  const candidates: Candidate[] = files.map(({ name, bytes }) => {
    const base = path.basename(name.replace(/\\/g, '/')) || 'upload';
    const error = refusal(base, bytes.length);
    return error ? { path: base, error } : { path: base, bytes };
  });
  return importCandidates(nb, candidates, opts, true);
}

async function importCandidates(nb: ImportStores, candidates: Candidate[], opts: ImportOptions, uploaded = false): Promise<ImportSummary> {
  const tags = addTags([], opts.tags ?? []);
  const source = opts.source?.trim() || null;
  const summary: ImportSummary = { imported: [], duplicates: [], failed: [] };
  const pendingHashes = new Map<string, string>();
  let done = 0;
  let sinceSave = 0;
  let next = 0;

  let keyed: Map<string, Report> | null = null;
  const byItemKey = (): Map<string, Report> => {
    keyed ??= new Map(nb.reports.all().flatMap((r) => (r.itemKey ? [[r.itemKey, r] as const] : [])));
    return keyed;
  };
  const links: SourceEntityLink[] = [];

  /**
   * Stores one extracted item. The decision (new, duplicate, edited) and the summary entry are made
   * before the first await, so items stored concurrently keep their order in the summary.
   */
  const storeItem = async (c: Candidate, ex: Extracted, file: Buffer | null): Promise<void> => {
    const contentHash = sha256(ex.text);
    const previous = ex.itemKey ? byItemKey().get(ex.itemKey) : undefined;
    if (previous && (previous.revision === ex.revision || previous.contentHash === contentHash)) {
      summary.duplicates.push({ path: c.path, id: previous.id });
      return;
    }
    const existing = previous ? undefined : (nb.reports.byContentHash(contentHash)?.id ?? pendingHashes.get(contentHash));
    if (existing) {
      summary.duplicates.push({ path: c.path, id: existing });
      return;
    }
    const id = previous?.id ?? nb.reports.newId();
    pendingHashes.set(contentHash, id);
    const title = cleanTitle(ex.title || path.basename(c.path, path.extname(c.path)) || id);
    const entry = { path: c.path, id, title };
    const list = previous ? (summary.updated ??= []) : summary.imported;
    list.push(entry);
    try {
      const original = ex.original ?? { bytes: file ?? Buffer.alloc(0), ext: path.extname(c.path), name: path.basename(c.path) };
      const originalBytes = Buffer.from(original.bytes.buffer, original.bytes.byteOffset, original.bytes.byteLength);
      const bodyRef = nb.blobs.bodyRef(contentHash);
      // A UTF-8 text file whose bytes are exactly its text is stored once: the body is the original.
      const sameBytes = ex.encoding === 'UTF-8' && originalBytes.length === Buffer.byteLength(ex.text) && originalBytes.equals(Buffer.from(ex.text));
      const originalRef = sameBytes ? bodyRef : nb.blobs.originalRef(sha256(originalBytes), original.ext);
      await Promise.all([nb.blobs.put(bodyRef, ex.text), sameBytes ? undefined : nb.blobs.put(originalRef, originalBytes)]);
      const now = new Date().toISOString();
      const report: Report = {
        id,
        title,
        source: source ?? (uploaded ? `uploaded file ${c.path}` : c.path),
        author: ex.author,
        publishedAt: ex.publishedAt,
        importedAt: previous?.importedAt ?? now,
        updatedAt: now,
        tags: previous ? addTags(previous.tags, tags) : tags,
        format: ex.kind,
        mime: ex.mime,
        contentHash,
        bodyRef,
        originalRef,
        originalName: original.name,
        size: originalBytes.length,
        chars: ex.text.length,
        encoding: ex.encoding,
        ...(ex.pageStarts ? { pageStarts: ex.pageStarts } : {}),
        ...(ex.link ? { link: ex.link } : {}),
        ...(ex.itemKey ? { itemKey: ex.itemKey } : {}),
        ...(ex.revision ? { revision: ex.revision } : {}),
        ...(ex.fields?.length ? { fields: ex.fields } : {}),
        ...(ex.ocr ? { ocr: ex.ocr } : {}),
      };
      if (previous) nb.reports.replace(report);
      else nb.reports.add(report);
      if (ex.itemKey) byItemKey().set(ex.itemKey, report);
      if (ex.entities?.length) links.push({ reportId: id, entities: ex.entities, replace: previous !== undefined });
      sinceSave++;
    } catch (err) {
      list.splice(list.indexOf(entry), 1); // not stored: not listed
      throw err;
    } finally {
      pendingHashes.delete(contentHash);
    }
  };

  const importOne = async (c: Candidate): Promise<void> => {
    if (c.error) throw c.error;
    const name = path.basename(c.path);
    // Telegram exports are streamed from disk; everything else is read whole (within its limit).
    const streamed = !c.bytes && streamsFromDisk(name);
    const file = streamed ? null : c.bytes ? Buffer.from(c.bytes) : c.size !== undefined && c.size <= SYNC_READ_BYTES ? readFileSync(c.path) : await fs.readFile(c.path);
    if (file && file.length > maxBytesFor(name, MAX_IMPORT_BYTES)) throw new DossierError('TOO_LARGE', 'the file grew past the size limit while importing');
    const items = await extractItems({
      name,
      // A copy: parsers may take over the buffer they are given, and the original bytes are stored below.
      ...(file ? { bytes: new Uint8Array(file) } : { path: c.path }),
      signal: opts.signal,
      ...(opts.ocrLanguages ? { ocrLanguages: opts.ocrLanguages } : {}),
      onItemProgress: (items) => opts.onProgress?.({ done, total: candidates.length, path: c.path, items }),
    });
    // The items of one file (posts of an export) are stored a few at a time, like files are.
    const inflight = new Set<Promise<void>>();
    let failure: { err: unknown } | null = null;
    try {
      for await (const ex of items) {
        if (opts.signal?.aborted || failure) break;
        const p: Promise<void> = storeItem(c, ex, file)
          .catch((err: unknown) => void (failure ??= { err }))
          .finally(() => inflight.delete(p));
        inflight.add(p);
        if (inflight.size >= CONCURRENCY) await Promise.race(inflight);
        if (sinceSave >= SAVE_EVERY_ITEMS) {
          sinceSave = 0;
          await nb.reports.save();
        }
      }
    } finally {
      await Promise.all(inflight);
    }
    if (failure) throw (failure as { err: unknown }).err;
  };

  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      if (opts.signal?.aborted) return;
      const c = candidates[next++];
      if (!c) return;
      try {
        await importOne(c);
      } catch (err) {
        summary.failed.push({ path: c.path, error: toErrorShape(err) });
      }
      done++;
      opts.onProgress?.({ done, total: candidates.length, path: c.path });
      if (sinceSave >= SAVE_EVERY) {
        sinceSave = 0;
        await nb.reports.save();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, Math.max(1, candidates.length)) }, worker));
  if (summary.imported.length > 0 || sinceSave > 0) await nb.reports.save();
  if (links.length > 0) await linkSourceEntities(nb, links);
  const order = new Map(candidates.map((c, i) => [c.path, i]));
  const byOrder = (a: { path: string }, b: { path: string }): number => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0);
  summary.imported.sort(byOrder);
  summary.duplicates.sort(byOrder);
  summary.failed.sort(byOrder);
  summary.updated?.sort(byOrder);
  return summary;
}
