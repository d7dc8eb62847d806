/**
 * Ranking: BM25F over the four fields with field boosts, each query word scored by its best
 * expansion (exact, variant, typo, prefix) times that expansion's weight, all words required
 * (any word when none matches them all), phrases checked on positions and a proximity bonus for
 * the best candidates. Every number is in {@link RankingOptions}.
 */
import { FIELD_COUNT } from './postings';
import { passes, type Expansion, type Filter, type ParsedQuery } from './parsed';
import type { IndexStore } from './store';

/**
 * The tunable numbers of ranking and query expansion. {@link DEFAULT_RANKING} holds the values the
 * engine uses; a `SearchIndex` can be built with other values (for experiments and the bench).
 */
export interface RankingOptions {
  /** BM25 term-frequency saturation (higher: repeated words keep counting longer). Default 1.2. */
  k1: number;
  /** BM25 length normalisation, 0 (none) to 1 (full). Default 0.75. */
  b: number;
  /** Field boosts in field order: title, aliases, tags, body. Default [4, 2.5, 1.5, 1]. */
  boost: readonly [number, number, number, number];
  /** Weight of a document word spelt exactly as the query word. Default 1. */
  exact: number;
  /** Weight of a word with the same transliteration key (Tartus/Tartous). Default 0.85. */
  variant: number;
  /**
   * A looser spelling variant (see variants.ts) at transliteration-aware distance d weighs
   * `variant × max(variantFloor, 1 − variantSlope × d)`. Default slope 1.6, floor 0.1: the distances
   * know transliteration (Karlo/Carlo 0.25), so a spelling one system away still weighs 0.6 of the
   * spelling as typed, while a far one (Boris for ابريش, found in titles, where it counts four
   * times) no longer outweighs a close one in the body; the closest spelling ranks first.
   */
  variantSlope: number;
  variantFloor: number;
  /**
   * Largest variant distance accepted for a key of n letters: `variantBase + variantPerLetter × n`
   * (at most 2.2; none below 4 letters). Default 0.2 + 0.1 × n, so one unrelated letter is
   * allowed only in words of eight letters or more.
   */
  variantBase: number;
  variantPerLetter: number;
  /**
   * A looser variant the notebook writes in lower case in most reports that have it (an everyday
   * word: hand, town for هند, عطوان) is more likely another word than the name typed: its weight is
   * multiplied by this, and it is counted as this much farther when the closest candidates are
   * kept. Names are capitalised; Arabic script has no case. Default 0.5 and 0.3.
   */
  lowerCaseFactor: number;
  lowerCaseDistance: number;
  /** Distance added for the Arabic article written joined to a name (Alhassan for الحسن or Hassan). Default 0.3. */
  articleCost: number;
  /** The allowed distance is multiplied by this when the word as typed is itself in the index. Default 0.5. */
  knownWordFactor: number;
  /** Looser variants are looked for only while the exact word is in at most this share of documents. Default 0.005. */
  variantMaxShare: number;
  /** At most this many candidate keys are scored, and this many variant keys kept, per word. Default 150 and 8. */
  maxVariantCandidates: number;
  maxVariantKeys: number;
  /** Weight of a typo neighbour at edit distance 1 and 2 of the key. Default 0.6 and 0.45. */
  typo1: number;
  typo2: number;
  /** Typo weights are multiplied by this when the word already matches a spelling in the index. Default 0.25. */
  typoWhenKnown: number;
  /**
   * Weight of a word that starts with the query word: `prefixBase + prefixSpan * (query length /
   * word length)`, so a longer completion counts less. Default 0.45 + 0.3 × ratio.
   */
  prefixBase: number;
  prefixSpan: number;
  /** Prefix weights are multiplied by this when the word itself, or a close spelling of it, is in the index. Default 0.6. */
  prefixWhenKnown: number;
  /**
   * A variant or typo counts at most this many times per field: a report that repeats another
   * spelling is no more about the word typed than one that has a closer spelling once. Default 1.
   */
  variantTfCap: number;
  /** At most this many typo neighbours per query word. Default 12. */
  maxTypoTerms: number;
  /** How many of the best candidates get the proximity bonus. Default 60. */
  proximityTop: number;
  /** Proximity bonus: score × (1 + proximity × closeness), closeness 1 for adjacent words. Default 0.3. */
  proximity: number;
}

export const DEFAULT_RANKING: Readonly<RankingOptions> = Object.freeze({
  k1: 1.2,
  b: 0.75,
  boost: [4, 2.5, 1.5, 1] as const,
  exact: 1,
  variant: 0.85,
  variantSlope: 1.6,
  variantFloor: 0.1,
  variantBase: 0.2,
  variantPerLetter: 0.1,
  variantMaxShare: 0.005,
  knownWordFactor: 0.5,
  articleCost: 0.3,
  lowerCaseFactor: 0.5,
  lowerCaseDistance: 0.3,
  maxVariantCandidates: 150,
  maxVariantKeys: 8,
  typo1: 0.6,
  typo2: 0.45,
  typoWhenKnown: 0.25,
  prefixBase: 0.45,
  prefixSpan: 0.3,
  prefixWhenKnown: 0.6,
  variantTfCap: 1,
  maxTypoTerms: 12,
  proximityTop: 60,
  proximity: 0.3,
});

/** BM25F's saturation of a document's boosted, length-normalised term count over its fields. */
export function bm25f(weightedTf: number, k1: number): number {
  return (weightedTf * (k1 + 1)) / (weightedTf + k1);
}

/** Inverse document frequency (BM25's, never negative). */
export function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** A ranked document number and its score. */
export interface Ranked {
  d: number;
  s: number;
}

/** The best documents of a query, best first, and how many documents match it in all. */
export interface RankedPage {
  /** At least the first `want` matches (see {@link rank}), best first; fewer when fewer match. */
  ranked: Ranked[];
  /** Every matching document, including those past `ranked`. */
  total: number;
}

/**
 * Ranking's arrays of one value per document, kept with the store and reused by every query (a
 * quarter of a million documents made four new arrays of 5 MB a query). Ranking runs one query
 * at a time; each query leaves `scores`, `gs` and `hits` zero again, and marks documents with a
 * stamp of its own in `ok` and `mark`, so those are never cleared.
 */
class Scratch {
  size = 0;
  scores = new Float64Array(0);
  gs = new Float64Array(0);
  hits = new Uint8Array(0);
  /** Filter verdicts: the stamp of the query when the document passes, its negation when not. */
  ok = new Int32Array(0);
  /** Documents flagged for one step of a query (the words' common documents, a phrase's candidates). */
  mark = new Int32Array(0);
  /** Work space for choosing the best scores. */
  tmp = new Float64Array(0);
  private stamp = 0;
  /** False while a query is using the arrays (true again once it has cleared them). */
  clean = true;

  fit(n: number): void {
    if (n > this.size) {
      const size = Math.max(64, n, Math.ceil(this.size * 1.25));
      this.scores = new Float64Array(size);
      this.gs = new Float64Array(size);
      this.hits = new Uint8Array(size);
      this.ok = new Int32Array(size);
      this.mark = new Int32Array(size);
      this.tmp = new Float64Array(size);
      this.size = size;
      this.stamp = 0;
      this.clean = true;
    } else if (!this.clean) {
      // a query that threw left its scores behind
      this.scores.fill(0);
      this.gs.fill(0);
      this.hits.fill(0);
      this.clean = true;
    }
  }

  /** A stamp no document carries yet. */
  nextStamp(): number {
    if (this.stamp >= 0x7ffffff0) {
      this.ok.fill(0);
      this.mark.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

const scratchOf = new WeakMap<IndexStore, Scratch>();

/**
 * Ranks the documents matching a parsed query (non-empty groups), best first.
 *
 * `want` is how many of the best a caller reads (a page's offset + limit): only those are put in
 * order, and a document whose score cannot reach them is counted without being scored. The
 * documents returned, their order and their scores are those of ranking every match and sorting
 * them all; `total` counts every match.
 */
export function rank(store: IndexStore, parsed: ParsedQuery, filter: Filter | null, opts: RankingOptions, want = Infinity): RankedPage {
  const { groups, phrases } = parsed;
  const nDocs = store.docs.length;
  const docs = store.docs;
  const flen = store.flen;
  const N = Math.max(store.live, 1);
  const avg = store.fieldSum.map((s) => Math.max(s / N, 1));
  const { k1, b, boost } = opts;
  let scratch = scratchOf.get(store);
  if (!scratch) scratchOf.set(store, (scratch = new Scratch()));
  scratch.fit(nDocs);
  scratch.clean = false;
  const { scores, hits, gs, ok, mark } = scratch;
  const okStamp = scratch.nextStamp();
  // removed documents keep their number (null) until compaction; without any, no posting needs the check
  const anyRemoved = store.live !== nDocs;
  const c = store.cursor;
  const tf = c.tf;
  const ng = Math.min(groups.length, 255);
  const b1 = boost[0] ?? 1;
  const b2 = boost[1] ?? 1;
  const b3 = boost[2] ?? 1;
  const bBody = boost[3] ?? 1;
  const aTitle = avg[0] ?? 1;
  const aAliases = avg[1] ?? 1;
  const aTags = avg[2] ?? 1;
  const aBody = avg[3] ?? 1;

  /**
   * Scores the groups in query order into `scores` and `hits`; returns the documents touched.
   * `strict`: only documents that have every word count (those that missed an earlier word, or
   * are not flagged in `mark` with `maskStamp`, are skipped). `k`: the single word's best `k`
   * are what matters, so an expansion that cannot lift a document to them only marks it as found.
   */
  const scoreGroups = (strict: boolean, maskStamp: number, k: number): number[] => {
    const touchedAll: number[] = [];
    for (let gi = 0; gi < ng; gi++) {
      const g = groups[gi];
      if (!g) continue;
      const touched: number[] = [];
      const exact = g.expansions.find((e) => e.how === 'exact');
      // a variant never counts for more than the exact word would (a rare misspelling of a common word)
      const capIdf = exact ? idf(store.df[exact.termId] ?? 0, N) : Infinity;
      const terms = g.expansions.map((e) => {
        const w = e.weight * Math.min(idf(store.df[e.termId] ?? 0, N), capIdf);
        // the most an expansion can add to a document: BM25F saturates below k1 + 1
        return { e, w, most: (k1 + 1) * w * (1 + 1e-9) };
      });
      const pruning = ng === 1 && k >= 1 && k < Infinity;
      // the expansions that can score highest first, so that the best k are known early
      if (pruning) terms.sort((x, y) => y.most - x.most);
      let bar = -Infinity;
      let barStale = true;
      for (const { e, w, most } of terms) {
        let countOnly = false;
        if (pruning && touched.length >= k) {
          if (barStale && most >= bar) {
            bar = kthLargest(scratch.tmp, touched, gs, k);
            barStale = false;
          }
          // the k-th best score so far only rises: nothing this expansion adds can reach it
          countOnly = most < bar;
        }
        if (!countOnly) barStale = true;
        const tfCap = e.how === 'exact' || e.how === 'prefix' ? Infinity : opts.variantTfCap;
        store.segments(e.termId, (buf, s, end) => {
          c.reset(buf, s, end);
          while (c.next()) {
            const d = c.doc;
            if (strict && (hits[d] !== gi || mark[d] !== maskStamp)) continue;
            if (filter) {
              let pass = ok[d] ?? 0;
              if (pass !== okStamp && pass !== -okStamp) {
                const rec = docs[d];
                pass = rec && passes(filter, rec) ? okStamp : -okStamp;
                ok[d] = pass;
              }
              if (pass < 0) continue;
            } else if (anyRemoved) {
              // compared, not tested for truth: a truth test reads the record itself (a cache miss a posting)
              const rec = docs[d];
              if (rec === null || rec === undefined) continue;
            }
            const prev = gs[d] ?? 0;
            if (countOnly) {
              if (prev === 0) {
                touched.push(d);
                gs[d] = Number.MIN_VALUE;
              }
              continue;
            }
            // BM25F: the fields' boosted, length-normalised counts are summed, then saturated once,
            // so a word in the title counts more than in the body but not four times a whole match
            const base = d * FIELD_COUNT;
            const nBody = Math.min(tf[3] ?? 0, tfCap);
            let tw = 0;
            if ((tf[0] ?? 0) + (tf[1] ?? 0) + (tf[2] ?? 0) > 0) {
              const nTitle = Math.min(tf[0] ?? 0, tfCap);
              const nAliases = Math.min(tf[1] ?? 0, tfCap);
              const nTags = Math.min(tf[2] ?? 0, tfCap);
              if (nTitle > 0) tw += (b1 * nTitle) / (1 - b + (b * (flen[base] ?? 0)) / aTitle);
              if (nAliases > 0) tw += (b2 * nAliases) / (1 - b + (b * (flen[base + 1] ?? 0)) / aAliases);
              if (nTags > 0) tw += (b3 * nTags) / (1 - b + (b * (flen[base + 2] ?? 0)) / aTags);
            }
            if (nBody > 0) tw += (bBody * nBody) / (1 - b + (b * (flen[base + 3] ?? 0)) / aBody);
            const sc = bm25f(tw, k1) * w;
            if (prev === 0) touched.push(d);
            if (sc > prev) gs[d] = sc;
          }
        });
      }
      for (const d of touched) {
        if (hits[d] === 0) touchedAll.push(d);
        scores[d] = (scores[d] ?? 0) + (gs[d] ?? 0);
        hits[d] = (hits[d] ?? 0) + 1;
        gs[d] = 0;
      }
    }
    return touchedAll;
  };
  const clear = (ds: readonly number[]): void => {
    for (const d of ds) {
      scores[d] = 0;
      hits[d] = 0;
    }
  };

  // all words must match: with several words, only the documents of the rarest one are scored
  // (a word with no expansion at all leaves nothing to score); fall back to any word when nothing
  // matches them all
  const findable = groups.slice(0, ng).every((g) => g.expansions.length > 0);
  let touchedAll: number[] = [];
  let cands: number[] = [];
  if (ng === 1 || findable) {
    let maskStamp = 0;
    if (ng > 1) {
      maskStamp = scratch.nextStamp();
      markDocs(store, rarest(store, groups, ng), mark, maskStamp);
    }
    touchedAll = scoreGroups(ng > 1, maskStamp, ng === 1 ? want : Infinity);
    cands = touchedAll.filter((d) => hits[d] === ng);
  }
  if (cands.length === 0 && ng > 1 && phrases.length === 0) {
    clear(touchedAll);
    touchedAll = scoreGroups(false, 0, Infinity);
    cands = touchedAll;
    for (const d of cands) scores[d] = ((scores[d] ?? 0) * (hits[d] ?? 0)) / ng;
  }

  if (phrases.length > 0 && cands.length > 0) {
    const stamp = scratch.nextStamp();
    for (const d of cands) mark[d] = stamp;
    for (const phrase of phrases) {
      keepPhrase(store, phrase.map((gi) => groups[gi]?.expansions ?? []), cands, mark, stamp);
    }
    cands = cands.filter((d) => mark[d] === stamp);
  }

  const byScore = (x: Ranked, y: Ranked): number => y.s - x.s || ((docs[x.d]?.id ?? '') < (docs[y.d]?.id ?? '') ? -1 : 1);
  // proximity reorders the best proximityTop, so those are put in order too
  const proximate = ng > 1 && phrases.length === 0;
  const ranked = best(cands, scores, Math.max(want, proximate ? opts.proximityTop : 0), scratch.tmp, byScore);
  const total = cands.length;
  clear(touchedAll);
  scratch.clean = true;

  // proximity: reward the best candidates whose words occur close together
  if (proximate && ranked.length > 1) {
    const top = ranked.slice(0, opts.proximityTop);
    const stamp = scratch.nextStamp();
    for (const r of top) mark[r.d] = stamp;
    const lists = groups.slice(0, ng).map((g) => collectPositions(store, g.expansions, mark, stamp));
    for (const r of top) {
      const span = minSpan(lists.map((l) => l.get(r.d) ?? []));
      if (span !== Infinity) r.s *= 1 + opts.proximity * ((ng - 1) / Math.max(ng - 1, span));
    }
    top.sort(byScore);
    for (let i = 0; i < top.length; i++) ranked[i] = top[i] ?? ranked[i]!;
  }
  return { ranked, total };
}

/** The group (of the first `ng`) whose expansions are in the fewest documents. */
function rarest(store: IndexStore, groups: ParsedQuery['groups'], ng: number): ParsedQuery['groups'][number] | undefined {
  let best: ParsedQuery['groups'][number] | undefined;
  let fewest = Infinity;
  for (let gi = 0; gi < ng; gi++) {
    const g = groups[gi];
    if (!g) continue;
    let n = 0;
    for (const e of g.expansions) n += store.df[e.termId] ?? 0;
    if (n < fewest) {
      fewest = n;
      best = g;
    }
  }
  return best;
}

/** Flags in `mark` with `stamp` every document one of the group's expansions is in. */
function markDocs(store: IndexStore, g: ParsedQuery['groups'][number] | undefined, mark: Int32Array, stamp: number): void {
  const c = store.cursor;
  for (const e of g?.expansions ?? []) {
    store.segments(e.termId, (buf, s, end) => {
      c.reset(buf, s, end);
      while (c.next()) mark[c.doc] = stamp;
    });
  }
}

/**
 * The best `k` of `cands` by `order` (score, then id), in order; all of them when fewer. Only the
 * documents scoring at least the k-th best score are sorted.
 */
function best(cands: readonly number[], scores: Float64Array, k: number, tmp: Float64Array, order: (x: Ranked, y: Ranked) => number): Ranked[] {
  if (k <= 0) return [];
  let chosen: readonly number[] = cands;
  if (cands.length > k) {
    const bar = kthLargest(tmp, cands, scores, k);
    chosen = cands.filter((d) => (scores[d] ?? 0) >= bar);
  }
  const ranked = chosen.map((d) => ({ d, s: scores[d] ?? 0 }));
  ranked.sort(order);
  if (ranked.length > k) ranked.length = k;
  return ranked;
}

/** The k-th largest of `values[d]` over the documents `ds` (k <= ds.length), found in `tmp` by quickselect. */
export function kthLargest(tmp: Float64Array, ds: readonly number[], values: Float64Array, k: number): number {
  const n = ds.length;
  for (let i = 0; i < n; i++) tmp[i] = values[ds[i] ?? 0] ?? 0;
  const t = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const x = tmp[lo] ?? 0;
    const y = tmp[(lo + hi) >>> 1] ?? 0;
    const z = tmp[hi] ?? 0;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((tmp[i] ?? 0) > pivot) i++;
      while ((tmp[j] ?? 0) < pivot) j--;
      if (i <= j) {
        const v = tmp[i] ?? 0;
        tmp[i] = tmp[j] ?? 0;
        tmp[j] = v;
        i++;
        j--;
      }
    }
    if (t <= j) hi = j;
    else if (t >= i) lo = i;
    else break;
  }
  return tmp[t] ?? 0;
}

/** Positions of any of the expansions, for the documents flagged in `mark` with `stamp`. */
function collectPositions(store: IndexStore, expansions: ReadonlyArray<{ termId: number }>, mark: Int32Array, stamp: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const c = store.cursor;
  for (const e of expansions) {
    store.segments(e.termId, (buf, s, end) => {
      c.reset(buf, s, end);
      while (c.next()) {
        if (mark[c.doc] !== stamp) continue;
        let l = out.get(c.doc);
        if (!l) out.set(c.doc, (l = []));
        c.positions(l);
      }
    });
  }
  if (expansions.length > 1) for (const l of out.values()) l.sort((x, y) => x - y);
  return out;
}

/**
 * Unflags in `mark` the documents of `cands` flagged with `stamp` that do not hold the phrase (its
 * words' expansions in order). The word in the fewest documents gives where the phrase could
 * start; each other word's positions are then walked against those starts as they are decoded,
 * so a common word ("the") is never collected.
 */
function keepPhrase(store: IndexStore, words: ReadonlyArray<readonly Expansion[]>, cands: readonly number[], mark: Int32Array, stamp: number): void {
  const size = (exps: readonly Expansion[]): number => exps.reduce((n, e) => n + (store.df[e.termId] ?? 0), 0);
  const order = words.map((exps, i) => ({ i, n: size(exps) })).sort((x, y) => x.n - y.n || x.i - y.i);
  const r = order[0]?.i ?? 0;
  const starts = collectPositions(store, words[r] ?? [], mark, stamp);
  for (const l of starts.values()) for (let j = 0; j < l.length; j++) l[j] = (l[j] ?? 0) - r;
  const c = store.cursor;
  const pos: number[] = [];
  for (const { i } of order.slice(1)) {
    const keep = new Map<number, Uint8Array>();
    for (const e of words[i] ?? []) {
      store.segments(e.termId, (buf, s, end) => {
        c.reset(buf, s, end);
        while (c.next()) {
          if (mark[c.doc] !== stamp) continue;
          const st = starts.get(c.doc);
          if (!st) continue;
          let k = keep.get(c.doc);
          if (!k) keep.set(c.doc, (k = new Uint8Array(st.length)));
          pos.length = 0;
          c.positions(pos);
          // both ascending: a start s is kept when s + i is one of this word's positions
          let at = 0;
          for (let j = 0; j < st.length; j++) {
            const want = (st[j] ?? 0) + i;
            while (at < pos.length && (pos[at] ?? 0) < want) at++;
            if (at >= pos.length) break;
            if (pos[at] === want) k[j] = 1;
          }
        }
      });
    }
    for (const [d, st] of starts) {
      const k = keep.get(d);
      const left = k ? st.filter((_, j) => k[j] === 1) : [];
      if (left.length > 0) starts.set(d, left);
      else starts.delete(d);
    }
  }
  for (const d of cands) if (!starts.has(d)) mark[d] = 0;
}

/** Smallest window (in positions) that contains one position from every list. */
export function minSpan(lists: number[][]): number {
  if (lists.some((l) => l.length === 0)) return Infinity;
  const idx = lists.map(() => 0);
  let best = Infinity;
  for (;;) {
    let lo = Infinity;
    let hi = -Infinity;
    let loList = 0;
    lists.forEach((l, i) => {
      const v = l[idx[i] ?? 0] ?? 0;
      if (v < lo) {
        lo = v;
        loList = i;
      }
      if (v > hi) hi = v;
    });
    if (hi - lo < best) best = hi - lo;
    const next = (idx[loList] ?? 0) + 1;
    if (next >= (lists[loList]?.length ?? 0)) return best;
    idx[loList] = next;
  }
}
