/**
 * Query parsing and expansion. A query is split into bare words, `"quoted phrases"` and `word*`
 * prefixes; each word becomes a group of expansions (document terms it may match) with a weight
 * and a kind: the exact term, terms sharing its transliteration key (variants), typo neighbours of
 * the key, and completions when the word is a prefix (the last bare word while typing, or `*`).
 * Filters (kinds, tags, entity, date range) are parsed here too.
 */
import type { MatchHow } from '../../api/types';
import { analyze, foldWord } from './normalize';
import type { RankingOptions } from './rank';
import type { Expansion, Filter, Group, ParsedQuery } from './parsed';
import { cmp, type IndexStore } from './store';
import { AIN, ENDING, toLatin, translitKey } from './translit';
import { maxVariantDistance, variantDistance, type ArabicSide } from './variants';
import type { SearchQuery } from './types';
import { tagKey } from '../tags';

const ARABIC_SCRIPT_RE = /[\u0600-\u06ff]/;
const JOINED_ARTICLE_RE = /^(?:al|el)([a-z]{3,})$/;
const ARABIC_ARTICLE_RE = /^[\u0627\u0671]\u0644/;
const C_AS_K_RE = /(?<![cst])c(?=[aou]|$)/g;

/**
 * The expansions of one query word (deduplicated; terms with no live document are left out).
 * `withArticle`: the word was typed in Arabic script with its article (الحسن, analysed as حسن), so
 * a Latin spelling that writes the article (Alhassan) is the closer one, and one without it costs
 * the article.
 */
export function expand(store: IndexStore, term: string, prefix: boolean, opts: RankingOptions, withArticle = false): Expansion[] {
  const out: Expansion[] = [];
  const seen = new Set<number>();
  const add = (termId: number, weight: number, how: MatchHow): void => {
    if (weight <= 0 || seen.has(termId) || (store.df[termId] ?? 0) <= 0) return;
    seen.add(termId);
    out.push({ termId, weight, how });
  };
  const exact = store.termIndex.get(term);
  if (exact !== undefined) add(exact, opts.exact, 'exact');
  const key = translitKey(term);
  const keyId = store.keyIndex.get(key);
  // a variant's weight falls with its distance from the word as typed, so the closest spelling
  // ranks first; words sharing the strict key count as at most distance 1
  const latin = toLatin(term);
  const arabicQuery = ARABIC_SCRIPT_RE.test(term);
  // ranking compares an Arabic-script word as a pattern: short vowels unwritten ("*"), alif as "a"
  const pattern = arabicQuery ? toLatin(term, '*') : latin;
  // `from` is the word the distance is measured from (the word with its article for joined forms)
  const typedArticle = arabicQuery && withArticle;
  const variantWeight = (t: number, atMost: number, from = pattern, extra = 0): number => {
    const text = store.terms[t] ?? '';
    const arabicTerm = ARABIC_SCRIPT_RE.test(text);
    // a bare Latin spelling of a word typed with its article leaves the article out
    const missing = typedArticle && from === pattern && !arabicTerm ? opts.articleCost : 0;
    const d = Math.min(atMost, variantDistance(from, toLatin(text, '*'), atMost, sideOf(arabicQuery, arabicTerm), true) + extra + missing);
    return opts.variant * Math.max(opts.variantFloor, 1 - opts.variantSlope * d) * (store.mostlyLower(t) ? opts.lowerCaseFactor : 1);
  };
  if (keyId !== undefined) for (const t of store.termsOfKey(keyId)) if (t !== exact) add(t, variantWeight(t, 1), 'variant');
  if (prefix && term.length >= 2) {
    for (const t of store.prefixTerms(term)) {
      const len = (store.terms[t] ?? '').length;
      add(t, opts.prefixBase + opts.prefixSpan * (term.length / Math.max(len, 1)), 'prefix');
    }
  }
  const exactDf = exact === undefined ? 0 : (store.df[exact] ?? 0);
  if (exactDf <= Math.max(3, store.live * opts.variantMaxShare)) {
    for (const v of looseVariants(store, key, keyId, opts, arabicQuery, pattern)) {
      for (const t of store.termsOfKey(v.keyId)) add(t, variantWeight(t, v.dist + 1), 'variant');
    }
    // the key reads c as k (Monaco/Monako); Czech, Polish and Croatian write c for ts (Pavelec,
    // Lejbnic for Павелец, Лейбниц): the word is looked up under the other reading too
    const reading = arabicQuery ? null : otherReading(latin);
    if (reading !== null && reading !== key) {
      const readingId = store.keyIndex.get(reading);
      if (readingId !== undefined) for (const t of store.termsOfKey(readingId)) add(t, variantWeight(t, 1), 'variant');
      for (const v of looseVariants(store, reading, readingId, opts)) {
        for (const t of store.termsOfKey(v.keyId)) add(t, variantWeight(t, v.dist + 1), 'variant');
      }
    }
    // across scripts: the Arabic-script spellings of a Latin word by consonants (Arabic writes no
    // short vowels), short words included; the other way, the Latin spellings of an Arabic-script
    // word, written with or without its short vowels (Mdht, Nml for مدحت, نمل)
    for (const v of crossScript(store, key, arabicQuery, opts, pattern)) {
      for (const t of store.termsOfKey(v.keyId)) if (ARABIC_SCRIPT_RE.test(store.terms[t] ?? '') !== arabicQuery) add(t, variantWeight(t, v.dist + 1), 'variant');
    }
    // the Arabic article written joined: الجبار (analysed without it) may be Aljabar in Latin
    // text, and Alhassan may be الحسن or Hassan; never the article alone. The article costs
    // little beside the distance of the rest.
    const bare = arabicQuery ? undefined : JOINED_ARTICLE_RE.exec(term)?.[1];
    const articled = arabicQuery ? `al${pattern}` : undefined;
    const other = arabicQuery ? translitKey(`al${latin}`) : bare ? translitKey(bare) : null;
    if (other) {
      const from = articled ?? bare ?? latin;
      const cost = typedArticle ? 0 : opts.articleCost;
      // for an Arabic-script word, only Latin words that start with the article (al-, el-, or
      // assimilated: ar-Rami joined is arrami)
      const startsWithArticle = (k: number): boolean => {
        const c = store.keys[k] ?? '';
        return !arabicQuery || /^[ae]l/.test(c) || (/^[ae]/.test(c) && c.charAt(1) === key.charAt(0));
      };
      for (const v of looseVariants(store, other, undefined, opts, arabicQuery)) {
        if (!startsWithArticle(v.keyId)) continue;
        for (const t of store.termsOfKey(v.keyId)) add(t, variantWeight(t, v.dist + 1 + cost, from, cost), 'variant');
      }
      if (bare) {
        for (const v of crossScript(store, other, false, opts)) {
          for (const t of store.termsOfKey(v.keyId)) if (ARABIC_SCRIPT_RE.test(store.terms[t] ?? '')) add(t, variantWeight(t, v.dist + 1 + cost, from, cost), 'variant');
        }
      }
    }
  }
  // the word is spelt (nearly) as a word of the notebook: it was probably typed whole, so longer
  // words that merely start with it (Robinson for Robi, when روبي is there) come behind
  if (prefix && opts.prefixWhenKnown < 1 && out.some((e) => e.how !== 'prefix' && e.weight >= opts.variant * 0.7)) {
    for (const e of out) if (e.how === 'prefix') e.weight *= opts.prefixWhenKnown;
  }
  let known = 0;
  for (const e of out) known += store.df[e.termId] ?? 0;
  if (known < Math.max(3, Math.ceil(store.live * 0.001))) {
    const typo = store.typoIndex();
    const cands: Array<{ termId: number; dist: number; df: number }> = [];
    for (const { keyId: k, dist } of typo.lookup(key)) {
      for (const t of store.termsOfKey(k)) cands.push({ termId: t, dist, df: store.df[t] ?? 0 });
    }
    cands.sort((a, b) => a.dist - b.dist || b.df - a.df || cmp(store.terms[a.termId] ?? '', store.terms[b.termId] ?? ''));
    // the word matches a spelling the notebook has (as typed or as a variant): the user probably
    // wrote what they meant, so typo neighbours only fill in behind those spellings
    const factor = known > 0 ? opts.typoWhenKnown : 1;
    for (const c of cands.slice(0, opts.maxTypoTerms)) add(c.termId, (c.dist === 1 ? opts.typo1 : opts.typo2) * factor, 'typo');
  }
  return out;
}

/** The key of a Latin word with c read as ts (where the key reads k), or ts as c; null when it has neither. */
export function otherReading(latin: string): string | null {
  if (latin.replace(C_AS_K_RE, 'ts') !== latin) return translitKey(latin.replace(C_AS_K_RE, 'ts'));
  if (latin.includes('ts')) return translitKey(latin.replace(/ts/g, 'c'));
  return null;
}

/** Keys within the allowed transliteration-aware distance of `key`, closest first. */
export function looseVariants(
  store: IndexStore,
  key: string,
  self: number | undefined,
  opts: RankingOptions,
  arabicQuery = false,
  written?: string,
): Array<{ keyId: number; dist: number }> {
  // a word the notebook already has, as typed, is more likely an ordinary word: only close variants
  const known = self !== undefined;
  const maxD = maxVariantDistance(key.length, opts.variantBase, opts.variantPerLetter) * (known ? opts.knownWordFactor : 1);
  if (maxD <= 0) return [];
  const out: Array<{ keyId: number; dist: number }> = [];
  for (const k of store.variants.candidates(key, store.keys.length, opts.maxVariantCandidates)) {
    if (k === self) continue;
    const cand = store.keys[k] ?? '';
    const limit = Math.min(maxD, maxVariantDistance(cand.length, opts.variantBase, opts.variantPerLetter));
    if (limit <= 0) continue;
    const first = store.terms[store.termsOfKey(k)[0] ?? -1] ?? '';
    const side = sideOf(arabicQuery, ARABIC_SCRIPT_RE.test(first));
    let dist = variantDistance(key, cand, limit, side);
    // keys fold letter pairs that are not always one letter (shh in Khrushhjov is ш + х): the
    // words as written are compared too (`written`: the query word romanised, Arabic as a pattern)
    if (dist > 0 && written !== undefined && first !== '') dist = Math.min(dist, variantDistance(written, toLatin(first, '*'), limit, side, true));
    if (dist <= limit) out.push({ keyId: k, dist: dist + lowerCasePenalty(store, k, opts) });
  }
  out.sort((a, b) => a.dist - b.dist || cmp(store.keys[a.keyId] ?? '', store.keys[b.keyId] ?? ''));
  if (out.length > opts.maxVariantKeys) out.length = opts.maxVariantKeys;
  return out;
}

/** What a key costs in the choice of the closest candidates when every live term of it is mostly written in lower case. */
function lowerCasePenalty(store: IndexStore, keyId: number, opts: RankingOptions): number {
  const terms = store.termsOfKey(keyId);
  return terms.length > 0 && terms.every((t) => (store.df[t] ?? 0) === 0 || store.mostlyLower(t)) ? opts.lowerCaseDistance : 0;
}

/** Which side of a query word / document word comparison is in Arabic script. */
function sideOf(queryArabic: boolean, termArabic: boolean): ArabicSide {
  if (queryArabic) return termArabic ? 'both' : 'a';
  return termArabic ? 'b' : 'none';
}

/** The largest distance accepted between a Latin and an Arabic-script spelling of n letters. */
function crossScriptLimit(len: number): number {
  return Math.min(1.5, 0.3 + 0.1 * len);
}

/** The keys of the Latin spellings of an Arabic-script pattern that leave out every short vowel. */
function vowelessKeys(pattern: string): string[] {
  const bare = pattern.replaceAll('*', '').replaceAll(AIN, '');
  return bare.includes(ENDING) ? [bare.replaceAll(ENDING, 'a'), bare.replaceAll(ENDING, 'ah')].map(translitKey) : [translitKey(bare)];
}

/**
 * Keys of the other script within the cross-script distance of `key`, closest first: Arabic-script
 * keys for a Latin word, Latin keys for an Arabic-script word.
 */
export function crossScript(store: IndexStore, key: string, arabicQuery: boolean, opts: RankingOptions, pattern = key): Array<{ keyId: number; dist: number }> {
  if (key.length < 2) return [];
  // a Latin spelling may leave out every short vowel: its key is that of the pattern without them,
  // with the ending written -a or, kept by the keys of short words, -ah (Hbah for هبة)
  const cands = arabicQuery
    ? store.variants.latinCandidates(key, store.keys.length, opts.maxVariantCandidates, vowelessKeys(pattern))
    : store.variants.arabicCandidates(key, store.keys.length);
  const out: Array<{ keyId: number; dist: number }> = [];
  for (const k of cands) {
    const cand = store.keys[k] ?? '';
    const limit = crossScriptLimit(Math.max(key.length, cand.length));
    let dist = variantDistance(key, cand, limit, arabicQuery ? 'a' : 'b');
    // keys fold digraphs that a spelling without vowels only seems to have (Zhl for زحل, not zh):
    // the words as written are compared too, the Arabic one with its short vowels unwritten
    const first = store.terms[store.termsOfKey(k)[0] ?? -1];
    if (dist > 0 && first !== undefined && pattern !== key) {
      const other = arabicQuery ? first : toLatin(first, '*');
      dist = Math.min(dist, variantDistance(pattern, other, limit, arabicQuery ? 'a' : 'b', true));
    }
    if (dist <= limit) out.push({ keyId: k, dist: dist + lowerCasePenalty(store, k, opts) });
  }
  out.sort((a, b) => a.dist - b.dist || cmp(store.keys[a.keyId] ?? '', store.keys[b.keyId] ?? ''));
  if (out.length > opts.maxVariantKeys) out.length = opts.maxVariantKeys;
  return out;
}

/** Parses a query string into word groups and phrases, expanding every word against the store. */
export function parseQuery(store: IndexStore, q: string, opts: RankingOptions): ParsedQuery {
  const groups: Group[] = [];
  const phrases: number[][] = [];
  const chunkRe = /"([^"]*)"?|(\S+)/g;
  const trailingSpace = /\s$/.test(q);
  let lastBare = -1;
  for (let m = chunkRe.exec(q); m !== null; m = chunkRe.exec(q)) {
    const isPhrase = m[1] !== undefined;
    const chunk = isPhrase ? (m[1] ?? '') : (m[2] ?? '');
    const star = !isPhrase && chunk.endsWith('*');
    const toks = analyze(chunk, 'query');
    if (toks.length === 0) continue;
    // "Al Hudaydah", "As Sulaymaniyah": an article before a name is not a word the results need
    const next = chunkRe.lastIndex < q.length ? /^\s+([^\s"]+)/.exec(q.slice(chunkRe.lastIndex))?.[1] : undefined;
    if (!isPhrase && toks.length === 1 && next !== undefined && isArticleBefore(toks[0]?.term ?? '', foldWord(next))) continue;
    const idx: number[] = [];
    toks.forEach((t, i) => {
      idx.push(groups.length);
      const prefix = star && i === toks.length - 1;
      groups.push({ text: t.term, typed: chunk.slice(t.start, t.end), prefix, expansions: [] });
    });
    if (toks.length > 1) phrases.push(idx);
    lastBare = isPhrase ? -1 : groups.length - 1;
  }
  groups.forEach((g, i) => {
    const implicitPrefix = i === lastBare && !trailingSpace && g.text.length >= 3;
    // typed with the article: analysis took it off (a name may itself start with alif-lam: الاله is الـ + اله)
    g.expansions = expand(store, g.text, g.prefix || implicitPrefix, opts, ARABIC_ARTICLE_RE.test(g.typed) && foldWord(g.typed) !== g.text);
  });
  return { groups, phrases };
}

const ARTICLE_AL = new Set(['al', 'el', 'ul']);
/** Sun-letter articles: "as-" before s, "ash-" before sh, "ad-" before d... */
const ARTICLE_SUN = /^[ae](d|dh|n|r|s|sh|t|th|z)$/;

/** Whether a word is the Arabic article written on its own before `next` (folded). */
export function isArticleBefore(word: string, next: string): boolean {
  if (next.length < 3) return false;
  if (ARTICLE_AL.has(word)) return true;
  const m = ARTICLE_SUN.exec(word);
  return m !== null && next.startsWith(m[1] ?? '');
}

/** The filter of a query, or null when it has none. */
export function makeFilter(q: SearchQuery): Filter | null {
  const f: Filter = {
    kinds: q.kinds && q.kinds.length > 0 ? new Set(q.kinds) : null,
    tags: (q.tags ?? []).map(tagKey),
    entityId: q.entityId,
    from: q.from,
    to: q.to,
  };
  if (!f.kinds && f.tags.length === 0 && !f.entityId && !f.from && !f.to) return null;
  return f;
}
