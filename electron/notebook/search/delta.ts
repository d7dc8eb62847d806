/**
 * One record of the search cache's delta (see cache.ts): what changed in an index since the state
 * the cache on disk holds. Layout of a record's payload (little endian, a multiple of 4 bytes):
 * u32 header length | header JSON (the notebook fingerprint after the change, the counts, the new
 * documents and terms) | padding to 4 | Uint32 sections (the new documents' field lengths, the
 * removed document numbers, per changed term its id, last document and posting byte count, the
 * changed document counts and lower-case counts) | the new posting bytes, term by term.
 */
import { DossierError } from '../errors';
import type { SearchKind } from '../../api/types';
import type { StoredDoc } from './format';
import { FIELD_COUNT } from './postings';

/** What `IndexStore.delta()` gives and `IndexStore.applyDelta()` takes. */
export interface DeltaImage {
  /** The numbers of documents and terms of the state the delta applies to. */
  docsBefore: number;
  termsBefore: number;
  /** Documents numbered from docsBefore on (null: added and removed again). */
  docs: Array<StoredDoc | null>;
  /** Their field lengths, FIELD_COUNT each. */
  flen: Uint32Array;
  /** Terms numbered from termsBefore on. */
  terms: string[];
  /** Documents below docsBefore removed. */
  removed: Uint32Array;
  /** Per term with new postings: its id, its last document (the gap base of later postings) and the bytes. */
  tailTerm: Uint32Array;
  tailLast: Uint32Array;
  tails: Uint8Array[];
  /** New document counts and lower-case counts of the terms whose counts changed. */
  dfTerm: Uint32Array;
  df: Uint32Array;
  lowerTerm: Uint32Array;
  lower: Uint32Array;
}

type DocRow = [id: string, kind: string, title: string, date: string | null, tags: string[], entityIds: string[], aliases: string[], version?: string] | null;

interface Header {
  fp: string;
  docsBefore: number;
  termsBefore: number;
  docs: DocRow[];
  terms: string[];
  removed: number;
  tails: number;
  dfs: number;
  lowers: number;
  tailBytes: number;
}

const KIND_CHAR: Record<SearchKind, string> = { report: 'r', note: 'n', entity: 'e' };
const CHAR_KIND: Record<string, SearchKind> = { r: 'report', n: 'note', e: 'entity' };
const pad4 = (n: number): number => (n + 3) & ~3;

function row(d: StoredDoc | null): DocRow {
  if (!d) return null;
  const r: DocRow = [d.id, KIND_CHAR[d.kind], d.title, d.date, d.tags, d.entityIds, d.aliases];
  if (d.version !== undefined) r.push(d.version);
  return r;
}

function corrupt(msg: string): DossierError {
  return new DossierError('CORRUPT', `search index: ${msg} in the cache's delta`);
}

/** The payload of one delta record (a multiple of 4 bytes). */
export function encodeDelta(d: DeltaImage, fp: string): Uint8Array {
  let tailBytes = 0;
  for (const t of d.tails) tailBytes += t.length;
  const header: Header = {
    fp,
    docsBefore: d.docsBefore,
    termsBefore: d.termsBefore,
    docs: d.docs.map(row),
    terms: d.terms,
    removed: d.removed.length,
    tails: d.tailTerm.length,
    dfs: d.dfTerm.length,
    lowers: d.lowerTerm.length,
    tailBytes,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const tailLen = Uint32Array.from(d.tails, (t) => t.length);
  const sections = [d.flen, d.removed, d.tailTerm, d.tailLast, tailLen, d.dfTerm, d.df, d.lowerTerm, d.lower];
  let size = 4 + pad4(headerBytes.length) + pad4(tailBytes);
  for (const s of sections) size += s.length * 4;
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, headerBytes.length, true);
  out.set(headerBytes, 4);
  let at = 4 + pad4(headerBytes.length);
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.length * 4), at);
    at += s.length * 4;
  }
  for (const t of d.tails) {
    out.set(t, at);
    at += t.length;
  }
  return out;
}

/** The fingerprint a record was written under, without decoding the rest. */
export function deltaFingerprint(payload: Uint8Array): string {
  return decodeHeader(payload).header.fp;
}

function decodeHeader(payload: Uint8Array): { header: Header; at: number } {
  if (payload.length < 4 || payload.byteOffset % 4 !== 0) throw corrupt('a truncated record');
  const len = new DataView(payload.buffer, payload.byteOffset, payload.length).getUint32(0, true);
  if (4 + len > payload.length) throw corrupt('a truncated record');
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset + 4, len).toString('utf8')) as Header;
  } catch (err) {
    throw new DossierError('CORRUPT', "search index: an unreadable record in the cache's delta", { cause: err });
  }
  if (typeof header.fp !== 'string' || !Array.isArray(header.docs) || !Array.isArray(header.terms)) throw corrupt('an unreadable record');
  return { header, at: 4 + pad4(len) };
}

/** Decodes a record's payload (aligned to 4 bytes); the arrays are views of it. */
export function decodeDelta(payload: Uint8Array): { fp: string; delta: DeltaImage } {
  const { header: h, at: start } = decodeHeader(payload);
  let at = start;
  const u32 = (n: number): Uint32Array => {
    if (!Number.isInteger(n) || n < 0 || at + n * 4 > payload.length) throw corrupt('a truncated section');
    const a = new Uint32Array(payload.buffer, payload.byteOffset + at, n);
    at += n * 4;
    return a;
  };
  const docs = h.docs.map((r): StoredDoc | null => {
    if (r === null) return null;
    const kind = CHAR_KIND[r[1]];
    if (!kind || typeof r[0] !== 'string' || typeof r[2] !== 'string') throw corrupt('a bad document');
    const doc: StoredDoc = { id: r[0], kind, title: r[2], date: r[3] ?? null, tags: r[4] ?? [], entityIds: r[5] ?? [], aliases: r[6] ?? [] };
    if (r[7] !== undefined) doc.version = r[7];
    return doc;
  });
  const flen = u32(docs.length * FIELD_COUNT);
  const removed = u32(h.removed);
  const tailTerm = u32(h.tails);
  const tailLast = u32(h.tails);
  const tailLen = u32(h.tails);
  const dfTerm = u32(h.dfs);
  const df = u32(h.dfs);
  const lowerTerm = u32(h.lowers);
  const lower = u32(h.lowers);
  const tails: Uint8Array[] = [];
  for (const n of tailLen) {
    if (at + n > payload.length) throw corrupt('truncated postings');
    tails.push(payload.subarray(at, at + n));
    at += n;
  }
  return { fp: h.fp, delta: { docsBefore: h.docsBefore, termsBefore: h.termsBefore, docs, flen, terms: h.terms, removed, tailTerm, tailLast, tails, dfTerm, df, lowerTerm, lower } };
}
