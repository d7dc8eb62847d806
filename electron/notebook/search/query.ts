/**
 * Query parsing and expansion. A query is split into bare words, `"quoted phrases"` and `word*`
 * prefixes; each word becomes a group of expansions (document terms it may match) with a weight
 * and a kind: the exact term, terms sharing its transliteration key (variants), typo neighbours of
 * the key, and completions when the word is a prefix (the last bare word while typing, or `*`).
 * Filters (kinds, tags, entity, date range) are parsed here too.
 */
import type { MatchHow, SearchKind } from '../../api/types';
import { analyze } from './normalize';
import type { RankingOptions } from './rank';
import { cmp, type DocRec, type IndexStore } from './store';
import { translitKey } from './translit';
import type { SearchQuery } from './types';

/** A document term one query word may match, with its ranking weight and how it matches. */
export interface Expansion {
  termId: number;
  weight: number;
  how: MatchHow;
}

/** One query word and what it expands to. */
export interface Group {
  /** The normalized query word. */
  text: string;
  /** The word as the user typed it. */
  typed: string;
  prefix: boolean;
  expansions: Expansion[];
}

export interface ParsedQuery {
  groups: Group[];
  /** Each phrase lists the indexes of its consecutive groups. */
  phrases: number[][];
}

/** Per-query filter; null when the query has none. */
export interface Filter {
  kinds: Set<SearchKind> | null;
  tags: string[];
  entityId: string | undefined;
  from: string | undefined;
  to: string | undefined;
}

/** The expansions of one query word (deduplicated; terms with no live document are left out). */
export function expand(store: IndexStore, term: string, prefix: boolean, opts: RankingOptions): Expansion[] {
  const out: Expansion[] = [];
  const seen = new Set<number>();
  const add = (termId: number, weight: number, how: MatchHow): void => {
    if (seen.has(termId) || (store.df[termId] ?? 0) <= 0) return;
    seen.add(termId);
    out.push({ termId, weight, how });
  };
  const exact = store.termIndex.get(term);
  if (exact !== undefined) add(exact, opts.exact, 'exact');
  const key = translitKey(term);
  const keyId = store.keyIndex.get(key);
  if (keyId !== undefined) for (const t of store.keyTerms[keyId] ?? []) add(t, opts.variant, 'variant');
  if (prefix && term.length >= 2) {
    for (const t of store.prefixTerms(term)) {
      const len = (store.terms[t] ?? '').length;
      add(t, opts.prefixBase + opts.prefixSpan * (term.length / Math.max(len, 1)), 'prefix');
    }
  }
  let known = 0;
  for (const e of out) known += store.df[e.termId] ?? 0;
  if (known < Math.max(3, Math.ceil(store.live * 0.001))) {
    const typo = store.typo;
    if (!typo.isBuilt || typo.pendingSize > 50_000) typo.build(store.keys.length);
    const cands: Array<{ termId: number; dist: number; df: number }> = [];
    for (const { keyId: k, dist } of typo.lookup(key)) {
      for (const t of store.keyTerms[k] ?? []) cands.push({ termId: t, dist, df: store.df[t] ?? 0 });
    }
    cands.sort((a, b) => a.dist - b.dist || b.df - a.df || cmp(store.terms[a.termId] ?? '', store.terms[b.termId] ?? ''));
    for (const c of cands.slice(0, opts.maxTypoTerms)) add(c.termId, c.dist === 1 ? opts.typo1 : opts.typo2, 'typo');
  }
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
    g.expansions = expand(store, g.text, g.prefix || implicitPrefix, opts);
  });
  return { groups, phrases };
}

/** The filter of a query, or null when it has none. */
export function makeFilter(q: SearchQuery): Filter | null {
  const f: Filter = {
    kinds: q.kinds && q.kinds.length > 0 ? new Set(q.kinds) : null,
    tags: q.tags ?? [],
    entityId: q.entityId,
    from: q.from,
    to: q.to,
  };
  if (!f.kinds && f.tags.length === 0 && !f.entityId && !f.from && !f.to) return null;
  return f;
}

/** Whether a document passes a filter. */
export function passes(f: Filter, d: DocRec): boolean {
  if (f.kinds && !f.kinds.has(d.kind)) return false;
  for (const t of f.tags) if (!d.tags.includes(t)) return false;
  if (f.entityId !== undefined && !d.entityIds.includes(f.entityId)) return false;
  if (f.from || f.to) {
    if (!d.date) return false;
    if (f.from && d.date < f.from) return false;
    if (f.to && d.date > f.to) return false;
  }
  return true;
}
