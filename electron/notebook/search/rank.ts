/**
 * Ranking: BM25F over the four fields with field boosts, each query word scored by its best
 * expansion (exact, variant, typo, prefix) times that expansion's weight, all words required
 * (any word when none matches them all), phrases checked on positions and a proximity bonus for
 * the best candidates. Every number is in {@link RankingOptions}.
 */
import { FIELD_COUNT } from './postings';
import { passes, type Filter, type ParsedQuery } from './parsed';
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

/** Ranks the documents matching a parsed query (non-empty groups), best first. */
export function rank(store: IndexStore, parsed: ParsedQuery, filter: Filter | null, opts: RankingOptions): Ranked[] {
  const { groups, phrases } = parsed;
  const nDocs = store.docs.length;
  const docs = store.docs;
  const flen = store.flen;
  const N = Math.max(store.live, 1);
  const avg = store.fieldSum.map((s) => Math.max(s / N, 1));
  const { k1, b, boost } = opts;
  const scores = new Float64Array(nDocs);
  const hits = new Uint8Array(nDocs);
  const gs = new Float64Array(nDocs);
  const ok = new Int8Array(nDocs); // filter cache: 0 unknown, 1 pass, -1 fail
  const c = store.cursor;
  const tf = c.tf;
  const touchedAll: number[] = [];
  const ng = Math.min(groups.length, 255);

  for (let gi = 0; gi < ng; gi++) {
    const g = groups[gi];
    if (!g) continue;
    const touched: number[] = [];
    const exact = g.expansions.find((e) => e.how === 'exact');
    // a variant never counts for more than the exact word would (a rare misspelling of a common word)
    const capIdf = exact ? idf(store.df[exact.termId] ?? 0, N) : Infinity;
    for (const e of g.expansions) {
      const w = e.weight * Math.min(idf(store.df[e.termId] ?? 0, N), capIdf);
      const tfCap = e.how === 'exact' || e.how === 'prefix' ? Infinity : opts.variantTfCap;
      store.segments(e.termId, (buf, s, end) => {
        c.reset(buf, s, end);
        while (c.next()) {
          const d = c.doc;
          let pass = ok[d] ?? 0;
          if (pass === 0) {
            const rec = docs[d];
            pass = rec && (!filter || passes(filter, rec)) ? 1 : -1;
            ok[d] = pass;
          }
          if (pass < 0) continue;
          // BM25F: the fields' boosted, length-normalised counts are summed, then saturated once,
          // so a word in the title counts more than in the body but not four times a whole match
          let tw = 0;
          const base = d * FIELD_COUNT;
          for (let f = 0; f < FIELD_COUNT; f++) {
            const n = Math.min(tf[f] ?? 0, tfCap);
            if (n > 0) tw += ((boost[f] ?? 1) * n) / (1 - b + (b * (flen[base + f] ?? 0)) / (avg[f] ?? 1));
          }
          const sc = bm25f(tw, k1) * w;
          const prev = gs[d] ?? 0;
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

  // all words must match; fall back to any word when nothing matches them all
  let cands = touchedAll.filter((d) => hits[d] === ng);
  if (cands.length === 0 && ng > 1 && phrases.length === 0) {
    cands = touchedAll;
    for (const d of cands) scores[d] = ((scores[d] ?? 0) * (hits[d] ?? 0)) / ng;
  }

  if (phrases.length > 0 && cands.length > 0) {
    const want = new Uint8Array(nDocs);
    for (const d of cands) want[d] = 1;
    for (const phrase of phrases) {
      const lists = phrase.map((gi) => collectPositions(store, groups[gi]?.expansions ?? [], want));
      for (const d of cands) {
        if (want[d] !== 1) continue;
        const first = lists[0]?.get(d) ?? [];
        const sets = lists.map((l) => new Set(l.get(d) ?? []));
        const found = first.some((p) => sets.every((s, i) => s.has(p + i)));
        if (!found) want[d] = 0;
      }
    }
    cands = cands.filter((d) => want[d] === 1);
  }

  const ranked: Ranked[] = cands.map((d) => ({ d, s: scores[d] ?? 0 }));
  const byScore = (x: Ranked, y: Ranked): number => y.s - x.s || ((docs[x.d]?.id ?? '') < (docs[y.d]?.id ?? '') ? -1 : 1);
  ranked.sort(byScore);

  // proximity: reward the best candidates whose words occur close together
  if (ng > 1 && phrases.length === 0 && ranked.length > 1) {
    const top = ranked.slice(0, opts.proximityTop);
    const want = new Uint8Array(nDocs);
    for (const r of top) want[r.d] = 1;
    const lists = groups.slice(0, ng).map((g) => collectPositions(store, g.expansions, want));
    for (const r of top) {
      const span = minSpan(lists.map((l) => l.get(r.d) ?? []));
      if (span !== Infinity) r.s *= 1 + opts.proximity * ((ng - 1) / Math.max(ng - 1, span));
    }
    top.sort(byScore);
    for (let i = 0; i < top.length; i++) ranked[i] = top[i] ?? ranked[i]!;
  }
  return ranked;
}

/** Positions of any of the expansions, for the documents flagged in `want`. */
function collectPositions(store: IndexStore, expansions: ReadonlyArray<{ termId: number }>, want: Uint8Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const c = store.cursor;
  for (const e of expansions) {
    store.segments(e.termId, (buf, s, end) => {
      c.reset(buf, s, end);
      while (c.next()) {
        if (want[c.doc] !== 1) continue;
        let l = out.get(c.doc);
        if (!l) out.set(c.doc, (l = []));
        c.positions(l);
      }
    });
  }
  if (expansions.length > 1) for (const l of out.values()) l.sort((x, y) => x - y);
  return out;
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
