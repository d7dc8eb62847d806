/**
 * Typo neighbours by a SymSpell-style deletion index over transliteration keys. Every key is
 * stored under the hashes of itself and its 1-deletes; a query key looks up its own deletes (up to
 * 2 for long keys) and verifies candidates with a bounded Damerau (OSA) distance. This finds one
 * edit of any kind and, for long keys, two edits where at most one is a deletion by the user or
 * one substitution plus one insertion (not two substitutions). Cost per query term is a few dozen
 * hash probes, never a scan of the vocabulary.
 */

const MIN_LEN = 4;
const LONG_LEN = 8;
/** Longer terms (joined compounds, codes) get no typo neighbours. */
const MAX_LEN = 20;

/** Maximum edit distance allowed for a key of this length. */
export function maxTypoDistance(len: number): number {
  if (len < MIN_LEN || len > MAX_LEN) return 0;
  return len >= LONG_LEN ? 2 : 1;
}

/** FNV-1a over s, skipping the characters at indexes i and j (-1 to skip nothing). */
function hashSkip(s: string, i: number, j: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    if (k === i || k === j) continue;
    h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  }
  return h >>> 0;
}

const prefixHash = new Uint32Array(MAX_LEN + 2);

/** Calls cb with the hash of s and of each of its deletes up to maxD (FNV-1a, prefix-hash reuse). */
function forEachDeleteHash(s: string, maxD: number, cb: (h: number) => void): void {
  const n = s.length;
  if (n > MAX_LEN) {
    cb(hashSkip(s, -1, -1));
    return;
  }
  // prefixHash[i] = hash of s[0, i)
  let h = 0x811c9dc5;
  prefixHash[0] = h;
  for (let k = 0; k < n; k++) {
    h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
    prefixHash[k + 1] = h;
  }
  cb(h >>> 0);
  if (maxD < 1) return;
  for (let i = 0; i < n; i++) {
    if (i > 0 && s[i] === s[i - 1]) continue;
    let x = prefixHash[i] ?? 0;
    for (let k = i + 1; k < n; k++) x = Math.imul(x ^ s.charCodeAt(k), 0x01000193);
    cb(x >>> 0);
    if (maxD < 2) continue;
    for (let j = i + 1; j < n; j++) {
      // skip i and j: prefix up to i, then i+1..j-1, then j+1..
      let y = prefixHash[i] ?? 0;
      for (let k = i + 1; k < n; k++) if (k !== j) y = Math.imul(y ^ s.charCodeAt(k), 0x01000193);
      cb(y >>> 0);
    }
  }
}

/** Optimal string alignment distance, giving up (returning max+1) beyond max. */
export function osaDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb] ?? max + 1;
}

const TYPO_OK_RE = /^[a-z]+$/;

/** About this many entries share a bucket of the deletion index (more: smaller `starts`, a few more compares). */
const PER_BUCKET = 4;

/** The 8-bit fingerprint of a hash kept per entry: its low bits (the bucket is its high bits). */
const fingerprint = (h: number): number => h & 0xff;

/**
 * A built deletion index as stored in the search cache: the bucketed hash table and how many keys
 * it covers (keys added after it was built are added again, as pending ones, when it is loaded).
 * Each entry keeps an 8-bit fingerprint of its hash, not the whole hash: the bucket holds its high
 * bits, and a candidate that only shares the fingerprint is dropped by the distance check.
 */
export interface DeletionImage {
  bits: number;
  count: number;
  starts: Uint32Array;
  hashes: Uint8Array;
  ids: Uint32Array;
}

export class DeletionIndex {
  private bucketBits = 10;
  /** Keys shorter than this get no neighbours (default 4; the variant skeletons use 3). */
  private readonly minLen: number;
  private starts: Uint32Array = new Uint32Array(0);
  private hashes: Uint8Array = new Uint8Array(0);
  private ids: Uint32Array = new Uint32Array(0);
  private pending = new Map<number, number[]>();
  private built = false;
  /** The number of keys build() covered; later ones are pending. */
  private builtCount = 0;

  constructor(
    private readonly keyOf: (keyId: number) => string,
    opts: { minLen?: number } = {},
  ) {
    this.minLen = opts.minLen ?? MIN_LEN;
  }

  private maxDistance(len: number): number {
    if (len < this.minLen || len > MAX_LEN) return 0;
    return Math.max(1, maxTypoDistance(len));
  }

  get isBuilt(): boolean {
    return this.built;
  }

  /** Builds the index over keyIds [0, count). */
  build(count: number): void {
    // first pass: exact number of entries, so the arrays are allocated once
    let total = 0;
    for (let k = 0; k < count; k++) {
      const s = this.keyOf(k);
      const d = this.maxDistance(s.length);
      if (d === 0 || !TYPO_OK_RE.test(s)) continue;
      total += 1 + s.length;
    }
    let hs = new Uint32Array(total);
    let ks = new Uint32Array(total);
    let n = 0;
    for (let k = 0; k < count; k++) {
      const s = this.keyOf(k);
      const d = this.maxDistance(s.length);
      if (d === 0 || !TYPO_OK_RE.test(s)) continue;
      forEachDeleteHash(s, 1, (h) => {
        hs[n] = h;
        ks[n++] = k;
      });
    }
    hs = hs.subarray(0, n);
    ks = ks.subarray(0, n);
    let bits = 8;
    while (1 << bits < n / PER_BUCKET && bits < 24) bits++;
    this.bucketBits = bits;
    const nb = 1 << bits;
    const shift = 32 - bits;
    const counts = new Uint32Array(nb + 1);
    for (let i = 0; i < n; i++) counts[((hs[i] ?? 0) >>> shift) + 1]!++;
    for (let b = 0; b < nb; b++) counts[b + 1]! += counts[b]!;
    const fill = counts.slice(0, nb);
    const hashes = new Uint8Array(n);
    const ids = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const h = hs[i] ?? 0;
      const at = fill[h >>> shift]!++;
      hashes[at] = fingerprint(h);
      ids[at] = ks[i] ?? 0;
    }
    this.starts = counts;
    this.hashes = hashes;
    this.ids = ids;
    this.pending.clear();
    this.built = true;
    this.builtCount = count;
  }

  /** The built table (null when not built); keys added since are not in it (see `load`). */
  toImage(): DeletionImage | null {
    if (!this.built) return null;
    return { bits: this.bucketBits, count: this.builtCount, starts: this.starts, hashes: this.hashes, ids: this.ids };
  }

  /**
   * Takes a stored table built over keys [0, img.count) and adds keys [img.count, count) as
   * pending, so that it answers as a table built now over [0, count) would.
   * @throws Error on tables that do not fit together (a damaged cache).
   */
  load(img: DeletionImage, count: number): void {
    const nb = 2 ** img.bits;
    if (img.bits < 1 || img.bits > 24 || img.starts.length !== nb + 1 || img.hashes.length !== img.ids.length || img.count > count) {
      throw new Error('search index: bad typo table');
    }
    if ((img.starts[nb] ?? 0) !== img.hashes.length) throw new Error('search index: bad typo table');
    for (let i = 0; i < img.ids.length; i++) if ((img.ids[i] ?? 0) >= img.count) throw new Error('search index: bad typo table');
    this.bucketBits = img.bits;
    this.starts = img.starts;
    this.hashes = img.hashes;
    this.ids = img.ids;
    this.pending.clear();
    this.built = true;
    this.builtCount = img.count;
    for (let k = img.count; k < count; k++) this.add(k);
  }

  /** Adds a key created after build(). */
  add(keyId: number): void {
    if (!this.built) return;
    const s = this.keyOf(keyId);
    const d = this.maxDistance(s.length);
    if (d === 0 || !TYPO_OK_RE.test(s)) return;
    forEachDeleteHash(s, 1, (h) => {
      const list = this.pending.get(h);
      if (list) list.push(keyId);
      else this.pending.set(h, [keyId]);
    });
  }

  get pendingSize(): number {
    return this.pending.size;
  }

  /** Keys within the allowed distance (and at most `atMost`) of `key`, excluding itself, with their distance. */
  lookup(key: string, atMost = 2): Array<{ keyId: number; dist: number }> {
    const maxD = Math.min(atMost, this.maxDistance(key.length));
    if (maxD === 0 || !TYPO_OK_RE.test(key)) return [];
    const shift = 32 - this.bucketBits;
    const seen = new Set<number>();
    const out: Array<{ keyId: number; dist: number }> = [];
    const consider = (k: number): void => {
      if (seen.has(k)) return;
      seen.add(k);
      const cand = this.keyOf(k);
      if (cand === key) return;
      const d = osaDistance(key, cand, maxD);
      if (d <= maxD && d <= this.maxDistance(cand.length)) out.push({ keyId: k, dist: d });
    };
    forEachDeleteHash(key, maxD, (h) => {
      const b = h >>> shift;
      const end = this.starts[b + 1] ?? 0;
      const f = fingerprint(h);
      for (let i = this.starts[b] ?? 0; i < end; i++) if (this.hashes[i] === f) consider(this.ids[i]!);
      const more = this.pending.get(h);
      if (more) for (const k of more) consider(k);
    });
    return out;
  }
}
