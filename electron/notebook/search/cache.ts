/**
 * The on-disk search index cache next to a notebook. The file is a small header (magic, cache
 * version, the caller's fingerprint of the notebook state) followed by the serialized index. A
 * missing, stale (other version or fingerprint) or corrupt file is a cache miss, never an error;
 * writes go through storage/atomic.ts.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../storage/atomic';
import { SearchIndex, type SearchIndexOptions } from './engine';

/**
 * 2: words are folded without the non-word characters NFKC can bring in; 3: č/š/ž are spelt out
 * and romanisation primes dropped when folding; 4: Arabic ain, wa and ya and the -ah ending romanised as
 * Latin spellings write them; 5: the typo and variant lookup tables are stored; 6: skeletons read th/dh
 * as one dental; 7: hash tables of term and key ids, documents as columns (older caches are rebuilt).
 */
export const CACHE_VERSION = 7;
const MAGIC = 'DSXC';

export type CacheMissReason = 'missing' | 'version' | 'fingerprint' | 'corrupt';

export type CacheReadResult =
  | { index: SearchIndex; reason: null }
  | { index: null; reason: CacheMissReason; detail: string };

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
    buf = await readFile(file);
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
  const fp = buf.toString('utf8', 12, 12 + fpLen);
  if (fp !== fingerprint && !accept(fp)) return { index: null, reason: 'fingerprint', detail: 'notebook changed since the cache was written' };
  const start = (12 + fpLen + 3) & ~3;
  try {
    const index = SearchIndex.adopt(new Uint8Array(buf.buffer, buf.byteOffset + start, buf.length - start), opts);
    return { index, reason: null };
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

/** Writes the index atomically (storage/atomic.ts: temp file, fsync, rename, fsync the folder). */
export async function saveIndexCache(file: string, fingerprint: string, index: SearchIndex): Promise<void> {
  const data = index.serialize();
  const fp = Buffer.from(fingerprint, 'utf8');
  const headerLen = (12 + fp.length + 3) & ~3;
  const header = Buffer.alloc(headerLen);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(CACHE_VERSION, 4);
  header.writeUInt32LE(fp.length, 8);
  fp.copy(header, 12);
  await writeFileAtomic(file, [header, data]);
}
