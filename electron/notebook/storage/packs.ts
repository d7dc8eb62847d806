/**
 * Pack files: many small content-addressed blobs (report bodies, small originals) appended to a few
 * large files instead of one file each, so a 1.7 KB report costs about 1.8 KB on disk instead of two
 * file-system blocks.
 *
 *   texts/pack-000001.dpk   records, appended:  "DPK1" | u32 flags | u32 length | sha256 (32) | bytes
 *                           (flags bit 0: the bytes are deflated; originals are, as they are rarely read)
 *   texts/pack-000001.idx   one 48-byte entry per record: sha256 | u32 pack | u32 offset | u32 length | u32 check
 *
 * A blob's address is the sha256 of its bytes, so a record is its own checksum and a blob stored
 * twice is harmless (the later copy wins). Appends go to the highest-numbered pack. Durability:
 * `sync()` fsyncs the packs first and only then appends and fsyncs their index entries, so every
 * index entry points at durable bytes. A crash can leave a torn tail (a half record, or records
 * without index entries): on open the bytes past the last indexed record are scanned, whole
 * records whose checksum holds are indexed again, and the first bad byte ends the pack (a writable
 * open cuts the tail off). Compaction (`gc`) copies the live records of packs that hold dead ones
 * into new, higher-numbered packs, makes those durable with their index, and only then deletes the
 * old packs: a kill at any point leaves every live blob readable (at worst twice).
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  read as readAt,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DossierError } from '../errors';
import { syncDir } from './atomic';

export const PACK_DIR = 'texts';
/**
 * A pack is closed for appends once it passes this size (DOSSIER_PACK_MAX_BYTES overrides it, so
 * tests and benchmarks can make many small packs).
 */
export function packMaxBytes(): number {
  const n = Number(process.env.DOSSIER_PACK_MAX_BYTES);
  return n > 0 ? n : 64 * 1024 * 1024;
}
const MAGIC = 0x314b5044; // "DPK1" little-endian
const HEADER = 44;
const ENTRY = 48;
const PACK_RE = /^pack-(\d{6})\.dpk$/;
/** Reads a read-only store answers from the index files' bytes before it loads the whole index. */
const DIRECT_READS = 64;

const packName = (n: number): string => `pack-${String(n).padStart(6, '0')}.dpk`;
const idxName = (n: number): string => `pack-${String(n).padStart(6, '0')}.idx`;

export interface PackLocation {
  pack: number;
  offset: number;
  length: number;
}

export interface GcStep {
  step: 'copied' | 'synced' | 'indexed' | 'removed';
  pack?: number;
}

export interface GcResult {
  /** Packs rewritten (each held at least one dead record). */
  packsCompacted: number;
  recordsKept: number;
  recordsDropped: number;
  bytesBefore: number;
  bytesAfter: number;
}

interface PackState {
  n: number;
  /** Bytes of whole, valid records (where the next append goes, for the active pack). */
  size: number;
  /** Bytes of the index file that hold valid entries. */
  idxSize: number;
  fd: number | null;
  /** The handle appends go through (opened on the first append). */
  wh: Promise<fsp.FileHandle> | null;
  /** Index entries of records written but not yet made durable by `sync()`. */
  unsynced: Buffer[];
  /** Writes in flight to this pack. */
  writing: Set<Promise<unknown>>;
  /** Records claimed but not yet written: written together in one positional write (see `append`). */
  queue: QueuedRecord[];
  queuedBytes: number;
}

interface QueuedRecord {
  rec: Buffer;
  offset: number;
  entry: Buffer;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Queued records are written at the latest once this many bytes wait (else on the next turn of the event loop). */
const QUEUE_FLUSH_BYTES = 1024 * 1024;

const sha = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

/** The CRC-32 (IEEE, as zlib's `crc32`) lookup table. */
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/**
 * The CRC-32 of an index entry's first 44 bytes at `at` (the same number zlib's `crc32` gives). In
 * JavaScript rather than one native call per entry: opening 250k reports checks half a million
 * entries, and the call overhead was most of the cost.
 */
function entryCheck(e: Buffer, at = 0): number {
  let c = -1;
  for (let i = at; i < at + 44; i++) c = (CRC_TABLE[(c ^ (e[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const DEFLATED = 1;

/** Whether the index entry at `idx[at..]` is intact (its check holds) and names pack `n`. */
function entryHolds(idx: Buffer, at: number, n: number): boolean {
  return idx.readUInt32LE(at + 44) === entryCheck(idx, at) && idx.readUInt32LE(at + 32) === n;
}

/** The blob of the record at `offset` (`length` stored bytes) of an open pack, or null when it is not there whole and intact. */
function readBlobAt(fd: number, offset: number, length: number, hash: Uint8Array): Buffer | null {
  const rec = Buffer.alloc(HEADER + length);
  return readSync(fd, rec, 0, rec.length, offset) === rec.length ? decode(rec, hash) : null;
}

/** The blob a whole record (header and stored bytes) holds, or null when it is not intact. */
function decode(rec: Buffer, hash: Uint8Array): Buffer | null {
  if (rec.length < HEADER || rec.readUInt32LE(0) !== MAGIC) return null;
  let body = rec.subarray(HEADER);
  if (rec.readUInt32LE(4) & DEFLATED) {
    try {
      body = inflateRawSync(body);
    } catch {
      return null;
    }
  }
  return sha(body).equals(hash) ? body : null;
}

export class PackStore {
  private readonly dir: string;
  private packs = new Map<number, PackState>();
  private loaded = false;
  /** Entries, 48 bytes each, in the index format; the in-memory index points into this. */
  private entries = Buffer.alloc(0);
  private count = 0;
  /**
   * Open-addressing hash table over `entries`: slot -> entry number + 1 (0 is empty), probed
   * linearly from the hash's first four bytes (sha256 bytes are uniform). A blob stored twice keeps
   * one slot, pointing at its later entry. Typed, so a quarter of a million entries cost a few MB
   * and no per-entry objects.
   */
  private table = new Int32Array(0);
  /** Bytes 4..8 of the hash in each slot, compared before the whole hash. */
  private tags = new Int32Array(0);
  private readonly pending = new Map<string, Promise<void>>();
  private syncing: Promise<void> = Promise.resolve();
  private dirDirty = false;
  /** Reads answered from the index files' bytes so far, and those bytes by pack (see readDirect). */
  private directReads = 0;
  private idxBytes: Map<number, Buffer | null> | null = null;

  constructor(
    root: string,
    private readonly writable: boolean,
  ) {
    this.dir = path.join(root, PACK_DIR);
  }

  // ---- the in-memory index ----

  /**
   * The slot of the hash at `buf[o..o+32]`: the one that holds it, or the empty one where it goes.
   * The table must have room (it is kept at most half full).
   */
  private slotOf(buf: Buffer, o: number): number {
    const mask = this.table.length - 1;
    let slot = buf.readUInt32LE(o) & mask;
    const tag = buf.readInt32LE(o + 4);
    for (;;) {
      const cur = this.table[slot] ?? 0;
      if (cur === 0 || (this.tags[slot] === tag && buf.compare(this.entries, (cur - 1) * ENTRY, (cur - 1) * ENTRY + 32, o, o + 32) === 0)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Adds entries `from`..`count` to the hash table, growing it to stay at most half full. */
  private indexEntries(from: number): void {
    if (this.count * 2 > this.table.length) {
      let size = Math.max(1024, this.table.length);
      while (this.count * 2 > size) size *= 2;
      this.table = new Int32Array(size);
      this.tags = new Int32Array(size);
      from = 0;
    }
    for (let at = from; at < this.count; at++) {
      const slot = this.slotOf(this.entries, at * ENTRY);
      this.table[slot] = at + 1;
      this.tags[slot] = this.entries.readInt32LE(at * ENTRY + 4);
    }
  }

  /** Appends whole 48-byte entries (one or many) to `entries` and indexes them. */
  private addEntries(block: Buffer): void {
    const n = block.length / ENTRY;
    if ((this.count + n) * ENTRY > this.entries.length) {
      const grown = Buffer.alloc(Math.max(ENTRY * 1024, this.entries.length * 2, (this.count + n) * ENTRY));
      this.entries.copy(grown, 0, 0, this.count * ENTRY);
      this.entries = grown;
    }
    block.copy(this.entries, this.count * ENTRY);
    const from = this.count;
    this.count += n;
    this.indexEntries(from);
  }

  private find(hashHex: string): number {
    const hash = Buffer.from(hashHex, 'hex');
    if (hash.length !== 32 || this.table.length === 0) return -1;
    return (this.table[this.slotOf(hash, 0)] ?? 0) - 1;
  }

  private location(at: number): PackLocation {
    const o = at * ENTRY;
    return { pack: this.entries.readUInt32LE(o + 32), offset: this.entries.readUInt32LE(o + 36), length: this.entries.readUInt32LE(o + 40) };
  }

  private static entry(hash: Buffer, loc: PackLocation): Buffer {
    const e = Buffer.alloc(ENTRY);
    hash.copy(e, 0);
    e.writeUInt32LE(loc.pack, 32);
    e.writeUInt32LE(loc.offset, 36);
    e.writeUInt32LE(loc.length, 40);
    e.writeUInt32LE(entryCheck(e), 44);
    return e;
  }

  // ---- loading and recovery ----

  private packNumbers(): number[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .map((n) => PACK_RE.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  private ensureLoaded(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.idxBytes = null;
    const numbers = this.packNumbers();
    this.reserve(numbers.reduce((sum, n) => sum + this.idxEntriesOnDisk(n), 0));
    for (const n of numbers) this.loadPack(n);
  }

  /** How many entries pack `n`'s index file holds (0 when it is missing). */
  private idxEntriesOnDisk(n: number): number {
    try {
      return Math.floor(statSync(path.join(this.dir, idxName(n))).size / ENTRY);
    } catch {
      return 0;
    }
  }

  /**
   * Sizes the entries and the hash table for `n` entries (and an import's worth more) at once, so
   * loading a quarter of a million entries neither copies the entries as they grow nor rehashes
   * them each time the table doubles.
   */
  private reserve(n: number): void {
    const want = n + (n >> 3) + 1024;
    if (want * ENTRY > this.entries.length) {
      const grown = Buffer.alloc(want * ENTRY);
      this.entries.copy(grown, 0, 0, this.count * ENTRY);
      this.entries = grown;
    }
    let size = Math.max(1024, this.table.length);
    while (want * 2 > size) size *= 2;
    if (size > this.table.length) {
      this.table = new Int32Array(size);
      this.tags = new Int32Array(size);
      this.indexEntries(0);
    }
  }

  /** Reads one pack's index (and any records past it); new entries only, so it also refreshes. */
  private loadPack(n: number): void {
    let st = this.packs.get(n);
    if (!st) {
      st = { n, size: 0, idxSize: 0, fd: null, wh: null, unsynced: [], writing: new Set(), queue: [], queuedBytes: 0 };
      this.packs.set(n, st);
    }
    const packFile = path.join(this.dir, packName(n));
    let fd: number;
    try {
      fd = this.openPack(st);
    } catch {
      return;
    }
    const fileSize = fstatSync(fd).size;
    // Index entries from where this process last read.
    let idx: Buffer;
    try {
      idx = readFileSync(path.join(this.dir, idxName(n)));
    } catch {
      idx = Buffer.alloc(0);
    }
    const first = st.idxSize;
    let at = first;
    let maxEnd = st.size;
    let covered = 0;
    for (; at + ENTRY <= idx.length; at += ENTRY) {
      const offset = idx.readUInt32LE(at + 36);
      const length = idx.readUInt32LE(at + 40);
      if (!entryHolds(idx, at, n) || offset + HEADER + length > fileSize) break;
      covered += HEADER + length;
      maxEnd = Math.max(maxEnd, offset + HEADER + length);
    }
    this.addEntries(idx.subarray(first, at));
    const idxTorn = at < idx.length;
    st.idxSize = at;
    // Records the index does not list: written before a crash, or before their index entries
    // (entries are written in the order appends finished, so a torn index can leave gaps).
    let scanFrom = maxEnd;
    const known = new Set<number>();
    if (covered < fileSize && st.size === 0) {
      const spans: Array<[number, number]> = [];
      for (let o = first; o < at; o += ENTRY) {
        const offset = idx.readUInt32LE(o + 36);
        spans.push([offset, offset + HEADER + idx.readUInt32LE(o + 40)]);
      }
      spans.sort((a, b) => a[0] - b[0]);
      scanFrom = 0;
      for (const [from, to] of spans) {
        if (from > scanFrom) break;
        scanFrom = Math.max(scanFrom, to);
      }
      for (const [from] of spans) if (from >= scanFrom) known.add(from);
    }
    const recovered: Buffer[] = [];
    const head = Buffer.alloc(HEADER);
    let end = scanFrom;
    while (end + HEADER <= fileSize) {
      if (readSync(fd, head, 0, HEADER, end) !== HEADER || head.readUInt32LE(0) !== MAGIC) break;
      const length = head.readUInt32LE(8);
      if (end + HEADER + length > fileSize) break;
      if (!known.has(end)) {
        const hash = head.subarray(12, 44);
        if (!readBlobAt(fd, end, length, hash)) break;
        const e = PackStore.entry(Buffer.from(hash), { pack: n, offset: end, length });
        this.addEntries(e);
        recovered.push(e);
      }
      end += HEADER + length;
    }
    // Never cut off a record the index lists, even past a damaged stretch.
    end = Math.max(end, maxEnd);
    st.size = end;
    if (this.writable && (end < fileSize || idxTorn || recovered.length > 0)) {
      // Cut the torn tail off and make the index whole again.
      this.closePack(st);
      const wfd = openSync(packFile, 'r+');
      try {
        if (end < fileSize) ftruncateSync(wfd, end);
        fsyncSync(wfd);
      } finally {
        closeSync(wfd);
      }
      const ifd = openSync(path.join(this.dir, idxName(n)), existsSync(path.join(this.dir, idxName(n))) ? 'r+' : 'w');
      try {
        ftruncateSync(ifd, st.idxSize);
        const more = Buffer.concat(recovered);
        if (more.length) writeSync(ifd, more, 0, more.length, st.idxSize);
        st.idxSize += more.length;
        fsyncSync(ifd);
      } finally {
        closeSync(ifd);
      }
    }
  }

  private openPack(st: PackState): number {
    if (st.fd === null) st.fd = openSync(path.join(this.dir, packName(st.n)), this.writable ? 'r+' : 'r');
    return st.fd;
  }

  private closePack(st: PackState): void {
    if (st.fd !== null) closeSync(st.fd);
    st.fd = null;
    const wh = st.wh;
    st.wh = null;
    if (wh) void wh.then((h) => h.close()).catch(() => undefined);
  }

  private writeHandle(st: PackState): Promise<fsp.FileHandle> {
    if (!st.wh) {
      st.wh = fsp.open(path.join(this.dir, packName(st.n)), 'r+');
      st.wh.catch(() => (st.wh = null));
    }
    return st.wh;
  }

  /** Picks up packs and entries another process wrote since this one loaded (a reader beside a writer). */
  private refresh(): void {
    if (!this.loaded) return this.ensureLoaded();
    if (this.writable) return; // the one writer knows everything it wrote
    for (const n of this.packNumbers()) this.loadPack(n);
  }

  // ---- reading ----

  has(hashHex: string): boolean {
    this.ensureLoaded();
    return this.find(hashHex) >= 0;
  }

  /**
   * A read-only store's first few reads (the CLI's search: ten hits' texts) look the hash up in the
   * index files' bytes instead of loading every entry into the hash table (half a million at 250k
   * reports): an entry at a whole entry's offset whose check holds, then the record, whose sha256
   * must be the hash. Anything else (not found, a torn index, a pack gone) is left to the full
   * index, loaded as before; so is every read past DIRECT_READS.
   */
  private readDirect(hashHex: string): Buffer | null {
    if (this.loaded || this.writable || this.directReads >= DIRECT_READS) return null;
    this.directReads++;
    const hash = Buffer.from(hashHex, 'hex');
    if (hash.length !== 32) return null;
    this.idxBytes ??= new Map(this.packNumbers().map((n) => [n, null]));
    for (const n of [...this.idxBytes.keys()].reverse()) {
      let idx = this.idxBytes.get(n) ?? null;
      if (!idx) {
        try {
          idx = readFileSync(path.join(this.dir, idxName(n)));
        } catch {
          continue;
        }
        this.idxBytes.set(n, idx);
      }
      for (let at = idx.indexOf(hash); at >= 0; at = idx.indexOf(hash, at + 1)) {
        if (at % ENTRY !== 0 || at + ENTRY > idx.length || !entryHolds(idx, at, n)) continue;
        let fd: number;
        try {
          fd = openSync(path.join(this.dir, packName(n)), 'r');
        } catch {
          return null;
        }
        try {
          const body = readBlobAt(fd, idx.readUInt32LE(at + 36), idx.readUInt32LE(at + 40), hash);
          if (body) return body;
        } catch {
          return null;
        } finally {
          closeSync(fd);
        }
      }
    }
    return null;
  }

  /** The bytes of a blob, or null when no pack holds it. Throws CORRUPT when the stored copy is damaged. */
  read(hashHex: string): Buffer | null {
    const direct = this.readDirect(hashHex);
    if (direct) return direct;
    this.ensureLoaded();
    let at = this.find(hashHex);
    if (at < 0) {
      this.refresh();
      at = this.find(hashHex);
      if (at < 0) return null;
    }
    const loc = this.location(at);
    const st = this.packs.get(loc.pack);
    if (!st) return null;
    const body = readBlobAt(this.openPack(st), loc.offset, loc.length, Buffer.from(hashHex, 'hex'));
    if (!body) {
      throw new DossierError('CORRUPT', `the stored copy of ${hashHex.slice(0, 12)}… in ${PACK_DIR}/${packName(loc.pack)} is damaged (its checksum does not match)`);
    }
    return body;
  }

  /**
   * `read` without blocking the event loop: the record is read in the thread pool. Its checksum
   * is checked as `read` checks it; when the read fails or the record does not check out (its pack
   * was compacted or closed meanwhile), `read` answers, so the result is always `read`'s.
   */
  async readAsync(hashHex: string): Promise<Buffer | null> {
    const direct = this.readDirect(hashHex);
    if (direct) return direct;
    this.ensureLoaded();
    const at = this.find(hashHex);
    const loc = at >= 0 ? this.location(at) : null;
    const st = loc ? this.packs.get(loc.pack) : undefined;
    if (!loc || !st) return this.read(hashHex);
    const buf = Buffer.alloc(HEADER + loc.length);
    const fd = this.openPack(st);
    const got = await new Promise<number>((resolve) => readAt(fd, buf, 0, buf.length, loc.offset, (err, n) => resolve(err ? -1 : n)));
    return (got === buf.length ? decode(buf, Buffer.from(hashHex, 'hex')) : null) ?? this.read(hashHex);
  }

  /** Every blob hash the packs hold. */
  hashes(): Set<string> {
    this.ensureLoaded();
    const out = new Set<string>();
    for (let i = 0; i < this.count; i++) out.add(this.entries.toString('hex', i * ENTRY, i * ENTRY + 32));
    return out;
  }

  /** Where a blob is stored (for tests and `check`). */
  locate(hashHex: string): (PackLocation & { file: string; dataOffset: number }) | null {
    this.ensureLoaded();
    const at = this.find(hashHex);
    if (at < 0) return null;
    const loc = this.location(at);
    return { ...loc, file: path.join(this.dir, packName(loc.pack)), dataOffset: loc.offset + HEADER };
  }

  stats(): { packs: number; records: number; bytes: number } {
    this.ensureLoaded();
    let bytes = 0;
    for (const st of this.packs.values()) bytes += st.size;
    return { packs: this.packs.size, records: this.count, bytes };
  }

  // ---- writing ----

  private requireWritable(): void {
    if (!this.writable) throw new DossierError('INTERNAL', 'the text packs were opened read-only');
  }

  private activePack(extra: number): PackState {
    const top = Math.max(0, ...this.packs.keys());
    const cur = this.packs.get(top);
    if (cur && (cur.size === 0 || cur.size + extra <= packMaxBytes())) return cur;
    mkdirSync(this.dir, { recursive: true });
    const n = top + 1;
    closeSync(openSync(path.join(this.dir, packName(n)), 'a'));
    closeSync(openSync(path.join(this.dir, idxName(n)), 'a'));
    this.dirDirty = true;
    const st: PackState = { n, size: 0, idxSize: 0, fd: null, wh: null, unsynced: [], writing: new Set(), queue: [], queuedBytes: 0 };
    this.packs.set(n, st);
    return st;
  }

  /** Appends a blob unless it is already stored (deflated if `compress`); durable after the next `sync()`. */
  put(hashHex: string, data: Uint8Array, compress = false): Promise<void> {
    this.requireWritable();
    this.ensureLoaded();
    if (this.find(hashHex) >= 0) return Promise.resolve();
    const inFlight = this.pending.get(hashHex);
    if (inFlight) return inFlight;
    const hash = sha(data);
    if (hash.toString('hex') !== hashHex) return Promise.reject(new DossierError('INTERNAL', `blob content does not match its address ${hashHex}`));
    const task = this.append(hash, data, compress).finally(() => this.pending.delete(hashHex));
    this.pending.set(hashHex, task);
    return task;
  }

  /** Appends a fresh copy even if one is indexed (repair of a damaged copy); the new one wins. */
  putAgain(hashHex: string, data: Uint8Array, compress = false): Promise<void> {
    this.requireWritable();
    this.ensureLoaded();
    const hash = sha(data);
    if (hash.toString('hex') !== hashHex) return Promise.reject(new DossierError('INTERNAL', `blob content does not match its address ${hashHex}`));
    return this.append(hash, data, compress);
  }

  private async append(hash: Buffer, data: Uint8Array, compress: boolean): Promise<void> {
    let stored: Uint8Array = data;
    let flags = 0;
    if (compress) {
      const z = deflateRawSync(data);
      if (z.length < data.length) {
        stored = z;
        flags = DEFLATED;
      }
    }
    const rec = Buffer.alloc(HEADER + stored.length);
    rec.writeUInt32LE(MAGIC, 0);
    rec.writeUInt32LE(flags, 4);
    rec.writeUInt32LE(stored.length, 8);
    hash.copy(rec, 12);
    Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).copy(rec, HEADER);
    const st = this.activePack(rec.length);
    const offset = st.size;
    st.size += rec.length; // claimed now, so concurrent appends never overlap
    const entry = PackStore.entry(hash, { pack: st.n, offset, length: stored.length });
    // Records appended in the same turn of the event loop (an import stores 16 items at a time, each
    // a body and an original) go to disk in one write of adjacent ranges instead of one write each.
    // Each promise settles with its write, and a record is indexed only once its bytes are written.
    return new Promise<void>((resolve, reject) => {
      st.queue.push({ rec, offset, entry, resolve, reject });
      st.queuedBytes += rec.length;
      if (st.queuedBytes >= QUEUE_FLUSH_BYTES) this.writeQueued(st);
      else if (st.queue.length === 1) setImmediate(() => this.writeQueued(st));
    });
  }

  /** Writes a pack's queued records: adjacent ranges (claimed in order), so one positional write. */
  private writeQueued(st: PackState): void {
    const batch = st.queue;
    if (batch.length === 0) return;
    st.queue = [];
    st.queuedBytes = 0;
    const first = batch[0] as QueuedRecord;
    const bytes = batch.length === 1 ? first.rec : Buffer.concat(batch.map((q) => q.rec));
    const file = path.join(this.dir, packName(st.n));
    const write = this.writeHandle(st).then((h) => h.write(bytes, 0, bytes.length, first.offset));
    st.writing.add(write);
    write.then(
      () => {
        st.writing.delete(write);
        for (const q of batch) {
          st.unsynced.push(q.entry);
          this.addEntries(q.entry);
          q.resolve();
        }
      },
      (err: unknown) => {
        st.writing.delete(write);
        // The claimed ranges stay as dead bytes (gc drops them); name the file the user knows.
        const e = err as NodeJS.ErrnoException;
        if (e && typeof e === 'object' && !e.path) e.path = file;
        for (const q of batch) q.reject(err);
      },
    );
  }

  /** Makes every blob appended so far durable: packs fsynced first, then their index entries. */
  sync(): Promise<void> {
    const run = async (): Promise<void> => {
      for (const st of this.packs.values()) {
        this.writeQueued(st);
        if (st.writing.size) await Promise.allSettled([...st.writing]);
        if (st.unsynced.length === 0) continue;
        // In pack order, so that a torn index keeps a prefix of the pack covered.
        const entries = st.unsynced.sort((a, b) => a.readUInt32LE(36) - b.readUInt32LE(36));
        st.unsynced = [];
        try {
          await (await this.writeHandle(st)).sync();
          const fh = await fsp.open(path.join(this.dir, idxName(st.n)), 'r+');
          try {
            const more = Buffer.concat(entries);
            await fh.write(more, 0, more.length, st.idxSize);
            await fh.sync();
            st.idxSize += more.length;
          } finally {
            await fh.close();
          }
        } catch (err) {
          st.unsynced = [...entries, ...st.unsynced];
          throw err;
        }
      }
      if (this.dirDirty) {
        this.dirDirty = false;
        await syncDir(this.dir);
      }
    };
    const next = this.syncing.then(run, run);
    this.syncing = next.catch(() => undefined);
    return next;
  }

  // ---- compaction ----

  /**
   * Rewrites every pack that holds a record not in `live` (a deleted report's text, or a second
   * copy) into new packs holding only live records, then deletes the old packs.
   */
  async gc(live: ReadonlySet<string>, onStep?: (s: GcStep) => void): Promise<GcResult> {
    this.requireWritable();
    await this.sync();
    this.ensureLoaded();
    // Which entry is the one a read would use, per hash.
    const keepers = new Set<number>();
    for (const h of live) {
      const at = this.find(h);
      if (at >= 0) keepers.add(at);
    }
    const perPack = new Map<number, { live: number[]; dead: number }>();
    for (const n of this.packs.keys()) perPack.set(n, { live: [], dead: 0 });
    for (let i = 0; i < this.count; i++) {
      const p = perPack.get(this.location(i).pack);
      if (!p) continue;
      if (keepers.has(i)) p.live.push(i);
      else p.dead++;
    }
    const victims = [...perPack.entries()].filter(([, p]) => p.dead > 0).map(([n]) => n);
    const bytesBefore = this.stats().bytes;
    const result: GcResult = { packsCompacted: victims.length, recordsKept: 0, recordsDropped: 0, bytesBefore, bytesAfter: bytesBefore };
    if (victims.length === 0) return result;
    for (const n of victims) result.recordsDropped += perPack.get(n)?.dead ?? 0;
    // Copy live records into fresh packs numbered above every existing one.
    let out: { n: number; fd: number; size: number; idx: Buffer[] } | null = null;
    const finish = async (): Promise<void> => {
      if (!out) return;
      const o = out;
      out = null;
      fsyncSync(o.fd);
      closeSync(o.fd);
      onStep?.({ step: 'synced', pack: o.n });
      const idx = Buffer.concat(o.idx);
      const ifd = openSync(path.join(this.dir, idxName(o.n)), 'w');
      try {
        writeSync(ifd, idx, 0, idx.length, 0);
        fsyncSync(ifd);
      } finally {
        closeSync(ifd);
      }
      await syncDir(this.dir);
      onStep?.({ step: 'indexed', pack: o.n });
    };
    let nextN = Math.max(0, ...this.packs.keys()) + 1;
    for (const n of victims) {
      for (const at of perPack.get(n)?.live ?? []) {
        const loc = this.location(at);
        const src = this.packs.get(loc.pack);
        if (!src) continue;
        const rec = Buffer.alloc(HEADER + loc.length);
        readSync(this.openPack(src), rec, 0, rec.length, loc.offset);
        const hash = this.entries.subarray(at * ENTRY, at * ENTRY + 32);
        if (!decode(rec, hash)) {
          throw new DossierError('CORRUPT', `a stored text in ${PACK_DIR}/${packName(loc.pack)} is damaged; run \`dossier check --repair\` before \`dossier gc\``);
        }
        if (out && out.size > 0 && out.size + rec.length > packMaxBytes()) await finish();
        if (!out) {
          mkdirSync(this.dir, { recursive: true });
          out = { n: nextN, fd: openSync(path.join(this.dir, packName(nextN)), 'w'), size: 0, idx: [] };
          nextN++;
        }
        writeSync(out.fd, rec, 0, rec.length, out.size);
        out.idx.push(PackStore.entry(Buffer.from(hash), { pack: out.n, offset: out.size, length: loc.length }));
        out.size += rec.length;
        result.recordsKept++;
        onStep?.({ step: 'copied', pack: out.n });
      }
    }
    await finish();
    // Every live record is durable in the new packs: the old ones can go.
    for (const n of victims) {
      const st = this.packs.get(n);
      if (st) this.closePack(st);
      rmSync(path.join(this.dir, idxName(n)), { force: true });
      rmSync(path.join(this.dir, packName(n)), { force: true });
      await syncDir(this.dir);
      onStep?.({ step: 'removed', pack: n });
    }
    this.reset();
    result.bytesAfter = this.stats().bytes;
    return result;
  }

  private reset(): void {
    for (const st of this.packs.values()) this.closePack(st);
    this.packs = new Map();
    this.entries = Buffer.alloc(0);
    this.count = 0;
    this.table = new Int32Array(0);
    this.tags = new Int32Array(0);
    this.loaded = false;
  }

  close(): void {
    for (const st of this.packs.values()) this.closePack(st);
  }
}
