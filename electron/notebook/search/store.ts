/**
 * The index store: documents, the vocabulary, positional postings and the variant keys of every
 * term. New postings go to per-term tails; `compact()` merges them into one sorted pool, drops
 * removed documents and sorts the vocabulary so that prefixes are ranges. The store knows nothing
 * of queries or ranking; `query.ts` and `rank.ts` read it.
 */
import { DossierError } from '../errors';
import { analyze } from './normalize';
import type { DeltaImage } from './delta';
import type { IndexImage, StoredDoc } from './format';
import { ByteBuf, FIELD_COUNT, PostingCursor, writePostingHead, writePosting } from './postings';
import { translitKey } from './translit';
import { Groups, numbers, StringIds, type StringIdsImage } from './string-ids';
import { DeletionIndex } from './typo';
import { VariantKeys } from './variants';
import type { SearchDoc } from './types';

/** A stored document; `text` is kept only when the index keeps texts for snippets. */
export interface DocRec extends StoredDoc {
  text?: string;
}

const MAX_PREFIX_TERMS = 24;
const ARABIC_SCRIPT_RE = /[\u0600-\u06ff]/;
const MAX_PREFIX_SCAN = 4000;

/**
 * The state the search cache on disk holds (as of its last write or load): what `delta()` tells
 * apart from what was added or removed since.
 */
interface SavedState {
  docs: number;
  terms: number;
  /** Each term's tail length, df and lower count then (terms [0, terms)). */
  tailLen: Uint32Array;
  df: Uint32Array;
  lower: Uint32Array;
  /** Documents of [0, docs) removed since. */
  removed: number[];
}

export class IndexStore {
  /** Documents by number; null once removed (until compaction renumbers). */
  docs: Array<DocRec | null> = [];
  /** Field lengths in terms, FIELD_COUNT per document. */
  flen: Uint32Array = new Uint32Array(64);
  /** Total field lengths over live documents (for average lengths). */
  fieldSum = [0, 0, 0, 0];
  live = 0;
  private dead = 0;
  private docTerms: Array<Uint32Array | null> = [];
  private docTermsComplete = true;
  /** Document numbers by id, made on first use (a loaded index that only searches never needs it). */
  private idToDocMap: Map<string, number> | null = new Map();
  private get idToDoc(): Map<string, number> {
    if (!this.idToDocMap) {
      const m = new Map<string, number>();
      const docs = this.docs;
      for (let d = 0; d < docs.length; d++) {
        const rec = docs[d];
        if (rec) m.set(rec.id, d);
      }
      this.idToDocMap = m;
    }
    return this.idToDocMap;
  }

  /** Vocabulary: term text, document frequency and strict variant key, by term id. */
  terms: string[] = [];
  termIndex = new StringIds(() => this.terms);
  df: number[] = [];
  /**
   * In how many documents the term is written in lower case at least once ("hand", not "Hnad"):
   * names are capitalised, everyday words are not (see query.ts). Not lowered on removal, so it
   * may exceed df; read it through `mostlyLower`.
   */
  lower: number[] = [];
  termKey: number[] = [];
  /** Terms [0, sortedCount) are sorted (prefix ranges); later ones were added since compaction. */
  sortedCount = 0;
  private pool: Uint8Array = new Uint8Array(0);
  private postStart: Uint32Array = new Uint32Array(1);
  private nBase = 0;
  private tails: Array<ByteBuf | undefined> = [];
  private tailLast: number[] = [];
  private tailBytes = 0;
  /** What the cache on disk holds; null when it must be written whole (never written, or compacted since). */
  private saved: SavedState | null = null;

  /** Strict transliteration keys and the terms that share each. */
  keys: string[] = [];
  keyIndex = new StringIds(() => this.keys);
  /** The terms of each key (no array per key: see `Groups`). Read through `termsOfKey`. */
  private keyTerms = new Groups();
  /** Typo neighbours of keys (deletion index). */
  readonly typo = new DeletionIndex((k) => this.keys[k] ?? '');
  /** Phonetic skeletons of the keys and their neighbours, for spelling variants. */
  readonly variants = new VariantKeys(
    (k) => this.keys[k] ?? '',
    (k) => this.termsOfKey(k).some((t) => ARABIC_SCRIPT_RE.test(this.terms[t] ?? '')),
  );

  /** The typo index, built (or rebuilt when many keys were added since) before it is used. */
  typoIndex(): DeletionIndex {
    if (!this.typo.isBuilt || this.typo.pendingSize > 50_000) this.typo.build(this.keys.length);
    return this.typo;
  }

  /** Does now what a first query would do on first use: compaction if due, the typo neighbours, the variant skeletons. */
  prepareLookups(): void {
    this.maybeCompact();
    this.typoIndex();
    this.variants.prepare(this.keys.length);
  }

  /** A cursor for callers that walk postings one at a time (not re-entrant). */
  readonly cursor = new PostingCursor();

  constructor(private readonly keepText: boolean) {}

  /** The document number of an id, if indexed. */
  docNo(id: string): number | undefined {
    return this.idToDoc.get(id);
  }

  private keyIdOf(key: string): number {
    let k = this.keyIndex.get(key);
    if (k === undefined) {
      k = this.keys.length;
      this.keys.push(key);
      this.keyIndex.set(key, k);
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
      this.lower.push(0);
      const k = this.keyIdOf(translitKey(term));
      this.termKey.push(k);
      this.keyTerms.add(k, t);
      this.tails.push(undefined);
      this.tailLast.push(0);
    }
    return t;
  }

  /** Adds a document (the caller removes an older one with the same id first). */
  add(doc: SearchDoc): void {
    const docNo = this.docs.length;
    const entries = new Map<number, { tf: [number, number, number, number]; pos: number[]; lower: boolean }>();
    const lens = [0, 0, 0, 0];
    let base = 0;
    const addText = (text: string, field: number): void => {
      let maxPos = -1;
      for (const t of analyze(text, 'index')) {
        const termId = this.termIdOf(t.term);
        let e = entries.get(termId);
        if (!e) {
          e = { tf: [0, 0, 0, 0], pos: [], lower: false };
          entries.set(termId, e);
        }
        if (!e.lower && isLowerCase(text.charCodeAt(t.start))) e.lower = true;
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
      if (e.lower) this.lower[termId] = (this.lower[termId] ?? 0) + 1;
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
      ...(doc.version === undefined ? {} : { version: doc.version }),
    });
    this.fitFlen(docNo + 1);
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.flen[docNo * FIELD_COUNT + f] = lens[f] ?? 0;
      this.fieldSum[f] = (this.fieldSum[f] ?? 0) + (lens[f] ?? 0);
    }
    this.docTerms.push(termIds);
    this.idToDoc.set(doc.id, docNo);
    this.live++;
  }

  /** Room in `flen` for the field lengths of `docs` documents. */
  private fitFlen(docs: number): void {
    if (docs * FIELD_COUNT <= this.flen.length) return;
    const grown = new Uint32Array(Math.max(64, this.flen.length * 2, docs * FIELD_COUNT));
    grown.set(this.flen);
    this.flen = grown;
  }

  /** Marks a live document removed: its number stays (null) until compaction; its field lengths leave the totals. */
  private drop(docNo: number): void {
    for (let f = 0; f < FIELD_COUNT; f++) this.fieldSum[f] = (this.fieldSum[f] ?? 0) - (this.flen[docNo * FIELD_COUNT + f] ?? 0);
    this.docs[docNo] = null;
    this.docTerms[docNo] = null;
    this.live--;
    this.dead++;
  }

  /** Removes a document; returns false for an unknown id. */
  remove(id: string): boolean {
    const docNo = this.idToDoc.get(id);
    if (docNo === undefined) return false;
    this.ensureDocTerms();
    for (const termId of this.docTerms[docNo] ?? []) this.df[termId] = (this.df[termId] ?? 1) - 1;
    this.drop(docNo);
    this.idToDoc.delete(id);
    if (this.saved && docNo < this.saved.docs) this.saved.removed.push(docNo);
    return true;
  }

  /**
   * Rebuilds the per-document term lists from the postings (needed for removal after loading): two
   * passes over the base pool, counting then filling one flat array, so a quarter of a million
   * documents cost no per-posting objects.
   */
  private ensureDocTerms(): void {
    if (this.docTermsComplete) return;
    const nDocs = this.docs.length;
    const missing = (d: number): boolean => this.docTerms[d] === null && this.docs[d] !== null;
    const count = new Uint32Array(nDocs + 1);
    // Documents loaded from the cache's delta have their postings in the tails, not the pool.
    const each = (fn: (doc: number, t: number) => void): void => {
      for (let t = 0; t < this.terms.length; t++) {
        this.segments(t, (buf, start, end) => {
          const c = this.cursor.reset(buf, start, end);
          while (c.next()) if (c.doc < nDocs && missing(c.doc)) fn(c.doc, t);
        });
      }
    };
    each((d) => count[d + 1]!++);
    for (let d = 0; d < nDocs; d++) count[d + 1]! += count[d]!;
    const flat = new Uint32Array(count[nDocs] ?? 0);
    const fill = count.slice(0, nDocs);
    each((d, t) => (flat[fill[d]!++] = t));
    for (let d = 0; d < nDocs; d++) if (missing(d)) this.docTerms[d] = flat.subarray(count[d], count[d + 1]);
    this.docTermsComplete = true;
  }

  /**
   * Merges recent additions into the compact posting pool, drops removed documents, sorts the
   * vocabulary (for prefix ranges) and renumbers documents. Results are unchanged.
   */
  compact(): void {
    if (this.tailBytes === 0 && this.dead === 0 && this.sortedCount === this.terms.length) return;
    this.saved = null; // documents and terms are renumbered: a delta against the cache on disk no longer fits
    const nDocs = this.docs.length;
    const newNo = new Int32Array(nDocs).fill(-1);
    let nd = 0;
    for (let d = 0; d < nDocs; d++) if (this.docs[d]) newNo[d] = nd++;
    const liveTerms: number[] = [];
    for (let t = 0; t < this.terms.length; t++) if ((this.df[t] ?? 0) > 0) liveTerms.push(t);
    const terms = this.terms;
    liveTerms.sort((a, b) => cmp(terms[a] ?? '', terms[b] ?? ''));
    const newTermNo = new Int32Array(terms.length).fill(-1);
    const out = new ByteBuf(Math.max(16, this.pool.length + this.tailBytes));
    const postStart = new Uint32Array(liveTerms.length + 1);
    const c = this.cursor;
    const renumber = this.dead > 0;
    liveTerms.forEach((t, j) => {
      newTermNo[t] = j;
      postStart[j] = out.len;
      let last = 0;
      const copySegment = (buf: Uint8Array, start: number, end: number): void => {
        c.reset(buf, start, end);
        while (c.next()) {
          const nDoc = newNo[c.doc] ?? -1;
          if (nDoc < 0) continue;
          writePostingHead(out, nDoc - last, c.tf);
          last = nDoc;
          out.push(c.posEnd - c.posStart);
          out.append(c.buf, c.posStart, c.posEnd);
        }
      };
      const tail = this.tails[t];
      if (t < this.nBase) {
        const start = this.postStart[t] ?? 0;
        const end = this.postStart[t + 1] ?? 0;
        if (renumber) copySegment(this.pool, start, end);
        else {
          // No document was removed, so numbers and gaps stay: the bytes are copied as they are
          // (saving a loaded index after an import re-encoded every posting before).
          out.append(this.pool, start, end);
          if (tail) {
            c.reset(this.pool, start, end);
            while (c.next()) last = c.doc;
          }
        }
      }
      if (tail) copySegment(tail.buf, 0, tail.len);
    });
    postStart[liveTerms.length] = out.len;

    const docs: Array<DocRec | null> = [];
    const flen = new Uint32Array(Math.max(64, nd * FIELD_COUNT));
    const docTerms: Array<Uint32Array | null> = [];
    for (let d = 0; d < nDocs; d++) {
      const rec = this.docs[d];
      if (!rec) continue;
      flen.set(this.flen.subarray(d * FIELD_COUNT, (d + 1) * FIELD_COUNT), docs.length * FIELD_COUNT);
      docs.push(rec);
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
    this.idToDocMap = null;
    this.dead = 0;

    const newTerms = liveTerms.map((t) => terms[t] ?? '');
    const newDf = liveTerms.map((t) => this.df[t] ?? 0);
    const newKey = liveTerms.map((t) => this.termKey[t] ?? 0);
    const newLower = liveTerms.map((t) => Math.min(this.lower[t] ?? 0, this.df[t] ?? 0));
    this.setVocabulary(newTerms, newDf, newKey, out.len === out.buf.length ? out.buf : out.buf.slice(0, out.len), postStart, newLower);
  }

  private setVocabulary(terms: string[], df: number[], termKey: number[], pool: Uint8Array, postStart: Uint32Array, lower: number[], termTable?: StringIdsImage): void {
    this.terms = terms;
    this.df = df;
    this.lower = lower;
    this.termKey = termKey;
    if (termTable) this.termIndex.load(termTable, terms.length);
    else this.termIndex.rebuild(terms.length);
    this.keyTerms = Groups.of(termKey, this.keys.length);
    this.pool = pool;
    this.postStart = postStart;
    this.nBase = terms.length;
    this.tails = new Array<ByteBuf | undefined>(terms.length).fill(undefined);
    this.tailLast = new Array<number>(terms.length).fill(0);
    this.tailBytes = 0;
    this.sortedCount = terms.length;
  }

  /** The term ids of a key, ascending. */
  termsOfKey(k: number): readonly number[] {
    return this.keyTerms.get(k);
  }

  /** Compacts when the tails or the removed documents have grown past a quarter of the index. */
  maybeCompact(): void {
    if (this.tailBytes > Math.max(1 << 20, this.pool.length / 4) || this.dead > Math.max(64, this.live / 4)) {
      this.compact();
    }
  }

  /** Calls fn for each segment (base pool, then tail) of a term's postings. */
  segments(termId: number, fn: (buf: Uint8Array, start: number, end: number) => void): void {
    if (termId < this.nBase) {
      const s = this.postStart[termId] ?? 0;
      const e = this.postStart[termId + 1] ?? 0;
      if (e > s) fn(this.pool, s, e);
    }
    const tail = this.tails[termId];
    if (tail && tail.len > 0) fn(tail.buf, 0, tail.len);
  }

  /** Whether the term is written in lower case in most of the documents that have it (an everyday word, not a name). */
  mostlyLower(termId: number): boolean {
    return (this.lower[termId] ?? 0) * 2 > (this.df[termId] ?? 0);
  }

  /** Live terms that start with `prefix` (not the prefix itself), the most frequent first when capped. */
  prefixTerms(prefix: string): number[] {
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

  /** Records the current state as the one the search cache on disk now holds (after writing or loading it). */
  markSaved(): void {
    this.saved = {
      docs: this.docs.length,
      terms: this.terms.length,
      tailLen: Uint32Array.from(this.tails, (b) => b?.len ?? 0),
      df: Uint32Array.from(this.df),
      lower: Uint32Array.from(this.lower),
      removed: [],
    };
  }

  /**
   * What changed since `markSaved` (documents and terms added, documents removed, the postings,
   * document counts and lower-case counts that changed), or null when the cache must be written
   * whole: never marked, or compacted since (which renumbers documents and terms).
   */
  delta(): DeltaImage | null {
    const saved = this.saved;
    if (!saved) return null;
    const nDocs = this.docs.length - saved.docs;
    const flen = this.flen.slice(saved.docs * FIELD_COUNT, this.docs.length * FIELD_COUNT);
    const tailTerm: number[] = [];
    const tailLast: number[] = [];
    const parts: Uint8Array[] = [];
    const dfTerm: number[] = [];
    const lowerTerm: number[] = [];
    for (let t = 0; t < this.terms.length; t++) {
      const old = t < saved.terms;
      const tail = this.tails[t];
      const from = old ? (saved.tailLen[t] ?? 0) : 0;
      if (tail && tail.len > from) {
        tailTerm.push(t);
        tailLast.push(this.tailLast[t] ?? 0);
        parts.push(tail.buf.subarray(from, tail.len));
      }
      if (!old || this.df[t] !== saved.df[t]) dfTerm.push(t);
      if (!old || this.lower[t] !== saved.lower[t]) lowerTerm.push(t);
    }
    return {
      docsBefore: saved.docs,
      termsBefore: saved.terms,
      docs: this.docs.slice(saved.docs).map((d) => (d ? storedOf(d) : null)),
      flen: flen.length === nDocs * FIELD_COUNT ? flen : new Uint32Array(nDocs * FIELD_COUNT),
      terms: this.terms.slice(saved.terms),
      removed: Uint32Array.from(saved.removed),
      tailTerm: Uint32Array.from(tailTerm),
      tailLast: Uint32Array.from(tailLast),
      tails: parts,
      dfTerm: Uint32Array.from(dfTerm),
      df: Uint32Array.from(dfTerm, (t) => this.df[t] ?? 0),
      lowerTerm: Uint32Array.from(lowerTerm),
      lower: Uint32Array.from(lowerTerm, (t) => this.lower[t] ?? 0),
    };
  }

  /**
   * Applies a delta written by `delta()` on a store in the state it was taken from (the cache's
   * base and the deltas before it): the same documents, terms, postings and counts as the writer
   * had. Throws DossierError CORRUPT on a delta that does not fit.
   */
  applyDelta(d: DeltaImage): void {
    const bad = (what: string): DossierError => new DossierError('CORRUPT', `search index: ${what} in the cache's delta`);
    if (d.docsBefore !== this.docs.length || d.termsBefore !== this.terms.length) throw bad('a change of another state');
    if (d.flen.length !== d.docs.length * FIELD_COUNT || d.tailLast.length !== d.tailTerm.length || d.tails.length !== d.tailTerm.length) throw bad('inconsistent tables');
    if (d.df.length !== d.dfTerm.length || d.lower.length !== d.lowerTerm.length) throw bad('inconsistent tables');
    for (const term of d.terms) {
      const expected = this.terms.length;
      if (this.termIdOf(term) !== expected) throw bad('a word added twice');
    }
    for (let i = 0; i < d.docs.length; i++) {
      const docNo = this.docs.length;
      const rec = d.docs[i] ?? null;
      this.docs.push(rec);
      this.docTerms.push(null);
      this.fitFlen(docNo + 1);
      this.flen.set(d.flen.subarray(i * FIELD_COUNT, (i + 1) * FIELD_COUNT), docNo * FIELD_COUNT);
      if (rec) {
        for (let f = 0; f < FIELD_COUNT; f++) this.fieldSum[f] = (this.fieldSum[f] ?? 0) + (this.flen[docNo * FIELD_COUNT + f] ?? 0);
        this.live++;
        this.docTermsComplete = false;
      } else this.dead++;
    }
    for (const docNo of d.removed) {
      if (docNo >= d.docsBefore || !this.docs[docNo]) throw bad('a removal of no document');
      this.drop(docNo);
    }
    for (let i = 0; i < d.tailTerm.length; i++) {
      const t = d.tailTerm[i] ?? 0;
      const bytes = d.tails[i] ?? new Uint8Array(0);
      if (t >= this.terms.length) throw bad('postings of no word');
      let tail = this.tails[t];
      if (!tail) {
        tail = new ByteBuf(Math.max(16, bytes.length));
        this.tails[t] = tail;
      }
      tail.append(bytes, 0, bytes.length);
      this.tailLast[t] = d.tailLast[i] ?? 0;
      this.tailBytes += bytes.length;
    }
    const set = (terms: Uint32Array, values: Uint32Array, into: number[]): void => {
      for (let i = 0; i < terms.length; i++) {
        const t = terms[i] ?? 0;
        if (t >= this.terms.length) throw bad('counts of no word');
        into[t] = values[i] ?? 0;
      }
    };
    set(d.dfTerm, d.df, this.df);
    set(d.lowerTerm, d.lower, this.lower);
    this.idToDocMap = null;
  }

  /** Whether the cache must be written whole (never written or loaded, or compacted since). */
  get wholeWriteNeeded(): boolean {
    return this.saved === null;
  }

  /** How much the postings grew since the last compaction (bytes), and the pool they will be merged into. */
  get growth(): { tailBytes: number; poolBytes: number; dead: number; live: number } {
    return { tailBytes: this.tailBytes, poolBytes: this.pool.length, dead: this.dead, live: this.live };
  }

  /** The compacted contents, for serialisation (texts are not included). */
  toImage(): IndexImage {
    // Term lists per document are not part of the image: a loaded index rebuilds them only when it
    // first removes a document (rebuilding them here made every save after a load scan all postings).
    this.compact();
    // The lookup tables go with it, so that a loaded index answers its first query at once.
    this.prepareLookups();
    if (this.keyIndex.toImage().count < this.keys.length) this.keyIndex.rebuild(this.keys.length);
    return {
      docs: this.docs.map((d) => {
        if (!d) throw new DossierError('INTERNAL', 'search: dead document after compaction');
        return storedOf(d);
      }),
      flen: this.flen.slice(0, this.docs.length * FIELD_COUNT),
      terms: this.terms,
      termKey: Uint32Array.from(this.termKey),
      df: Uint32Array.from(this.df),
      lower: Uint32Array.from(this.lower),
      postStart: this.postStart,
      pool: this.pool,
      keys: this.keys,
      termTable: this.termIndex.toImage(),
      keyTable: this.keyIndex.toImage(),
      typo: this.typo.toImage(),
      variants: this.variants.toImage(),
    };
  }

  /** A store holding a decoded image; throws DossierError CORRUPT on inconsistent tables. */
  static fromImage(img: IndexImage, keepText: boolean): IndexStore {
    const st = new IndexStore(keepText);
    st.keys = img.keys;
    st.docs = img.docs;
    st.flen = img.flen.length > 0 ? img.flen : new Uint32Array(64);
    st.docTerms = new Array<Uint32Array | null>(img.docs.length).fill(null);
    st.docTermsComplete = img.docs.length === 0;
    st.idToDocMap = null;
    st.live = img.docs.length;
    st.fieldSum = [0, 0, 0, 0];
    for (let i = 0; i < img.flen.length; i++) st.fieldSum[i % FIELD_COUNT] = (st.fieldSum[i % FIELD_COUNT] ?? 0) + (img.flen[i] ?? 0);
    const termKey = numbers(img.termKey);
    for (const k of termKey) {
      if (k >= img.keys.length) throw new DossierError('CORRUPT', 'search index: bad key table');
    }
    // Keys made by another version of the folding (a change that forgot the cache version) are not used.
    for (let i = 0; i < 64 && img.terms.length > 0; i++) {
      const t = Math.floor((i * img.terms.length) / 64);
      if (img.keys[img.termKey[t] ?? 0] !== translitKey(img.terms[t] ?? '')) throw new DossierError('CORRUPT', 'search index: keys of another version of the folding');
    }
    const last = img.postStart[img.terms.length] ?? 0;
    if (last !== img.pool.length) throw new DossierError('CORRUPT', 'search index: bad posting table');
    try {
      st.keyIndex.load(img.keyTable, img.keys.length);
      st.setVocabulary(img.terms, numbers(img.df), termKey, img.pool, img.postStart, numbers(img.lower), img.termTable);
      if (img.typo) st.typo.load(img.typo, img.keys.length);
      if (img.variants) st.variants.load(img.variants, img.keys.length);
    } catch (err) {
      throw new DossierError('CORRUPT', err instanceof Error ? err.message : String(err), { cause: err });
    }
    return st;
  }
}

/** A document's stored fields (without its text). */
function storedOf(d: DocRec): StoredDoc {
  return { id: d.id, kind: d.kind, title: d.title, tags: d.tags, date: d.date, entityIds: d.entityIds, aliases: d.aliases, ...(d.version === undefined ? {} : { version: d.version }) };
}

/** Whether a UTF-16 code unit is a lower-case letter (a-z, or a cased letter of another script in lower case). */
function isLowerCase(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase();
}


/** Code-unit order, the order of the sorted vocabulary. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
