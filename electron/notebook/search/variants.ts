/**
 * Spelling variants of names, by a second, looser key and a weighted edit distance.
 *
 * Every term already has a strict transliteration key (`translit.ts`: scripts romanised, the
 * common Latin spellings folded, so Tartus/Tartous or Хама/Khama are one key). Romanisation
 * systems still differ in ways no fixed folding can merge without merging English words too:
 * Kharkov/Kharkiv/Charkow, Chernigov/Chernihiv, Čeljabinsk/Chelyabinsk, Nikolaev/Mykolaiv,
 * Hmeimim/حميميم. So each strict key also gets a phonetic skeleton (`skeleton`): vowels dropped
 * after the first letter, consonants that romanisations swap merged into classes (h/g/x,
 * s/z/c/j with sh/ch, v/w/f, t/d, b/p, k/q, m/n). Candidates for a query word are the keys whose
 * skeleton equals the query's or is one edit away (a deletion index over skeletons: hash probes,
 * never a vocabulary scan); a word already in the index as typed only gets close variants, and
 * looser ones are looked for only while the word itself is rare. Each candidate is then scored by `variantDistance`, an edit
 * distance whose costs know transliteration: a vowel for a vowel, an added or dropped h (kh/h),
 * j/i/y and a consonant of the same class cost a fraction of an unrelated letter. Candidates
 * within the allowed distance become variant expansions whose ranking weight falls with the
 * distance, so the closest spelling ranks first.
 */
import { DeletionIndex } from './typo';

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Consonant classes that romanisations interchange (one letter stands for its class). */
const CLASS: Record<string, string> = {
  h: 'h', g: 'h', x: 'h',
  s: 's', z: 's', c: 's', j: 's',
  v: 'v', w: 'v', f: 'v',
  t: 't', d: 't',
  b: 'b', p: 'b',
  k: 'k', q: 'k',
  m: 'm', n: 'm',
};

/**
 * The phonetic skeleton of a strict key: the first letter's class, then the classes of the
 * consonants (sh/ch as one sibilant), vowels and repeated classes dropped.
 * "harkuv" (Kharkov) and "harkiv" (Kharkiv) give "hrkv"; "chernigav"/"chernihiv" give "srmhv".
 */
export function skeleton(key: string): string {
  const s = key.replace(/[sc]h/g, 's');
  let out = '';
  let last = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (i > 0 && VOWELS.has(ch)) {
      last = '';
      continue;
    }
    const c = CLASS[ch] ?? ch;
    if (c === last) continue;
    out += c;
    last = c;
  }
  return out;
}

function isVowel(c: number): boolean {
  // a e i o u y
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

/** Cost of writing letter b where another spelling has a (both lower-case code units). */
function subCost(a: number, b: number): number {
  if (a === b) return 0;
  const va = isVowel(a);
  const vb = isVowel(b);
  if (va && vb) return 0.3;
  if ((a === 106 && vb) || (b === 106 && va)) return 0.3; // j for i/y
  if ((a === 119 && b === 117) || (a === 117 && b === 119)) return 0.3; // w for u (Arabic و)
  if (!va && !vb) {
    const ca = CLASS[String.fromCharCode(a)];
    if (ca !== undefined && ca === CLASS[String.fromCharCode(b)]) return 0.45;
  }
  return 1;
}

/** Cost of a vowel one spelling has and the other lacks (lower when Arabic script is involved). */
let vowelIndel = 0.4;

/** Cost of a letter that one spelling has and the other lacks. */
function indelCost(c: number): number {
  if (isVowel(c)) return vowelIndel;
  if (c === 104 || c === 106) return 0.4; // h (kh/h, gh/g), j (ja/a)
  return 1;
}

const rowA = new Float64Array(64);
const rowB = new Float64Array(64);
const rowC = new Float64Array(64);

/**
 * Transliteration-aware edit distance between two strict keys (Damerau-style, with weighted
 * costs), giving up with `max + 1` once every path costs more than `max`. With `arabic` (one side
 * was written in Arabic script, which leaves short vowels out) a missing vowel costs less.
 */
export function variantDistance(a: string, b: string, max: number, arabic = false): number {
  vowelIndel = arabic ? 0.15 : 0.4;
  const la = a.length;
  const lb = b.length;
  if (lb + 1 > rowA.length || la + 1 > rowA.length) return max + 1;
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  prev[0] = 0;
  for (let j = 1; j <= lb; j++) prev[j] = (prev[j - 1] ?? 0) + indelCost(b.charCodeAt(j - 1));
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    const del = indelCost(ca);
    cur[0] = (prev[0] ?? 0) + del;
    let rowMin = cur[0] ?? 0;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = (prev[j - 1] ?? 0) + subCost(ca, cb);
      const d = (prev[j] ?? 0) + del;
      if (d < v) v = d;
      const ins = (cur[j - 1] ?? 0) + indelCost(cb);
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const t = (prev2[j - 2] ?? 0) + 0.8;
        if (t < v) v = t;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const tmp = prev2;
    prev2 = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[lb] ?? max + 1;
}

/** The largest variant distance accepted for a key of this length (0 below 4 letters). */
export function maxVariantDistance(len: number, base: number, perLetter: number): number {
  if (len < 4) return 0;
  return Math.min(2.2, base + perLetter * len);
}

/**
 * Skeletons of the strict keys and a deletion index over them. Keys are given by id; the
 * skeleton tables are built on first use and kept up to date as keys are added.
 */
export class VariantKeys {
  private skels: string[] = [];
  private skelIndex = new Map<string, number>();
  private skelKeys: number[][] = [];
  private keySkel: number[] = [];
  private built = 0;
  private readonly neighbours = new DeletionIndex((s) => this.skels[s] ?? '', { minLen: 3 });

  constructor(private readonly keyOf: (keyId: number) => string) {}

  /** Brings the tables up to key ids [0, count). */
  private sync(count: number): void {
    if (this.built > count) this.reset();
    const first = this.built === 0;
    for (let k = this.built; k < count; k++) {
      const sk = skeleton(this.keyOf(k));
      let s = this.skelIndex.get(sk);
      if (s === undefined) {
        s = this.skels.length;
        this.skels.push(sk);
        this.skelIndex.set(sk, s);
        this.skelKeys.push([]);
        if (!first) this.neighbours.add(s);
      }
      this.skelKeys[s]?.push(k);
      this.keySkel[k] = s;
    }
    if (first || this.neighbours.pendingSize > 50_000) this.neighbours.build(this.skels.length);
    this.built = count;
  }

  /** Forgets the tables (after the key table was replaced). */
  reset(): void {
    this.skels = [];
    this.skelIndex = new Map();
    this.skelKeys = [];
    this.keySkel = [];
    this.built = 0;
  }

  /**
   * Key ids that may be spelling variants of `key`: same skeleton, or a skeleton one edit away.
   * At most `cap` ids, same-skeleton ones first.
   */
  candidates(key: string, keyCount: number, cap: number): number[] {
    this.sync(keyCount);
    const sk = skeleton(key);
    if (sk.length < 3) return [];
    const out: number[] = [];
    const push = (s: number): void => {
      for (const k of this.skelKeys[s] ?? []) {
        if (out.length >= cap) return;
        out.push(k);
      }
    };
    const same = this.skelIndex.get(sk);
    if (same !== undefined) push(same);
    {
      const near = this.neighbours.lookup(sk, 1);
      near.sort((x, y) => (this.skelKeys[x.keyId]?.length ?? 0) - (this.skelKeys[y.keyId]?.length ?? 0));
      for (const n of near) {
        if (out.length >= cap) break;
        push(n.keyId);
      }
    }
    return out;
  }
}
