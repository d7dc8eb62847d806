/**
 * The on-disk search index cache next to a notebook: a base file and, beside it, a delta that
 * grows by appending.
 *
 * The base (`<file>`) is a small header (magic, cache version, the caller's fingerprint of the
 * notebook state) followed by the serialized index, written whole and atomically
 * (storage/atomic.ts). Writing it costs a pass over every posting (about 4 s and 280 MB at 250,000
 * reports), so it is written only when the index was rebuilt, or when what was added since has
 * grown past a share of it (`compactionDue`), and never by an import.
 *
 * The delta (`<file>.delta`) holds what changed since the base was written: a header naming the
 * base it belongs to (the base's checksum, length and fingerprint hash), then one record per
 * write: "DREC", the payload's length, its checksum, and the payload (delta.ts: the documents,
 * terms and postings added, the documents removed, the counts that changed, and the fingerprint
 * after the change). A write appends one record and syncs the file, so an import writes what it
 * added instead of the whole index. A record cut short or damaged (a crash mid-append) ends the
 * delta: the records before it still apply, and their fingerprint, older than the notebook's, makes
 * the cache stale, so the index is rebuilt (or brought up to date) rather than missing a change.
 * A delta whose header names another base is not used. Writing a new base removes the delta first.
 *
 * A missing, stale (other version or fingerprint) or corrupt cache is a cache miss, never an error.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { syncDir, writeFileAtomic } from '../storage/atomic';
import { decodeDelta, deltaFingerprint, encodeDelta } from './delta';
import { SearchIndex, type SearchIndexOptions } from './engine';
import { checksum } from './format';

/**
 * 2: words are folded without the non-word characters NFKC can bring in; 3: č/š/ž are spelt out
 * and romanisation primes dropped when folding; 4: Arabic ain, wa and ya and the -ah ending romanised as
 * Latin spellings write them; 5: the typo and variant lookup tables are stored; 6: skeletons read th/dh
 * as one dental; 7: hash tables of term and key ids, documents as columns (older caches are rebuilt).
 */
export const CACHE_VERSION = 7;
const MAGIC = 'DSXC';
const DELTA_MAGIC = 'DSXD';
/** 1: the first layout of the delta file. */
const DELTA_VERSION = 1;
/** magic, version, base checksum, base length, base fingerprint hash. */
const DELTA_HEADER = 20;
const RECORD_MAGIC = 0x43455244; // "DREC" read as little-endian u32
const RECORD_HEAD = 12;

export type CacheMissReason = 'missing' | 'version' | 'fingerprint' | 'corrupt';

/** Where a loaded or written cache stands on disk: what a later write appends to. */
export interface CacheState {
  /** The base's identity (written in the delta's header). */
  token: Buffer;
  /** Size of the base file. */
  baseBytes: number;
  /** Size of the delta file through its last record (0: no delta file). */
  deltaBytes: number;
  /** Delta records applied. */
  records: number;
}

export type CacheReadResult =
  | { index: SearchIndex; reason: null; state: CacheState }
  | { index: null; reason: CacheMissReason; detail: string };

/** The delta file beside a cache file. */
export function deltaFileOf(file: string): string {
  return `${file}.delta`;
}

/** FNV-1a of a string's UTF-8 bytes. */
function fnv(b: Buffer): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ (b[i] ?? 0), 0x01000193);
  return h >>> 0;
}

/** A base file's identity: the serialized index's checksum, the file's length, the fingerprint's hash. */
function baseToken(imageChecksum: number, length: number, fp: Buffer): Buffer {
  const t = Buffer.alloc(12);
  t.writeUInt32LE(imageChecksum, 0);
  t.writeUInt32LE(length % 2 ** 32, 4);
  t.writeUInt32LE(fnv(fp), 8);
  return t;
}

/** The token of the base file on disk now, or null when it is missing or unreadable. */
async function tokenOnDisk(file: string): Promise<Buffer | null> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(file, 'r');
    const size = (await h.stat()).size;
    const head = Buffer.alloc(12);
    if ((await h.read(head, 0, 12, 0)).bytesRead < 12 || head.toString('latin1', 0, 4) !== MAGIC) return null;
    const fpLen = head.readUInt32LE(8);
    const fp = Buffer.alloc(fpLen);
    if ((await h.read(fp, 0, fpLen, 12)).bytesRead < fpLen) return null;
    const sum = Buffer.alloc(4);
    if ((await h.read(sum, 0, 4, ((12 + fpLen + 3) & ~3) + 8)).bytesRead < 4) return null;
    return baseToken(sum.readUInt32LE(0), size, fp);
  } catch {
    return null;
  } finally {
    await h?.close().catch(() => undefined);
  }
}

interface DeltaRecords {
  /** Payloads of the records that check out, in order (each aligned to 4 bytes). */
  payloads: Uint8Array[];
  /** Bytes through the last good record. */
  goodBytes: number;
  /** Bytes of the file (more than goodBytes: a record cut short or damaged). */
  fileBytes: number;
}

/** The records of the delta that belongs to the base `token`; none when it is missing or names another base. */
async function readDelta(file: string, token: Buffer): Promise<DeltaRecords> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(deltaFileOf(file));
  } catch {
    return { payloads: [], goodBytes: 0, fileBytes: 0 };
  }
  if (buf.byteOffset % 4 !== 0) buf = Buffer.from(new Uint8Array(buf)); // typed views need alignment
  const fileBytes = buf.length;
  // An empty file is no delta; anything else that is not this base's delta is not appended to.
  const none = { payloads: [], goodBytes: 0, fileBytes };
  if (buf.length < DELTA_HEADER || buf.toString('latin1', 0, 4) !== DELTA_MAGIC || buf.readUInt32LE(4) !== DELTA_VERSION) return none;
  if (!buf.subarray(8, DELTA_HEADER).equals(token)) return none;
  const payloads: Uint8Array[] = [];
  let at = DELTA_HEADER;
  while (at + RECORD_HEAD <= buf.length) {
    const len = buf.readUInt32LE(at + 4);
    if (buf.readUInt32LE(at) !== RECORD_MAGIC || len % 4 !== 0 || at + RECORD_HEAD + len > buf.length) break;
    const payload = new Uint8Array(buf.buffer, buf.byteOffset + at + RECORD_HEAD, len);
    if (checksum(payload, 0) !== buf.readUInt32LE(at + 8)) break;
    payloads.push(payload);
    at += RECORD_HEAD + len;
  }
  return { payloads, goodBytes: at, fileBytes };
}

export interface LoadCacheOptions extends SearchIndexOptions {
  /** Told why a cache could not be used. */
  onMiss?: (reason: CacheMissReason, detail: string) => void;
  /** Accepts a cache written under another fingerprint (see `readIndexCache`). */
  accept?: (stored: string) => boolean;
}

/** Reads a cache file, saying why it could not be used. Never throws for a bad or missing file. */
export async function readIndexCache(
  file: string,
  fingerprint: string,
  opts: SearchIndexOptions = {},
  /** Accepts a cache written under another fingerprint (the caller then brings it up to date). */
  accept: (stored: string) => boolean = () => false,
): Promise<CacheReadResult> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { index: null, reason: code === 'ENOENT' ? 'missing' : 'corrupt', detail: String(code ?? err) };
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC) {
    return { index: null, reason: 'corrupt', detail: 'not a search cache file' };
  }
  const version = buf.readUInt32LE(4);
  if (version !== CACHE_VERSION) return { index: null, reason: 'version', detail: `cache version ${version}` };
  const fpLen = buf.readUInt32LE(8);
  if (12 + fpLen > buf.length) return { index: null, reason: 'corrupt', detail: 'truncated header' };
  const fpBytes = buf.subarray(12, 12 + fpLen);
  const start = (12 + fpLen + 3) & ~3;
  if (start + 12 > buf.length) return { index: null, reason: 'corrupt', detail: 'truncated header' };
  const token = baseToken(buf.readUInt32LE(start + 8), buf.length, fpBytes);
  const delta = await readDelta(file, token);
  let fp = fpBytes.toString('utf8');
  const last = delta.payloads[delta.payloads.length - 1];
  try {
    if (last) fp = deltaFingerprint(last);
  } catch {
    return { index: null, reason: 'corrupt', detail: "unreadable record in the cache's delta" };
  }
  if (fp !== fingerprint && !accept(fp)) return { index: null, reason: 'fingerprint', detail: 'notebook changed since the cache was written' };
  try {
    const index = SearchIndex.adopt(new Uint8Array(buf.buffer, buf.byteOffset + start, buf.length - start), opts);
    for (const payload of delta.payloads) index.applyDelta(decodeDelta(payload).delta);
    index.markSaved();
    // A delta cut short is not appended to (the next write is whole): deltaBytes says so.
    const deltaBytes = delta.goodBytes === delta.fileBytes ? delta.goodBytes : -1;
    return { index, reason: null, state: { token, baseBytes: buf.length, deltaBytes, records: delta.payloads.length } };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const reason: CacheMissReason = /version/.test(msg) ? 'version' : 'corrupt';
    return { index: null, reason, detail: msg };
  }
}

/** Loads a cached index, or null (with a reason given to opts.onMiss) when it cannot be used. */
export async function loadIndexCache(file: string, fingerprint: string, opts: LoadCacheOptions = {}): Promise<SearchIndex | null> {
  const { onMiss, accept, ...indexOpts } = opts;
  const r = await readIndexCache(file, fingerprint, indexOpts, accept);
  if (r.index === null) onMiss?.(r.reason, r.detail);
  return r.index;
}

/**
 * Writes the index whole as the new base: removes the delta first (a delta never outlives its
 * base), then writes atomically (storage/atomic.ts: temp file, fsync, rename, fsync the folder).
 */
export async function saveIndexCache(file: string, fingerprint: string, index: SearchIndex): Promise<CacheState> {
  const data = index.serialize();
  index.markSaved();
  const fp = Buffer.from(fingerprint, 'utf8');
  const headerLen = (12 + fp.length + 3) & ~3;
  const header = Buffer.alloc(headerLen);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(CACHE_VERSION, 4);
  header.writeUInt32LE(fp.length, 8);
  fp.copy(header, 12);
  await fs.rm(deltaFileOf(file), { force: true });
  await writeFileAtomic(file, [header, data]);
  const length = headerLen + data.length;
  return { token: baseToken(new DataView(data.buffer, data.byteOffset, data.length).getUint32(8, true), length, fp), baseBytes: length, deltaBytes: 0, records: 0 };
}

/**
 * Appends what changed in the index since it was loaded or last written (`state`) to the cache's
 * delta, synced before it resolves. Returns the new state, or null when a delta cannot be written
 * and the cache must be written whole: the index was compacted since, the base on disk is not
 * `state`'s any more, or the delta file is not as `state` left it (cut short, or rewritten).
 */
export async function appendIndexDelta(file: string, fingerprint: string, index: SearchIndex, state: CacheState): Promise<CacheState | null> {
  if (state.deltaBytes < 0) return null;
  const onDisk = await tokenOnDisk(file);
  if (!onDisk || !onDisk.equals(state.token)) return null;
  const deltaFile = deltaFileOf(file);
  const size = await fs.stat(deltaFile).then((st) => st.size, () => 0);
  if (size !== state.deltaBytes) return null;
  const delta = index.delta();
  if (!delta) return null;
  index.markSaved();
  const payload = encodeDelta(delta, fingerprint);
  const head = Buffer.alloc(RECORD_HEAD);
  head.writeUInt32LE(RECORD_MAGIC, 0);
  head.writeUInt32LE(payload.length, 4);
  head.writeUInt32LE(checksum(payload, 0), 8);
  const pieces: Uint8Array[] = [head, payload];
  if (size === 0) {
    const fileHead = Buffer.alloc(DELTA_HEADER);
    fileHead.write(DELTA_MAGIC, 0, 'latin1');
    fileHead.writeUInt32LE(DELTA_VERSION, 4);
    state.token.copy(fileHead, 8);
    pieces.unshift(fileHead);
  }
  const h = await fs.open(deltaFile, size === 0 ? 'w' : 'r+');
  try {
    let at = size;
    for (const p of pieces) {
      await h.write(p, 0, p.length, at);
      at += p.length;
    }
    await h.sync();
  } finally {
    await h.close();
  }
  if (size === 0) await syncDir(path.dirname(deltaFile));
  return { ...state, deltaBytes: size + pieces.reduce((n, p) => n + p.length, 0), records: state.records + 1 };
}

/**
 * Writes what changed in the index: appended to the delta of `state` (the cache as this index last
 * read or wrote it), or the whole index when there is no such state or the delta cannot be
 * appended (see `appendIndexDelta`). Returns the cache's new state.
 */
export async function writeIndexCache(file: string, fingerprint: string, index: SearchIndex, state: CacheState | null): Promise<CacheState> {
  const appended = state ? await appendIndexDelta(file, fingerprint, index, state).catch(() => null) : null;
  return appended ?? (await saveIndexCache(file, fingerprint, index));
}
