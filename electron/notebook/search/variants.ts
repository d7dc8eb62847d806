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
 * distance whose costs know transliteration: the letter groups systems write for one another
 * (kh/x/h, ch/tch/cz, ts/c/tz, ja/ya, ji/i, ...: `GROUPS`), a vowel for a vowel, an added or
 * dropped h, j/i/y, a doubled letter and a consonant of the same class cost a fraction of an
 * unrelated letter. Candidates
 * within the allowed distance become variant expansions whose ranking weight falls with the
 * distance, so the closest spelling ranks first.
 */
import { Groups, numbers, StringIds, type StringIdsImage } from './string-ids';
import { DeletionIndex, type DeletionImage } from './typo';

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
 * consonants (sh/ch as one sibilant, th/dh as one dental), vowels and repeated classes dropped.
 * "harkuv" (Kharkov) and "harkiv" (Kharkiv) give "hrkv"; "chernigav"/"chernihiv" give "srmhv".
 */
export function skeleton(key: string): string {
  // sh/ch are one sibilant; th/dh one dental (ث and ذ are written th, dh, t or d; keys fold dh and,
  // in Arabic-looking words, th, so the h is left out everywhere)
  const s = key.replace(/[sc]h/g, 's').replace(/([td])h/g, '$1');
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

/** Consonants without h and without a class repeated (mtht -> mt, mml -> ml): what a Latin spelling without vowels keeps. */
export function bareConsonants(c: string): string {
  return c.replace(/h/g, '').replace(/(.)\1+/g, '$1');
}

/** Files an Arabic-script key under its consonants and, where they differ, its bare consonants. */
function addArabic(byConsonants: Map<string, number[]>, byBare: Map<string, number[]>, k: number, skel: string): void {
  const c = consonants(skel);
  const b = bareConsonants(c);
  for (const [map, sig] of [[byConsonants, c], ...(b === c ? [] : [[byBare, b] as const])] as const) {
    const list = map.get(sig);
    if (list) list.push(k);
    else map.set(sig, [k]);
  }
}

/** A skeleton without the vowel it may start with: the consonants alone. */
export function consonants(skel: string): string {
  return skel.length > 0 && VOWELS.has(skel.charAt(0)) ? skel.slice(1) : skel;
}

function isVowel(c: number): boolean {
  // a e i o u y
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

/**
 * Which side of a comparison was written in Arabic script: none, `a`, `b`, or both (or not known).
 * Arabic script writes long vowels (ا و ي) but no short ones, so a Latin spelling may add any
 * vowel (the "a" romanisation puts between two consonants stands for any short vowel or none),
 * but should keep the long i and u, as e/i/y and o/u/w.
 */
export type ArabicSide = 'none' | 'a' | 'b' | 'both';

let side: ArabicSide = 'none';
/** Whether the Arabic side is a pattern (short vowels as "*", so "a" is alif) rather than a key. */
let patterns = false;
/** Costs that are lower when Arabic script is involved: h (dh/th/d, kh/h, -ah/-a), the dental class (ذ as th, dh, d or z). */
let hIndel = 0.4;
let dentalSub = 0.45;

/** "*": a short vowel (or ain) of a romanised Arabic pattern, any vowel or none. */
const SHORT = 42;
/** "'": ain in a pattern (`AIN` in translit.ts): a vowel, or (at a cost) nothing. */
const AIN_MARK = 39;
/** "@": the feminine ending of a pattern (`ENDING` in translit.ts): -a, -ah, -eh, -at, never nothing. */
const TA = 64;

/** What writing the feminine ending as one Latin letter costs: a, e, h (ه read as h: Wajih for وجيه), t. */
function endingSub(c: number): number {
  if (c === 97) return 0.02;
  if (c === 101) return 0.1;
  if (c === 104) return 0.15;
  if (c === 116) return 0.3;
  return isVowel(c) ? 0.4 : 1.05;
}

/** Cost of writing letter b where another spelling has a (both lower-case code units). */
function subCost(a: number, b: number): number {
  if (a === b) return 0;
  if (a === SHORT || b === SHORT || a === AIN_MARK || b === AIN_MARK) return isVowel(a === SHORT || a === AIN_MARK ? b : a) ? 0.05 : 1.05;
  if (a === TA || b === TA) return endingSub(a === TA ? b : a);
  const va = isVowel(a);
  const vb = isVowel(b);
  if (va && vb) {
    if (side === 'a') return arabicVowelSub(a, b);
    if (side === 'b') return arabicVowelSub(b, a);
    return 0.3;
  }
  if ((a === 106 && vb) || (b === 106 && va)) return 0.3; // j for i/y
  if ((a === 119 && b === 117) || (a === 117 && b === 119)) return 0.3; // w for u (Arabic و)
  if (side !== 'none' && ((a === 119 && b === 111) || (a === 111 && b === 119))) return 0.3; // w for o (و written o)
  if (!va && !vb) {
    const ca = CLASS[String.fromCharCode(a)];
    if (ca !== undefined && ca === CLASS[String.fromCharCode(b)]) return ca === 't' ? dentalSub : 0.45;
  }
  return 1;
}

/** A vowel of the romanised Arabic spelling (ar) written as the Latin vowel la. */
function arabicVowelSub(ar: number, la: number): number {
  if (ar === 97) return patterns ? (la === 101 ? 0.2 : 0.4) : 0.2; // a: alif (as e), or in a key also a short vowel
  if (ar === 105) return la === 101 || la === 121 ? 0.15 : 0.5; // i (ي) as e or y
  if (ar === 117) return la === 111 ? 0.15 : 0.5; // u (و) as o
  return 0.3;
}

/** Cost of a letter that one spelling has and the other lacks; `arabic`: the spelling having it is the Arabic one. */
function indelCost(c: number, arabic: boolean, other: boolean, first = false): number {
  if (c === SHORT) return 0.05;
  // ain left out: Latin writes it as a vowel, always at the start (Ali, Omar, Uday for علي, عمر, عدي)
  if (c === AIN_MARK) return first ? 0.4 : 0.15;
  if (c === TA) return 0.5; // the ending left out: Naim is نعيم, not نعيمة
  if (isVowel(c)) {
    if (arabic) return c === 97 ? 0.15 : 0.5; // a long i or u the Latin spelling leaves out
    return other ? 0.15 : 0.4; // a vowel the Latin spelling adds
  }
  if (c === 104) return hIndel; // h (kh/h, gh/g, dh/d)
  if (c === 106 || c === 119) return 0.4; // j (ja/a), w (wa/a)
  return 1;
}

/** A letter written twice where the other spelling has it once (Tallinn/Talin, Mekka/Meka). */
const DOUBLED = 0.15;

/**
 * Letter groups that romanisation systems write for one another, with what writing one for the
 * other costs: the strings of the different systems for х, ч, ш, щ, ж, ц, й, ю, я, э, the Latin
 * and German, French, Polish, Czech and Dutch conventions (kh/h/x/ch, ch/tch/tsch/cz/č, sh/sch/sz/š,
 * zh/j/ž, ts/c/tz/z, dzh/dj/j, ks/x, ou/oe/u, ye/je/e, eh/e, jj/j/y), and the Latin letters they
 * share (c/k, g/h, w/v, y/i/j). Each pair works both ways.
 */
const GROUPS: ReadonlyArray<readonly [string, string, number]> = [
  ['kh', 'h', 0.2], ['kh', 'x', 0.15], ['h', 'x', 0.3], ['kh', 'ch', 0.3], ['ks', 'x', 0.15],
  ['ch', 'tch', 0.1], ['ch', 'tsch', 0.15], ['ch', 'tsh', 0.1], ['ch', 'cz', 0.15], ['ch', 'c', 0.3],
  ['sh', 'sch', 0.1], ['sh', 'sz', 0.15], ['sh', 's', 0.3], ['sh', 'ch', 0.3],
  ['shch', 'sch', 0.15], ['shch', 'szcz', 0.15], ['shch', 'sc', 0.25], ['shch', 'shh', 0.15],
  ['zh', 'z', 0.3], ['zh', 'j', 0.2], ['dzh', 'j', 0.15], ['dzh', 'dj', 0.1], ['dj', 'j', 0.2],
  ['ts', 'c', 0.15], ['ts', 'tz', 0.1], ['ts', 'tc', 0.1], ['tc', 'c', 0.15], ['ts', 'z', 0.3], ['c', 'k', 0.25],
  ['ck', 'k', 0.1], ['q', 'k', 0.2], ['gh', 'g', 0.15], ['g', 'h', 0.25], ['gu', 'g', 0.2], ['ph', 'f', 0.1], ['w', 'v', 0.15],
  ['ou', 'u', 0.1], ['oe', 'u', 0.2], ['oo', 'u', 0.15], ['ee', 'i', 0.15],
  ['y', 'i', 0.15], ['j', 'y', 0.15], ['j', 'i', 0.2], ['jj', 'j', 0.1], ['jj', 'y', 0.15], ['jj', 'i', 0.2],
  ['ye', 'e', 0.15], ['je', 'e', 0.15], ['yo', 'e', 0.2], ['jo', 'e', 0.2], ['eh', 'e', 0.1],
  ['yi', 'i', 0.15], ['ji', 'i', 0.15], ['iy', 'i', 0.15], ['ij', 'i', 0.15],
  // the feminine ending of an Arabic pattern ("@") as Latin writes it
  ['@', 'ah', 0.02], ['@', 'eh', 0.1], ['@', 'at', 0.2],
];

interface GroupEnd {
  /** Length of the group's string that ends here. */
  len: number;
  /** What the other spelling writes instead. */
  other: string;
  cost: number;
}

/** For each last letter, the group strings that end with it. */
const BY_LAST = new Map<number, Array<GroupEnd & { self: string }>>();
for (const [x, y, cost] of GROUPS) {
  for (const [self, other] of [[x, y], [y, x]] as const) {
    const last = self.charCodeAt(self.length - 1);
    let list = BY_LAST.get(last);
    if (!list) BY_LAST.set(last, (list = []));
    list.push({ self, len: self.length, other, cost });
  }
}

/**
 * Two Latin letters for one long vowel of an Arabic pattern: ي as ai, ay, ei, ey, ee, ie, ia,
 * iy (Zainab, Husayn, Hussein, Saeed); و as ou, oo, oa, ao, uo, ow, aw; alif as aa. Only a Latin
 * spelling against a pattern (never between two Latin spellings, where ai/i are other sounds).
 */
const PATTERN_GROUPS: ReadonlyArray<readonly [string, string, number]> = [
  ...['ai', 'ay', 'ei', 'ey', 'ee', 'ie', 'ia', 'iy'].map((l) => [l, 'i', 0.05] as const),
  ...['ou', 'oo', 'oa', 'ao', 'uo', 'ow', 'aw'].map((l) => [l, 'u', 0.05] as const),
  ['aa', 'a', 0.05],
];
/** For each last letter, the pattern groups ending with it, on the Latin side (`latin`) or on the pattern's. */
const PATTERN_BY_LAST = new Map<number, Array<GroupEnd & { self: string; latin: boolean }>>();
for (const [latin, arabic, cost] of PATTERN_GROUPS) {
  for (const [self, other, isLatin] of [[latin, arabic, true], [arabic, latin, false]] as const) {
    const last = self.charCodeAt(self.length - 1);
    let list = PATTERN_BY_LAST.get(last);
    if (!list) PATTERN_BY_LAST.set(last, (list = []));
    list.push({ self, len: self.length, other, cost, latin: isLatin });
  }
}
const LONGEST = Math.max(...GROUPS.flatMap(([x, y]) => [x.length, y.length]));

const SIZE = 48;
/** The distance table, row-major with SIZE + 1 columns. */
const table = new Float64Array((SIZE + 1) * (SIZE + 1));
const W = SIZE + 1;

/** The group strings of the current `a` that end at each position: ENDS[ENDS_AT[i] .. ENDS_AT[i + 1]). */
const ENDS: GroupEnd[] = [];
const ENDS_AT = new Int32Array(SIZE + 2);
/** Insertion cost of each letter of the current `b`. */
const INS = new Float64Array(SIZE + 1);
/** Smallest value of each row of the table. */
const ROW_MIN = new Float64Array(SIZE + 1);

/** `latin`: s is a Latin spelling compared with a pattern (true), the pattern (false), or neither (null). */
function findGroupEnds(s: string, latin: boolean | null): void {
  ENDS.length = 0;
  for (let i = 1; i <= s.length; i++) {
    ENDS_AT[i] = ENDS.length;
    const c = s.charCodeAt(i - 1);
    const list = BY_LAST.get(c);
    if (list) for (const g of list) if (g.len <= i && s.startsWith(g.self, i - g.len)) ENDS.push(g);
    const more = latin === null ? undefined : PATTERN_BY_LAST.get(c);
    if (more) for (const g of more) if (g.latin === latin && g.len <= i && s.startsWith(g.self, i - g.len)) ENDS.push(g);
  }
  ENDS_AT[s.length + 1] = ENDS.length;
}

/**
 * Transliteration-aware edit distance between two spellings (strict keys or romanised words):
 * a Damerau-style edit distance whose costs know transliteration (see {@link GROUPS}, and a vowel
 * for a vowel, an added or dropped h, j/i/y, a consonant of the same class, a doubled letter),
 * giving up with `max + 1` once every path costs more than `max`. `arabic` says which
 * side was written in Arabic script (true: one side, not known which): short vowels cost little
 * there, long vowels more (see {@link ArabicSide}). `pattern`: the Arabic side was romanised with
 * "*" for its short vowels (`toLatin(term, '*')`), so its "a" is an alif.
 */
export function variantDistance(a: string, b: string, max: number, arabic: boolean | ArabicSide = false, pattern = false): number {
  side = arabic === true ? 'both' : arabic === false ? 'none' : arabic;
  patterns = side !== 'none' && pattern;
  const any = side !== 'none';
  hIndel = any ? 0.2 : 0.4;
  dentalSub = any ? 0.25 : 0.45;
  // deleting a's letter / inserting b's letter: which is the Arabic side, and is the other one
  const aAr = side === 'a';
  const bAr = side === 'b';
  const aOther = side === 'b' || side === 'both';
  const bOther = side === 'a' || side === 'both';
  const la = a.length;
  const lb = b.length;
  if (la > SIZE || lb > SIZE) return max + 1;
  findGroupEnds(a, patterns && (side === 'a' || side === 'b') ? side === 'b' : null);
  for (let j = 1; j <= lb; j++) {
    const cb = b.charCodeAt(j - 1);
    INS[j] = j > 1 && b.charCodeAt(j - 2) === cb ? DOUBLED : indelCost(cb, bAr, bOther, j === 1);
  }
  table[0] = 0;
  for (let j = 1; j <= lb; j++) table[j] = (table[j - 1] ?? 0) + (INS[j] ?? 1);
  ROW_MIN[0] = 0;
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    const del = i > 1 && a.charCodeAt(i - 2) === ca ? DOUBLED : indelCost(ca, aAr, aOther, i === 1);
    const row = i * W;
    const up = row - W;
    table[row] = (table[up] ?? 0) + del;
    let rowMin = table[row] ?? 0;
    const g0 = ENDS_AT[i] ?? 0;
    const g1 = ENDS_AT[i + 1] ?? 0;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = (table[up + j - 1] ?? 0) + subCost(ca, cb);
      const d = (table[up + j] ?? 0) + del;
      if (d < v) v = d;
      const n = (table[row + j - 1] ?? 0) + (INS[j] ?? 1);
      if (n < v) v = n;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const t = (table[up - W + j - 2] ?? 0) + 0.8;
        if (t < v) v = t;
      }
      for (let k = g0; k < g1; k++) {
        const g = ENDS[k];
        if (g === undefined) continue;
        const lo = g.other.length;
        if (lo <= j && b.startsWith(g.other, j - lo)) {
          const t = (table[(i - g.len) * W + j - lo] ?? 0) + g.cost;
          if (t < v) v = t;
        }
      }
      table[row + j] = v;
      if (v < rowMin) rowMin = v;
    }
    ROW_MIN[i] = rowMin;
    // a group may reach back LONGEST rows: give up once all of those are past max
    let recent = rowMin;
    for (let k = Math.max(0, i - LONGEST + 1); k < i; k++) recent = Math.min(recent, ROW_MIN[k] ?? 0);
    if (recent > max) return max + 1;
  }
  return table[la * W + lb] ?? max + 1;
}

/** The largest variant distance accepted for a key of this length (0 below 4 letters). */
export function maxVariantDistance(len: number, base: number, perLetter: number): number {
  if (len < 4) return 0;
  return Math.min(2.2, base + perLetter * len);
}

/** The skeleton tables as stored in the search cache (see `VariantKeys.toImage`). */
export interface VariantImage {
  /** Skeletons, by number. */
  skels: string[];
  /** The hash table of the skeletons' numbers. */
  skelTable: StringIdsImage;
  /** The skeleton number of each key [0, keySkel.length). */
  keySkel: Uint32Array;
  /** The deletion index over the skeletons. */
  neighbours: DeletionImage;
  /** The keys of Arabic-script terms. */
  arabic: Uint32Array;
}

/**
 * Skeletons of the strict keys and a deletion index over them. Keys are given by id; the
 * skeleton tables are built on first use (or loaded from the search cache) and kept up to date as
 * keys are added.
 */
export class VariantKeys {
  private skels: string[] = [];
  private skelIndex = new StringIds(() => this.skels);
  /** The keys of each skeleton (no array per skeleton: see `Groups`). */
  private skelKeys = new Groups();
  private keySkel: number[] = [];
  private built = 0;
  private readonly neighbours = new DeletionIndex((s) => this.skels[s] ?? '', { minLen: 3 });

  /** Keys of Arabic-script terms by consonant skeleton (see `consonants`), few in most notebooks. */
  private arabicKeys = new Map<string, number[]>();
  /** The same keys by their consonants without h and repeats (see `bareConsonants`), where those differ. */
  private arabicBare = new Map<string, number[]>();

  constructor(
    private readonly keyOf: (keyId: number) => string,
    private readonly isArabic: (keyId: number) => boolean = () => false,
  ) {}

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
        if (!first) this.neighbours.add(s);
      }
      this.skelKeys.add(s, k);
      this.keySkel[k] = s;
      if (this.isArabic(k)) addArabic(this.arabicKeys, this.arabicBare, k, sk);
    }
    if (first || this.neighbours.pendingSize > 50_000) this.neighbours.build(this.skels.length);
    this.built = count;
  }

  /** Builds the tables now (they are otherwise built by the first lookup). */
  prepare(count: number): void {
    this.sync(count);
  }

  /** The tables over the keys synced so far, for the search cache; null before the first sync. */
  toImage(): VariantImage | null {
    const neighbours = this.neighbours.toImage();
    if (this.built === 0 || !neighbours) return null;
    const arabic: number[] = [];
    for (const list of this.arabicKeys.values()) arabic.push(...list);
    if (this.skelIndex.toImage().count < this.skels.length) this.skelIndex.rebuild(this.skels.length);
    return { skels: this.skels, skelTable: this.skelIndex.toImage(), keySkel: Uint32Array.from(this.keySkel), neighbours, arabic: Uint32Array.from(arabic) };
  }

  /**
   * Takes stored tables over keys [0, img.keySkel.length) and syncs the keys after them, so that
   * lookups answer as tables built now would.
   * @throws Error on tables that do not fit together (a damaged cache).
   */
  load(img: VariantImage, count: number): void {
    const n = img.keySkel.length;
    if (n === 0 || n > count) throw new Error('search index: bad variant table');
    const skelKeys = Groups.of(img.keySkel, img.skels.length);
    // Skeletons made by another version of `skeleton` (a change that forgot the cache version) are not used.
    for (let i = 0; i < 64; i++) {
      const k = Math.floor((i * n) / 64);
      if (img.skels[img.keySkel[k] ?? 0] !== skeleton(this.keyOf(k))) throw new Error('search index: variant skeletons of another version');
    }
    const arabicKeys = new Map<string, number[]>();
    const arabicBare = new Map<string, number[]>();
    for (const k of img.arabic) {
      if (k >= n) throw new Error('search index: bad variant table');
      addArabic(arabicKeys, arabicBare, k, img.skels[img.keySkel[k] ?? 0] ?? '');
    }
    this.skels = img.skels; // before the neighbours and the ids, which read the skeletons added after them
    this.skelIndex.load(img.skelTable, img.skels.length);
    this.neighbours.load(img.neighbours, img.skels.length);
    this.skelKeys = skelKeys;
    this.keySkel = numbers(img.keySkel);
    this.arabicKeys = arabicKeys;
    this.arabicBare = arabicBare;
    this.built = n;
    this.sync(count);
  }

  /** Forgets the tables (after the key table was replaced). */
  reset(): void {
    this.skels = [];
    this.skelIndex = new StringIds(() => this.skels);
    this.skelKeys = new Groups();
    this.keySkel = [];
    this.arabicKeys = new Map();
    this.arabicBare = new Map();
    this.built = 0;
  }

  /**
   * Keys of Arabic-script terms whose consonants are those of the Latin key `key` (vowels, and the
   * vowel or ain a word starts with, left out): Zki, Zaki and زكي all give "sk". Short words too,
   * since Arabic script writes names of two or three letters. A Latin spelling without vowels
   * (Mdht, Zhl, Nml for مدحت, زحل, نمل) cannot tell dh from d-h, nor nm from n-m: it is also
   * compared by its consonants without h and repeats.
   */
  arabicCandidates(key: string, keyCount: number): number[] {
    this.sync(keyCount);
    const c = consonants(skeleton(key));
    if (c.length < 2) return [];
    const out = this.arabicKeys.get(c) ?? [];
    const b = bareConsonants(c);
    if (b.length < 2) return out;
    const more = [...(b === c ? [] : (this.arabicKeys.get(b) ?? [])), ...(this.arabicBare.get(b) ?? [])].filter((k) => !out.includes(k));
    return more.length === 0 ? out : [...out, ...more];
  }

  /**
   * Keys of any script that may be Latin spellings of the romanised Arabic-script word `key`: the
   * skeleton as it is and, when it starts with a vowel (alif, ain), with any other vowel or none
   * in its place (عباس, Abbas, Ebbas); skeletons of two letters too, same skeleton only.
   * `voweless`: other keys of the word to probe by skeleton (the spellings without short vowels).
   */
  latinCandidates(key: string, keyCount: number, cap: number, voweless: readonly string[] = [key]): number[] {
    this.sync(keyCount);
    const sk = skeleton(key);
    const c = consonants(sk);
    const probes = c.length === sk.length ? [sk] : [sk, c, ...['a', 'e', 'i', 'u'].map((v) => v + c).filter((p) => p !== sk)];
    for (const w of voweless) {
      const bare = skeleton(w);
      if (!probes.includes(bare)) probes.push(bare);
    }
    const out: number[] = [];
    for (const p of probes) {
      if (p.length < 2) continue;
      if (p.length >= 3) {
        for (const k of this.candidates(p, keyCount, cap, true)) if (!out.includes(k)) out.push(k);
      } else {
        const s = this.skelIndex.get(p);
        for (const k of s === undefined ? [] : this.skelKeys.get(s)) if (out.length < cap * 2 && !out.includes(k)) out.push(k);
      }
    }
    return out;
  }

  /**
   * Key ids that may be spelling variants of `key`: same skeleton, or a skeleton one edit away.
   * At most `cap` ids, same-skeleton ones first.
   */
  candidates(key: string, keyCount: number, cap: number, isSkeleton = false): number[] {
    this.sync(keyCount);
    const sk = isSkeleton ? key : skeleton(key);
    if (sk.length < 3) return [];
    const out: number[] = [];
    const push = (s: number): void => {
      for (const k of this.skelKeys.get(s)) {
        if (out.length >= cap) return;
        out.push(k);
      }
    };
    const same = this.skelIndex.get(sk);
    if (same !== undefined) push(same);
    {
      const near = this.neighbours.lookup(sk, 1);
      near.sort((x, y) => this.skelKeys.size(x.keyId) - this.skelKeys.size(y.keyId));
      for (const n of near) {
        if (out.length >= cap) break;
        push(n.keyId);
      }
    }
    return out;
  }
}
