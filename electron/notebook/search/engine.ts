/**
 * The search index: an inverted index over normalized terms with positional postings, BM25F-style
 * ranking with field boosts (title >> aliases > tags > body), query-term expansion through the
 * transliteration-key map, a typo deletion index and prefix ranges, filters, snippets, incremental
 * upsert/remove and a compact serialized form.
 */
import { DossierError } from '../errors';
import { analyze } from './normalize';
import { ByteBuf, PostingCursor, writePosting } from './postings';
import { translitKey } from './translit';
import { DeletionIndex } from './typo';
import { findMatches, makeSnippet } from './snippet';
import { decodeImage, encodeImage, type IndexImage, type StoredDoc } from './format';
import { QuickSwitcher } from './quick';
import type {
  DocKind,
  MatchRange,
  QuickHit,
  SearchDoc,
  SearchHit,
  SearchIndexOptions,
  SearchQuery,
  SearchResponse,
} from './types';

const K1 = 1.2;
const B = 0.75;
/** Field boosts: title, aliases, tags, body. */
const BOOST = [4, 2.5, 1.5, 1] as const;
/** Expansion weights: exact > variant key > prefix/typo. */
const W_EXACT = 1;
const W_VARIANT = 0.85;
const W_TYPO1 = 0.6;
const W_TYPO2 = 0.45;
const MAX_PREFIX_TERMS = 24;
const MAX_PREFIX_SCAN = 4000;
const MAX_TYPO_TERMS = 12;
const PROXIMITY_TOP = 60;

interface DocRec extends StoredDoc {
  text?: string;
}

interface Expansion {
  termId: number;
  weight: number;
}

interface Group {
  text: string;
  prefix: boolean;
  expansions: Expansion[];
}

interface ParsedQuery {
  groups: Group[];
  phrases: number[][];
}

/** Per-query filter. */
interface Filter {
  kinds: Set<DocKind> | null;
  tags: string[];
  entityId: string | undefined;
  from: string | undefined;
  to: string | undefined;
}

export class SearchIndex {
  private readonly loadText: ((kind: DocKind, id: string) => string | null) | undefined;
  private readonly keepText: boolean;

  // documents
  private docs: Array<DocRec | null> = [];
  private flen: number[] = [];
  private docTerms: Array<Uint32Array | null> = [];
  private docTermsComplete = true;
  private idToDoc = new Map<string, number>();
  private fieldSum = [0, 0, 0, 0];
  private live = 0;
  private dead = 0;

  // vocabulary and postings
  private terms: string[] = [];
  private termIndex = new Map<string, number>();
  private df: number[] = [];
  private termKey: number[] = [];
  private pool: Uint8Array = new Uint8Array(0);
  private postStart: Uint32Array = new Uint32Array(1);
  private nBase = 0;
  private tails: Array<ByteBuf | undefined> = [];
  private tailLast: number[] = [];
  private tailBytes = 0;
  private sortedCount = 0;

  // transliteration keys and typos
  private keys: string[] = [];
  private keyIndex = new Map<string, number>();
  private keyTerms: number[][] = [];
  private typo = new DeletionIndex((k) => this.keys[k] ?? '');

  private quickSwitcher: QuickSwitcher | null = null;
  private readonly cursor = new PostingCursor();

  constructor(opts: SearchIndexOptions = {}) {
    this.loadText = opts.loadText;
    this.keepText = opts.keepText ?? !opts.loadText;
  }

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.idToDoc.has(id);
  }

  // ---------------------------------------------------------------- updates

  private keyIdOf(key: string): number {
    let k = this.keyIndex.get(key);
    if (k === undefined) {
      k = this.keys.length;
      this.keys.push(key);
      this.keyIndex.set(key, k);
      this.keyTerms.push([]);
      this.typo.add(k);
    }
    return k;
  }

  private termIdOf(term: string): number {
    let t = this.termIndex.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.terms.push(term);
      this.termIndex.set(term, t);
      this.df.push(0);
      const k = this.keyIdOf(translitKey(term));
      this.termKey.push(k);
      this.keyTerms[k]?.push(t);
      this.tails.push(undefined);
      this.tailLast.push(0);
    }
    return t;
  }

  /** Adds a document or replaces the one with the same id. */
  upsert(doc: SearchDoc): void {
    if (this.idToDoc.has(doc.id)) this.remove(doc.id);
    const docNo = this.docs.length;
    const entries = new Map<number, { tf: [number, number, number, number]; pos: number[] }>();
    const lens = [0, 0, 0, 0];
    let base = 0;
    const addText = (text: string, field: number): void => {
      let maxPos = -1;
      for (const t of analyze(text, 'index')) {
        const termId = this.termIdOf(t.term);
        let e = entries.get(termId);
        if (!e) {
          e = { tf: [0, 0, 0, 0], pos: [] };
          entries.set(termId, e);
        }
        e.tf[field] = (e.tf[field] ?? 0) + 1;
        e.pos.push(base + t.pos);
        if (!t.alt) lens[field] = (lens[field] ?? 0) + 1;
        if (t.pos > maxPos) maxPos = t.pos;
      }
      base += maxPos + 2; // a gap keeps phrases from spanning fields
    };
    const aliases = doc.aliases ?? [];
    addText(doc.title, 0);
    for (const a of aliases) addText(a, 1);
    for (const t of doc.tags) addText(t, 2);
    addText(doc.text, 3);

    const termIds = new Uint32Array(entries.size);
    let i = 0;
    for (const [termId, e] of entries) {
      termIds[i++] = termId;
      let tail = this.tails[termId];
      if (!tail) {
        tail = new ByteBuf(16);
        this.tails[termId] = tail;
      }
      const before = tail.len;
      const pos = e.pos;
      for (let j = 1; j < pos.length; j++) {
        if ((pos[j] ?? 0) < (pos[j - 1] ?? 0)) {
          pos.sort((a, b) => a - b);
          break;
        }
      }
      writePosting(tail, docNo - (this.tailLast[termId] ?? 0), e.tf, pos);
      this.tailLast[termId] = docNo;
      this.tailBytes += tail.len - before;
      this.df[termId] = (this.df[termId] ?? 0) + 1;
    }
    this.docs.push({
      id: doc.id,
      kind: doc.kind,
      title: doc.title,
      tags: [...doc.tags],
      date: doc.date,
      entityIds: [...doc.entityIds],
      aliases: [...aliases],
      text: this.keepText ? doc.text : undefined,
    });
    for (let f = 0; f < 4; f++) {
      this.flen.push(lens[f] ?? 0);
      this.fieldSum[f] = (this.fieldSum[f] ?? 0) + (lens[f] ?? 0);
    }
    this.docTerms.push(termIds);
    this.idToDoc.set(doc.id, docNo);
    this.live++;
    this.quickSwitcher?.invalidate();
  }

  /** Removes a document; unknown ids are ignored. */
  remove(id: string): void {
    const docNo = this.idToDoc.get(id);
    if (docNo === undefined) return;
    this.ensureDocTerms();
    for (const termId of this.docTerms[docNo] ?? []) this.df[termId] = (this.df[termId] ?? 1) - 1;
    for (let f = 0; f < 4; f++) this.fieldSum[f] = (this.fieldSum[f] ?? 0) - (this.flen[docNo * 4 + f] ?? 0);
    this.docs[docNo] = null;
    this.docTerms[docNo] = null;
    this.idToDoc.delete(id);
    this.live--;
    this.dead++;
    this.quickSwitcher?.invalidate();
  }

  /** Rebuilds the per-document term lists from the postings (needed for removal after loading). */
  private ensureDocTerms(): void {
    if (this.docTermsComplete) return;
    const lists = new Map<number, number[]>();
    for (let t = 0; t < this.nBase; t++) {
      const c = this.cursor.reset(this.pool, this.postStart[t] ?? 0, this.postStart[t + 1] ?? 0);
      while (c.next()) {
        if (this.docTerms[c.doc] !== null || this.docs[c.doc] === null) continue;
        let l = lists.get(c.doc);
        if (!l) lists.set(c.doc, (l = []));
        l.push(t);
      }
    }
    for (const [d, l] of lists) this.docTerms[d] = Uint32Array.from(l);
    this.docTermsComplete = true;
  }

  /**
   * Merges recent additions into the compact posting pool, drops removed documents, sorts the
   * vocabulary (for prefix ranges) and renumbers documents. Results are unchanged.
   */
  compact(): void {
    if (this.tailBytes === 0 && this.dead === 0 && this.sortedCount === this.terms.length) return;
    const nDocs = this.docs.length;
    const newNo = new Int32Array(nDocs).fill(-1);
    let nd = 0;
    for (let d = 0; d < nDocs; d++) if (this.docs[d]) newNo[d] = nd++;
    const liveTerms: number[] = [];
    for (let t = 0; t < this.terms.length; t++) if ((this.df[t] ?? 0) > 0) liveTerms.push(t);
    const terms = this.terms;
    liveTerms.sort((a, b) => {
      const x = terms[a] ?? '';
      const y = terms[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const newTermNo = new Int32Array(terms.length).fill(-1);
    const out = new ByteBuf(Math.max(16, this.pool.length + this.tailBytes));
    const postStart = new Uint32Array(liveTerms.length + 1);
    const tf: [number, number, number, number] = [0, 0, 0, 0];
    const c = this.cursor;
    liveTerms.forEach((t, j) => {
      newTermNo[t] = j;
      postStart[j] = out.len;
      let last = 0;
      const copySegment = (buf: Uint8Array, start: number, end: number): void => {
        c.reset(buf, start, end);
        while (c.next()) {
          const nDoc = newNo[c.doc] ?? -1;
          if (nDoc < 0) continue;
          tf[0] = c.tfTitle;
          tf[1] = c.tfAlias;
          tf[2] = c.tfTags;
          tf[3] = c.tfBody;
          out.push(nDoc - last);
          last = nDoc;
          const other = tf[0] > 0 || tf[1] > 0 || tf[2] > 0;
          out.push(tf[3] * 2 + (other ? 1 : 0));
          if (other) {
            out.push(tf[0]);
            out.push(tf[1]);
            out.push(tf[2]);
          }
          out.push(c.posEnd - c.posStart);
          out.append(c.buf, c.posStart, c.posEnd);
        }
      };
      if (t < this.nBase) copySegment(this.pool, this.postStart[t] ?? 0, this.postStart[t + 1] ?? 0);
      const tail = this.tails[t];
      if (tail) copySegment(tail.buf, 0, tail.len);
    });
    postStart[liveTerms.length] = out.len;

    // documents
    const docs: Array<DocRec | null> = [];
    const flen: number[] = [];
    const docTerms: Array<Uint32Array | null> = [];
    for (let d = 0; d < nDocs; d++) {
      const rec = this.docs[d];
      if (!rec) continue;
      docs.push(rec);
      for (let f = 0; f < 4; f++) flen.push(this.flen[d * 4 + f] ?? 0);
      const old = this.docTerms[d];
      if (old) {
        const mapped = new Uint32Array(old.length);
        for (let i = 0; i < old.length; i++) mapped[i] = newTermNo[old[i] ?? 0] ?? 0;
        docTerms.push(mapped);
      } else docTerms.push(null);
    }
    this.docs = docs;
    this.flen = flen;
    this.docTerms = docTerms;
    this.idToDoc = new Map(docs.map((d, i) => [d?.id ?? '', i]));
    this.dead = 0;

    // vocabulary
    const newTerms = liveTerms.map((t) => terms[t] ?? '');
    const newDf = liveTerms.map((t) => this.df[t] ?? 0);
    const newKey = liveTerms.map((t) => this.termKey[t] ?? 0);
    this.setVocabulary(newTerms, newDf, newKey, out.len === out.buf.length ? out.buf : out.buf.slice(0, out.len), postStart);
  }

  private setVocabulary(terms: string[], df: number[], termKey: number[], pool: Uint8Array, postStart: Uint32Array): void {
    this.terms = terms;
    this.df = df;
    this.termKey = termKey;
    this.termIndex = new Map();
    for (let i = 0; i < terms.length; i++) this.termIndex.set(terms[i] ?? '', i);
    this.keyTerms = this.keys.map(() => []);
    for (let i = 0; i < termKey.length; i++) this.keyTerms[termKey[i] ?? 0]?.push(i);
    this.pool = pool;
    this.postStart = postStart;
    this.nBase = terms.length;
    this.tails = new Array<ByteBuf | undefined>(terms.length).fill(undefined);
    this.tailLast = new Array<number>(terms.length).fill(0);
    this.tailBytes = 0;
    this.sortedCount = terms.length;
  }

  private maybeCompact(): void {
    if (this.tailBytes > Math.max(1 << 20, this.pool.length / 4) || this.dead > Math.max(64, this.live / 4)) {
      this.compact();
    }
  }

  // ---------------------------------------------------------------- postings

  /** Calls fn for each segment (base pool, then tail) of a term's postings. */
  private segments(termId: number, fn: (buf: Uint8Array, start: number, end: number) => void): void {
    if (termId < this.nBase) {
      const s = this.postStart[termId] ?? 0;
      const e = this.postStart[termId + 1] ?? 0;
      if (e > s) fn(this.pool, s, e);
    }
    const tail = this.tails[termId];
    if (tail && tail.len > 0) fn(tail.buf, 0, tail.len);
  }

  // ---------------------------------------------------------------- query expansion

  private prefixTerms(prefix: string): number[] {
    const terms = this.terms;
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((terms[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo, n = 0; i < this.sortedCount && n < MAX_PREFIX_SCAN; i++, n++) {
      const t = terms[i] ?? '';
      if (!t.startsWith(prefix)) break;
      if (t !== prefix && (this.df[i] ?? 0) > 0) found.push(i);
    }
    for (let i = this.sortedCount; i < terms.length; i++) {
      const t = terms[i] ?? '';
      if (t !== prefix && t.startsWith(prefix) && (this.df[i] ?? 0) > 0) found.push(i);
    }
    if (found.length > MAX_PREFIX_TERMS) {
      found.sort((a, b) => (this.df[b] ?? 0) - (this.df[a] ?? 0) || cmp(terms[a] ?? '', terms[b] ?? ''));
      found.length = MAX_PREFIX_TERMS;
    }
    return found;
  }

  private expand(term: string, prefix: boolean): Expansion[] {
    const out: Expansion[] = [];
    const seen = new Set<number>();
    const add = (termId: number, weight: number): void => {
      if (seen.has(termId) || (this.df[termId] ?? 0) <= 0) return;
      seen.add(termId);
      out.push({ termId, weight });
    };
    const exact = this.termIndex.get(term);
    if (exact !== undefined) add(exact, W_EXACT);
    const key = translitKey(term);
    const keyId = this.keyIndex.get(key);
    if (keyId !== undefined) for (const t of this.keyTerms[keyId] ?? []) add(t, W_VARIANT);
    if (prefix && term.length >= 2) {
      for (const t of this.prefixTerms(term)) {
        const len = (this.terms[t] ?? '').length;
        add(t, 0.45 + 0.3 * (term.length / Math.max(len, 1)));
      }
    }
    let known = 0;
    for (const e of out) known += this.df[e.termId] ?? 0;
    if (known < Math.max(3, Math.ceil(this.live * 0.001))) {
      if (!this.typo.isBuilt || this.typo.pendingSize > 50_000) this.typo.build(this.keys.length);
      const typos = this.typo.lookup(key);
      const cands: Array<{ termId: number; dist: number; df: number }> = [];
      for (const { keyId: k, dist } of typos) {
        for (const t of this.keyTerms[k] ?? []) cands.push({ termId: t, dist, df: this.df[t] ?? 0 });
      }
      cands.sort((a, b) => a.dist - b.dist || b.df - a.df || cmp(this.terms[a.termId] ?? '', this.terms[b.termId] ?? ''));
      for (const c of cands.slice(0, MAX_TYPO_TERMS)) add(c.termId, c.dist === 1 ? W_TYPO1 : W_TYPO2);
    }
    return out;
  }

  private parse(q: string): ParsedQuery {
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
        groups.push({ text: t.term, prefix, expansions: [] });
      });
      if (toks.length > 1) phrases.push(idx);
      if (!isPhrase) lastBare = groups.length - 1;
      else lastBare = -1;
    }
    groups.forEach((g, i) => {
      const implicitPrefix = i === lastBare && !trailingSpace && g.text.length >= 3;
      g.expansions = this.expand(g.text, g.prefix || implicitPrefix);
    });
    return { groups, phrases };
  }

  // ---------------------------------------------------------------- search

  private makeFilter(q: SearchQuery): Filter | null {
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

  private passes(f: Filter, d: DocRec): boolean {
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

  /** Positions of any of the expansions, for the documents flagged in `want`. */
  private collectPositions(expansions: Expansion[], want: Uint8Array): Map<number, number[]> {
    const out = new Map<number, number[]>();
    const c = this.cursor;
    for (const e of expansions) {
      this.segments(e.termId, (buf, s, end) => {
        c.reset(buf, s, end);
        while (c.next()) {
          if (want[c.doc] !== 1) continue;
          let l = out.get(c.doc);
          if (!l) out.set(c.doc, (l = []));
          c.positions(l);
        }
      });
    }
    if (expansions.length > 1) for (const l of out.values()) l.sort((a, b) => a - b);
    return out;
  }

  search(query: SearchQuery): SearchResponse {
    const t0 = performance.now();
    this.maybeCompact();
    const limit = Math.max(0, query.limit ?? 20);
    const offset = Math.max(0, query.offset ?? 0);
    const filter = this.makeFilter(query);
    const parsed = this.parse(query.q);
    const nDocs = this.docs.length;
    const docs = this.docs;
    const groups = parsed.groups;

    let ranked: Array<{ d: number; s: number }>;
    if (groups.length === 0) {
      ranked = [];
      if (query.q.trim() === '' && filter) {
        for (let d = 0; d < nDocs; d++) {
          const rec = docs[d];
          if (rec && this.passes(filter, rec)) ranked.push({ d, s: 0 });
        }
        ranked.sort((a, b) => {
          const x = docs[a.d];
          const y = docs[b.d];
          return (y?.date ?? '').localeCompare(x?.date ?? '') || (x?.id ?? '').localeCompare(y?.id ?? '');
        });
      }
    } else {
      ranked = this.rank(parsed, filter);
    }

    const total = ranked.length;
    const page = ranked.slice(offset, offset + limit);
    const groupOfTerm = new Map<string, number>();
    groups.forEach((g, gi) => {
      for (const e of g.expansions) {
        const t = this.terms[e.termId];
        if (t !== undefined && !groupOfTerm.has(t)) groupOfTerm.set(t, gi);
      }
    });
    const results = page.map(({ d, s }) => this.makeHit(d, s, groupOfTerm));
    return { query: query.q, total, results, tookMs: performance.now() - t0 };
  }

  private rank(parsed: ParsedQuery, filter: Filter | null): Array<{ d: number; s: number }> {
    const { groups, phrases } = parsed;
    const nDocs = this.docs.length;
    const docs = this.docs;
    const flen = this.flen;
    const N = Math.max(this.live, 1);
    const avg = this.fieldSum.map((s) => Math.max(s / N, 1));
    const scores = new Float64Array(nDocs);
    const hits = new Uint8Array(nDocs);
    const gs = new Float64Array(nDocs);
    const ok = new Int8Array(nDocs); // filter cache: 0 unknown, 1 pass, -1 fail
    const c = this.cursor;
    const idf = (df: number): number => Math.log(1 + (N - df + 0.5) / (df + 0.5));
    const touchedAll: number[] = [];
    const ng = Math.min(groups.length, 255);

    for (let gi = 0; gi < ng; gi++) {
      const g = groups[gi];
      if (!g) continue;
      const touched: number[] = [];
      const exact = g.expansions.find((e) => e.weight === W_EXACT);
      const capIdf = exact ? idf(this.df[exact.termId] ?? 0) : Infinity;
      for (const e of g.expansions) {
        const w = e.weight * Math.min(idf(this.df[e.termId] ?? 0), capIdf);
        this.segments(e.termId, (buf, s, end) => {
          c.reset(buf, s, end);
          while (c.next()) {
            const d = c.doc;
            let pass = ok[d] ?? 0;
            if (pass === 0) {
              const rec = docs[d];
              pass = rec && (!filter || this.passes(filter, rec)) ? 1 : -1;
              ok[d] = pass;
            }
            if (pass < 0) continue;
            let sc = 0;
            const base = d * 4;
            if (c.tfBody > 0) {
              const tf = c.tfBody;
              sc += (BOOST[3] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (flen[base + 3] ?? 0)) / (avg[3] ?? 1)));
            }
            if (c.tfTitle > 0) {
              const tf = c.tfTitle;
              sc += (BOOST[0] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (flen[base] ?? 0)) / (avg[0] ?? 1)));
            }
            if (c.tfAlias > 0) {
              const tf = c.tfAlias;
              sc += (BOOST[1] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (flen[base + 1] ?? 0)) / (avg[1] ?? 1)));
            }
            if (c.tfTags > 0) {
              const tf = c.tfTags;
              sc += (BOOST[2] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (flen[base + 2] ?? 0)) / (avg[2] ?? 1)));
            }
            sc *= w;
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

    // all terms must match; fall back to any term when nothing matches them all
    let cands = touchedAll.filter((d) => hits[d] === ng);
    if (cands.length === 0 && ng > 1 && phrases.length === 0) {
      cands = touchedAll;
      for (const d of cands) scores[d] = ((scores[d] ?? 0) * (hits[d] ?? 0)) / ng;
    }

    if (phrases.length > 0 && cands.length > 0) {
      const want = new Uint8Array(nDocs);
      for (const d of cands) want[d] = 1;
      for (const phrase of phrases) {
        const lists = phrase.map((gi) => this.collectPositions(groups[gi]?.expansions ?? [], want));
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

    const ranked = cands.map((d) => ({ d, s: scores[d] ?? 0 }));
    const byScore = (a: { d: number; s: number }, b: { d: number; s: number }): number =>
      b.s - a.s || ((docs[a.d]?.id ?? '') < (docs[b.d]?.id ?? '') ? -1 : 1);
    ranked.sort(byScore);

    // proximity: reward the best candidates whose terms occur close together
    if (ng > 1 && phrases.length === 0 && ranked.length > 1) {
      const top = ranked.slice(0, PROXIMITY_TOP);
      const want = new Uint8Array(nDocs);
      for (const r of top) want[r.d] = 1;
      const lists = groups.slice(0, ng).map((g) => this.collectPositions(g.expansions, want));
      for (const r of top) {
        const span = minSpan(lists.map((l) => l.get(r.d) ?? []));
        if (span !== Infinity) r.s *= 1 + 0.3 * ((ng - 1) / Math.max(ng - 1, span));
      }
      top.sort(byScore);
      for (let i = 0; i < top.length; i++) ranked[i] = top[i] ?? ranked[i]!;
    }
    return ranked;
  }

  private makeHit(d: number, score: number, groupOfTerm: Map<string, number>): SearchHit {
    const rec = this.docs[d];
    if (!rec) throw new DossierError('INTERNAL', 'search: result for a removed document');
    const groupOf = (t: string): number => groupOfTerm.get(t) ?? -1;
    const titleMatches: MatchRange[] = findMatches(rec.title, groupOf).map(({ start, end }) => ({ start, end }));
    let text = rec.text;
    if (text === undefined && this.loadText) text = this.loadText(rec.kind, rec.id) ?? undefined;
    const snip = text ? makeSnippet(text, findMatches(text, groupOf)) : { snippet: '', matches: [] };
    return {
      kind: rec.kind,
      id: rec.id,
      title: rec.title,
      score: Math.round(score * 1e4) / 1e4,
      snippet: snip.snippet,
      matches: snip.matches,
      titleMatches,
      date: rec.date,
      tags: [...rec.tags],
    };
  }

  // ---------------------------------------------------------------- quick switcher

  /** Quick switcher over titles and entity names/aliases: exact variant-key hits first, then fuse.js. */
  quick(q: string, limit = 10): QuickHit[] {
    const toks = analyze(q, 'query');
    if (toks.length === 0) return [];
    this.maybeCompact();
    const out: QuickHit[] = [];
    const seen = new Set<number>();
    // exact key hits: every query word is (a variant of) a word of the title or an alias
    const nDocs = this.docs.length;
    const count = new Uint8Array(nDocs);
    const c = this.cursor;
    toks.forEach((tok, i) => {
      const keyId = this.keyIndex.get(translitKey(tok.term));
      const ids = new Set<number>(keyId === undefined ? [] : (this.keyTerms[keyId] ?? []));
      const exact = this.termIndex.get(tok.term);
      if (exact !== undefined) ids.add(exact);
      for (const t of ids) {
        this.segments(t, (buf, s, e) => {
          c.reset(buf, s, e);
          while (c.next()) if ((c.tfTitle > 0 || c.tfAlias > 0) && count[c.doc] === i) count[c.doc] = i + 1;
        });
      }
    });
    const exactHits: number[] = [];
    for (let d = 0; d < nDocs; d++) if (count[d] === toks.length && this.docs[d]) exactHits.push(d);
    exactHits.sort(
      (a, b) => (this.flen[a * 4] ?? 0) - (this.flen[b * 4] ?? 0) || cmp(this.docs[a]?.id ?? '', this.docs[b]?.id ?? ''),
    );
    for (const d of exactHits.slice(0, limit)) {
      const rec = this.docs[d];
      if (!rec) continue;
      seen.add(d);
      out.push({ kind: rec.kind, id: rec.id, title: rec.title, score: 2 });
    }
    if (out.length < limit) {
      if (!this.quickSwitcher) this.quickSwitcher = new QuickSwitcher();
      const qs = this.quickSwitcher;
      if (qs.stale) qs.rebuild(this.docs);
      for (const r of qs.search(q, limit * 2)) {
        if (out.length >= limit) break;
        if (seen.has(r.docNo)) continue;
        const rec = this.docs[r.docNo];
        if (!rec) continue;
        seen.add(r.docNo);
        out.push({ kind: rec.kind, id: rec.id, title: rec.title, score: Math.round((1 - r.score) * 1e4) / 1e4 });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- persistence

  /** Compact, versioned binary form (texts are not included). */
  serialize(): Uint8Array {
    this.ensureDocTerms();
    this.compact();
    const img: IndexImage = {
      docs: this.docs.map((d) => {
        if (!d) throw new DossierError('INTERNAL', 'search: dead document after compaction');
        return { id: d.id, kind: d.kind, title: d.title, tags: d.tags, date: d.date, entityIds: d.entityIds, aliases: d.aliases };
      }),
      flen: Uint32Array.from(this.flen),
      terms: this.terms,
      termKey: Uint32Array.from(this.termKey),
      df: Uint32Array.from(this.df),
      postStart: this.postStart,
      pool: this.pool,
      keys: this.keys,
    };
    return encodeImage(img);
  }

  /** Loads a serialized index; throws DossierError CORRUPT / NEWER_VERSION on bad data. */
  static deserialize(data: Uint8Array | string, opts: SearchIndexOptions = {}): SearchIndex {
    const bytes = typeof data === 'string' ? Uint8Array.from(Buffer.from(data, 'base64')) : new Uint8Array(data);
    const img = decodeImage(bytes);
    const idx = new SearchIndex(opts);
    idx.keys = img.keys;
    idx.keyIndex = new Map();
    for (let i = 0; i < img.keys.length; i++) idx.keyIndex.set(img.keys[i] ?? '', i);
    idx.docs = img.docs.map((d) => ({ ...d }));
    idx.flen = Array.from(img.flen);
    idx.docTerms = new Array<Uint32Array | null>(img.docs.length).fill(null);
    idx.docTermsComplete = img.docs.length === 0;
    idx.idToDoc = new Map(img.docs.map((d, i) => [d.id, i]));
    idx.live = img.docs.length;
    idx.fieldSum = [0, 0, 0, 0];
    for (let i = 0; i < img.flen.length; i++) idx.fieldSum[i % 4] = (idx.fieldSum[i % 4] ?? 0) + (img.flen[i] ?? 0);
    const termKey = Array.from(img.termKey);
    for (const k of termKey) {
      if (k >= img.keys.length) throw new DossierError('CORRUPT', 'search index: bad key table');
    }
    const last = img.postStart[img.terms.length] ?? 0;
    if (last !== img.pool.length) throw new DossierError('CORRUPT', 'search index: bad posting table');
    idx.setVocabulary(img.terms, Array.from(img.df), termKey, img.pool, img.postStart);
    return idx;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Smallest window (in positions) that contains one position from every list. */
function minSpan(lists: number[][]): number {
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
