/**
 * Content-addressed report texts and imported originals, named by refs such as
 * `bodies/<sha256>.txt` and `originals/<sha256>.<ext>`. A blob is immutable; writing one that is
 * already stored is a no-op. Blobs up to PACKED_MAX_BYTES live in pack files (`texts/`, see
 * packs.ts); larger originals (and everything a notebook stored before packs) are loose files at
 * the ref's own path. Readers look in the packs first, then for the loose file.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { syncDir, writeFileAtomic } from './atomic';
import { PackStore, type GcResult, type GcStep } from './packs';
import { hasLoneSurrogate } from '../text/line';

export const BODY_DIR = 'bodies';
export const ORIGINAL_DIR = 'originals';
/** Blobs larger than this stay loose files: packing a PDF of 20 MB saves nothing. */
export const PACKED_MAX_BYTES = 1024 * 1024;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function safeExt(ext: string): string {
  const clean = ext.toLowerCase().replace(/[^a-z0-9.]/g, '');
  return /^\.[a-z0-9]{1,10}$/.test(clean) ? clean : '.bin';
}

const REF_RE = /^(?:bodies|originals)\/([0-9a-f]{64})(?:\.[a-z0-9]{1,10})?$/;

/** The sha256 a ref names, or null for a ref of another shape. */
export function refHash(ref: string): string | null {
  return REF_RE.exec(ref)?.[1] ?? null;
}

/** Originals are kept for provenance and rarely read: they are stored deflated. */
const isOriginal = (ref: string): boolean => ref.startsWith(`${ORIGINAL_DIR}/`);

export type BlobState = 'ok' | 'missing' | 'damaged';

/** How many characters of lately stored texts a store keeps for reading back (see `Blobs.recentTexts`). */
const RECENT_TEXT_CHARS = 32 * 1024 * 1024;

export class Blobs {
  private readonly dirty = new Set<string>();
  readonly packs: PackStore;
  /**
   * The loose blob files on disk, read once (two folder listings) instead of one file-system call
   * per stored blob: an import of 50,000 posts asks about 100,000 blobs. This process is the one
   * writer, so it keeps the set up to date as it writes and removes loose files.
   */
  private loose: Promise<Set<string>> | null = null;
  /**
   * Texts this process stored lately, by ref (a content address: the text a ref names never
   * changes), up to RECENT_TEXT_CHARS: the search index indexes each imported report's body right
   * after the import stored it, and takes it from here instead of reading it back from the packs.
   */
  private readonly recentTexts = new Map<string, string>();
  private recentChars = 0;

  constructor(
    private readonly root: string,
    writable = true,
  ) {
    this.packs = new PackStore(root, writable);
  }

  bodyRef(hash: string): string {
    return `${BODY_DIR}/${hash}.txt`;
  }

  originalRef(hash: string, ext: string): string {
    return `${ORIGINAL_DIR}/${hash}${safeExt(ext)}`;
  }

  /** The loose file a ref names (where blobs too large to pack, and blobs of older notebooks, live). */
  abs(ref: string): string {
    return path.join(this.root, ...ref.split('/'));
  }

  private toBytes(data: string | Uint8Array): Uint8Array {
    return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  }

  private looseSet(): Promise<Set<string>> {
    this.loose ??= this.looseRefs().then((refs) => new Set(refs));
    return this.loose;
  }

  private rememberText(ref: string, text: string): void {
    // A text with a lone surrogate is stored as U+FFFD: only a text that reads back as it is.
    if (text.length > RECENT_TEXT_CHARS / 64 || this.recentTexts.has(ref) || hasLoneSurrogate(text)) return;
    this.recentTexts.set(ref, text);
    this.recentChars += text.length;
    for (const [old, t] of this.recentTexts) {
      if (this.recentChars <= RECENT_TEXT_CHARS) break;
      this.recentTexts.delete(old);
      this.recentChars -= t.length;
    }
  }

  /** Stores a blob unless it already is; durable once `sync()` resolves. */
  async put(ref: string, data: string | Uint8Array): Promise<void> {
    const hash = refHash(ref);
    if (typeof data === 'string' && hash) this.rememberText(ref, data);
    const bytes = this.toBytes(data);
    if (hash && bytes.length <= PACKED_MAX_BYTES) {
      if (this.packs.has(hash)) return;
      // Only a ref the listing names is checked on disk (it may have been removed since).
      if ((await this.looseSet()).has(ref) && (await this.looseExists(ref))) return;
      return this.packs.put(hash, bytes, isOriginal(ref));
    }
    const file = this.abs(ref);
    if (await this.looseExists(ref)) return;
    if (hash && this.packs.has(hash)) return;
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, bytes, { skipDirSync: true });
    (await this.looseSet()).add(ref);
    this.dirty.add(path.dirname(file));
  }

  /** Stores a fresh copy that replaces a damaged one (check --repair). */
  async replace(ref: string, data: string | Uint8Array): Promise<void> {
    const bytes = this.toBytes(data);
    const hash = refHash(ref);
    await fs.rm(this.abs(ref), { force: true });
    this.loose = null;
    if (hash && bytes.length <= PACKED_MAX_BYTES) await this.packs.putAgain(hash, bytes, isOriginal(ref));
    else await this.put(ref, bytes);
    await this.sync();
  }

  private looseExists(ref: string): Promise<boolean> {
    return fs.access(this.abs(ref)).then(
      () => true,
      () => false,
    );
  }

  /** Makes every blob written since the last call durable (packs, then loose files' folders). */
  async sync(): Promise<void> {
    await this.packs.sync();
    const dirs = [...this.dirty];
    this.dirty.clear();
    await Promise.all(dirs.map((d) => syncDir(d)));
  }

  /** The bytes of a blob; ENOENT-coded error when it is nowhere, CORRUPT when the packed copy is damaged. */
  readBytesSync(ref: string): Buffer {
    const hash = refHash(ref);
    if (hash) {
      let damaged: unknown = null;
      try {
        const packed = this.packs.read(hash);
        if (packed) return packed;
      } catch (err) {
        damaged = err;
      }
      try {
        return readFileSync(this.abs(ref));
      } catch (err) {
        if (damaged) throw damaged;
        throw err;
      }
    }
    return readFileSync(this.abs(ref));
  }

  /** `readBytesSync` without blocking the event loop (search hits' snippets, report bodies). */
  async readBytes(ref: string): Promise<Buffer> {
    const hash = refHash(ref);
    if (!hash) return fs.readFile(this.abs(ref));
    let damaged: unknown = null;
    try {
      const packed = await this.packs.readAsync(hash);
      if (packed) return packed;
    } catch (err) {
      damaged = err;
    }
    return fs.readFile(this.abs(ref)).catch((err: unknown) => {
      throw damaged ?? err;
    });
  }

  async readText(ref: string): Promise<string> {
    return (await this.readBytes(ref)).toString('utf8');
  }

  /**
   * A text this process stored lately (see `recentTexts`), given once and then forgotten; undefined
   * when it is not at hand (then `readText` reads it from disk).
   */
  takeRecentText(ref: string): string | undefined {
    const t = this.recentTexts.get(ref);
    if (t !== undefined) {
      this.recentTexts.delete(ref);
      this.recentChars -= t.length;
    }
    return t;
  }

  async exists(ref: string): Promise<boolean> {
    const hash = refHash(ref);
    return (hash !== null && this.packs.has(hash)) || this.looseExists(ref);
  }

  /** Whether a blob is stored and its bytes still hash to its address. */
  verify(ref: string): BlobState {
    const hash = refHash(ref);
    try {
      const bytes = this.readBytesSync(ref);
      return hash === null || sha256(bytes) === hash ? 'ok' : 'damaged';
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'damaged';
    }
  }

  /**
   * Forgets a blob no report uses any more. A loose file is deleted at once; a packed record stays
   * until `gc()` compacts its pack.
   */
  async remove(ref: string): Promise<void> {
    await fs.rm(this.abs(ref), { force: true });
    this.loose = null;
  }

  /** Loose blob files on disk, as refs. */
  async looseRefs(): Promise<string[]> {
    const refs: string[] = [];
    for (const dir of [BODY_DIR, ORIGINAL_DIR]) {
      const names = await fs.readdir(path.join(this.root, dir)).catch(() => [] as string[]);
      for (const n of names) if (!n.startsWith('.')) refs.push(`${dir}/${n}`);
    }
    return refs;
  }

  /** Every stored blob's hash (packed or loose), for `check` and `gc`. */
  async storedHashes(): Promise<Set<string>> {
    const out = this.packs.hashes();
    for (const ref of await this.looseRefs()) {
      const h = refHash(ref);
      if (h) out.add(h);
    }
    return out;
  }

  /**
   * Reclaims the space of blobs no report uses: loose files are deleted, packs holding dead
   * records are compacted. `live` is every ref the catalog still names.
   */
  async gc(liveRefs: Iterable<string>, onStep?: (s: GcStep) => void): Promise<GcResult & { looseRemoved: number }> {
    this.recentTexts.clear(); // what is read back after a gc is read from what it kept
    this.recentChars = 0;
    const live = new Set<string>();
    for (const ref of liveRefs) {
      const h = refHash(ref);
      if (h) live.add(h);
    }
    const result = await this.packs.gc(live, onStep);
    let looseRemoved = 0;
    for (const ref of await this.looseRefs()) {
      const h = refHash(ref);
      if (!h || live.has(h)) continue;
      await fs.rm(this.abs(ref), { force: true });
      this.dirty.add(path.dirname(this.abs(ref)));
      looseRemoved++;
    }
    this.loose = null;
    await this.sync();
    return { ...result, looseRemoved };
  }

  /** Moves loose blobs small enough to pack into the packs (the layout of older notebooks). */
  async packLoose(onProgress?: (done: number, total: number) => void): Promise<number> {
    const refs = (await this.looseRefs()).filter((r) => refHash(r) !== null);
    let moved = 0;
    const batch = 256;
    for (let i = 0; i < refs.length; i += batch) {
      const slice = refs.slice(i, i + batch);
      const movable: string[] = [];
      for (const ref of slice) {
        const hash = refHash(ref);
        if (!hash) continue;
        const st = await fs.stat(this.abs(ref)).catch(() => null);
        if (!st?.isFile() || st.size > PACKED_MAX_BYTES) continue;
        let bytes: Buffer;
        try {
          bytes = readFileSync(this.abs(ref));
        } catch {
          continue;
        }
        // A damaged loose file is left where it is for `check` to report; only intact blobs move.
        if (sha256(bytes) !== hash) continue;
        await this.packs.put(hash, bytes, isOriginal(ref));
        movable.push(ref);
      }
      await this.packs.sync();
      for (const ref of movable) await fs.rm(this.abs(ref), { force: true });
      this.loose = null;
      moved += movable.length;
      onProgress?.(Math.min(refs.length, i + batch), refs.length);
    }
    for (const dir of [BODY_DIR, ORIGINAL_DIR]) {
      const full = path.join(this.root, dir);
      await syncDir(full).catch(() => undefined);
      // An emptied folder of the old layout goes too.
      if ((await fs.readdir(full).catch(() => ['x'])).length === 0) await fs.rmdir(full).catch(() => undefined);
    }
    return moved;
  }

  close(): void {
    this.packs.close();
  }
}

export { type GcResult, type GcStep };
