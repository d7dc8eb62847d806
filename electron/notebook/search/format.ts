/**
 * The binary, versioned serialization of a compacted index. Layout (little endian):
 * "DSXI" | u32 version | u32 checksum of everything after byte 12 | u32 header length |
 * header JSON (counts and byte lengths) | padding to 4 | Uint32 sections (termKey, df, lower,
 * postStart, flen, the byte offsets of the documents' titles and of their other fields) | terms
 * and keys as UTF-8 lines | posting pool bytes | padding to 4 | the lookup tables a loaded index
 * would otherwise build (hash tables of term and key ids, typo deletion index; variant skeletons'
 * keys, the Arabic-script keys, the skeletons' deletion index and hash table) as Uint32 sections,
 * the deletion indexes' fingerprints as bytes, each padded to 4 | the
 * skeletons as UTF-8 lines | the document columns (`encodeDocs`), each padded to 4.
 */
import { DossierError } from '../errors';
import type { SearchKind } from '../../api/types';
import type { StringIdsImage } from './string-ids';
import type { DeletionImage } from './typo';
import type { VariantImage } from './variants';

/**
 * 2: each term's count of documents writing it in lower case (`lower`); 3: the typo and variant
 * lookup tables are stored too; 4: and the hash tables of term and key ids; 5: documents as
 * columns, titles and the rest read on first use; 6: the hash table of the variant skeletons (older
 * caches are rebuilt); 7: the deletion indexes keep an 8-bit fingerprint per entry in buckets of
 * about four, and the hash tables of ids are up to 2/3 full (10k reports: 24.6 -> ~17 MB).
 */
export const FORMAT_VERSION = 7;
const MAGIC = 0x49585344; // "DSXI" read as little-endian u32

export interface StoredDoc {
  id: string;
  kind: SearchKind;
  title: string;
  tags: string[];
  date: string | null;
  entityIds: string[];
  aliases: string[];
  version?: string;
}

export interface IndexImage {
  docs: StoredDoc[];
  flen: Uint32Array;
  terms: string[];
  termKey: Uint32Array;
  df: Uint32Array;
  /** Per term: the documents that write it in lower case (see IndexStore.lower). */
  lower: Uint32Array;
  postStart: Uint32Array;
  pool: Uint8Array;
  keys: string[];
  /** Hash tables of the terms' and the keys' ids. */
  termTable: StringIdsImage;
  keyTable: StringIdsImage;
  /** The typo deletion index over the keys, when built. */
  typo?: DeletionImage | null;
  /** The variant skeleton tables over the keys, when built. */
  variants?: VariantImage | null;
}

interface DeletionHeader {
  bits: number;
  count: number;
  entries: number;
}

interface Header {
  nDocs: number;
  nTerms: number;
  nKeys: number;
  termsBytes: number;
  keysBytes: number;
  poolBytes: number;
  /** Byte lengths of the document columns (see `DOC_COLUMNS`). */
  docBytes: number[];
  termTable: { count: number; slots: number };
  keyTable: { count: number; slots: number };
  typo: DeletionHeader | null;
  variants: { nSkels: number; skelsBytes: number; nKeySkel: number; nArabic: number; neighbours: DeletionHeader; skelTable: { count: number; slots: number } } | null;
}

const deletionHeader = (d: DeletionImage): DeletionHeader => ({ bits: d.bits, count: d.count, entries: d.hashes.length });

const KIND_CHAR: Record<SearchKind, string> = { report: 'r', note: 'n', entity: 'e' };
const CHAR_KIND: Record<string, SearchKind> = { r: 'report', n: 'note', e: 'entity' };

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Fast 32-bit checksum over 4-byte words (the region length must be a multiple of 4). */
export function checksum(bytes: Uint8Array, start: number): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + start, (bytes.length - start) >>> 2);
  let h1 = 0x9e3779b1;
  let h2 = 0x85ebca6b;
  for (let i = 0; i < words.length; i += 2) {
    h1 = Math.imul(h1 ^ (words[i] ?? 0), 0x01000193) ^ (h1 >>> 15);
    h2 = Math.imul(h2 ^ (words[i + 1] ?? 0), 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 ^ Math.imul(h2, 0x27d4eb2d) ^ words.length) >>> 0;
}

export function encodeImage(img: IndexImage): Uint8Array {
  const enc = new TextEncoder();
  const termsBytes = enc.encode(img.terms.join('\n'));
  const keysBytes = enc.encode(img.keys.join('\n'));
  const typo = img.typo ?? null;
  const variants = img.variants ?? null;
  const skelsBytes = enc.encode(variants ? variants.skels.join('\n') : '');
  const docCols = encodeDocs(img.docs);
  const header: Header = {
    nDocs: img.docs.length,
    nTerms: img.terms.length,
    nKeys: img.keys.length,
    termsBytes: termsBytes.length,
    keysBytes: keysBytes.length,
    poolBytes: img.pool.length,
    docBytes: docCols.bytes.map((b) => b.length),
    termTable: { count: img.termTable.count, slots: img.termTable.slots.length },
    keyTable: { count: img.keyTable.count, slots: img.keyTable.slots.length },
    typo: typo ? deletionHeader(typo) : null,
    variants: variants
      ? { nSkels: variants.skels.length, skelsBytes: skelsBytes.length, nKeySkel: variants.keySkel.length, nArabic: variants.arabic.length, neighbours: deletionHeader(variants.neighbours), skelTable: { count: variants.skelTable.count, slots: variants.skelTable.slots.length } }
      : null,
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const u32Sections = [img.termKey, img.df, img.lower, img.postStart, img.flen, ...docCols.offsets];
  // the deletion indexes' fingerprints are bytes (padded to 4), every other table Uint32
  const tableSections: Array<Uint32Array | Uint8Array> = [img.termTable.slots, img.keyTable.slots];
  if (typo) tableSections.push(typo.starts, typo.hashes, typo.ids);
  if (variants) tableSections.push(variants.keySkel, variants.arabic, variants.neighbours.starts, variants.neighbours.hashes, variants.neighbours.ids, variants.skelTable.slots);
  let size = 16 + pad4(headerBytes.length);
  for (const s of u32Sections) size += s.length * 4;
  for (const s of tableSections) size += pad4(s.byteLength);
  size += pad4(termsBytes.length) + pad4(keysBytes.length) + pad4(img.pool.length) + pad4(skelsBytes.length);
  for (const b of docCols.bytes) size += pad4(b.length);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  let at = 16 + pad4(headerBytes.length);
  for (const s of u32Sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.length * 4), at);
    at += s.length * 4;
  }
  out.set(termsBytes, at);
  at += pad4(termsBytes.length);
  out.set(keysBytes, at);
  at += pad4(keysBytes.length);
  out.set(img.pool, at);
  at += pad4(img.pool.length);
  for (const s of tableSections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += pad4(s.byteLength);
  }
  out.set(skelsBytes, at);
  at += pad4(skelsBytes.length);
  for (const b of docCols.bytes) {
    out.set(b, at);
    at += pad4(b.length);
  }
  view.setUint32(8, checksum(out, 12), true);
  return out;
}

/**
 * The document table as columns: ids, kinds (one letter each) and dates (empty for none) as UTF-8
 * lines, read at once; titles and the rest (tags, entity ids, aliases, version: a JSON array, or
 * nothing when all are empty) as UTF-8 with the byte offset of each document's, read when a
 * document is first asked for them (a query reads a few titles, not a quarter of a million).
 */
function encodeDocs(docs: readonly StoredDoc[]): { bytes: Uint8Array[]; offsets: Uint32Array[] } {
  const enc = new TextEncoder();
  const texts = (of: (d: StoredDoc) => string): { bytes: Uint8Array; offsets: Uint32Array } => {
    const parts = docs.map((d) => Buffer.from(of(d), 'utf8'));
    const offsets = new Uint32Array(docs.length + 1);
    for (let i = 0; i < parts.length; i++) offsets[i + 1] = (offsets[i] ?? 0) + (parts[i]?.length ?? 0);
    return { bytes: Buffer.concat(parts), offsets };
  };
  const titles = texts((d) => d.title);
  const extras = texts((d) =>
    d.tags.length === 0 && d.entityIds.length === 0 && d.aliases.length === 0 && d.version === undefined
      ? ''
      : JSON.stringify(d.version === undefined ? [d.tags, d.entityIds, d.aliases] : [d.tags, d.entityIds, d.aliases, d.version]),
  );
  return {
    bytes: [
      enc.encode(docs.map((d) => d.id).join('\n')),
      enc.encode(docs.map((d) => KIND_CHAR[d.kind]).join('')),
      enc.encode(docs.map((d) => d.date ?? '').join('\n')),
      titles.bytes,
      extras.bytes,
    ],
    offsets: [titles.offsets, extras.offsets],
  };
}

/** Where a loaded index's documents read their titles and the rest from. */
class DocTexts {
  constructor(
    private readonly titles: Buffer,
    private readonly titleOffsets: Uint32Array,
    private readonly extras: Buffer,
    private readonly extraOffsets: Uint32Array,
  ) {
    for (const [b, o] of [[titles, titleOffsets], [extras, extraOffsets]] as const) {
      for (let i = 0; i + 1 < o.length; i++) if ((o[i] ?? 0) > (o[i + 1] ?? 0)) throw corrupt('bad document table');
      if ((o[o.length - 1] ?? 0) !== b.length || o[0] !== 0) throw corrupt('bad document table');
    }
  }

  title(n: number): string {
    return this.titles.toString('utf8', this.titleOffsets[n], this.titleOffsets[n + 1]);
  }

  extra(n: number): DocExtras {
    const s = this.extraOffsets[n] ?? 0;
    const e = this.extraOffsets[n + 1] ?? 0;
    if (s === e) return NO_EXTRAS;
    const [tags, entityIds, aliases, version] = JSON.parse(this.extras.toString('utf8', s, e)) as [string[], string[], string[], string?];
    return { tags, entityIds, aliases, version };
  }
}

interface DocExtras {
  tags: string[];
  entityIds: string[];
  aliases: string[];
  version: string | undefined;
}

const NONE: string[] = Object.freeze([]) as unknown as string[];
const NO_EXTRAS: DocExtras = Object.freeze({ tags: NONE, entityIds: NONE, aliases: NONE, version: undefined });

/** A document of a loaded index: id, kind and date at once, the rest read from the cache on first use. */
class LoadedDoc implements StoredDoc {
  private t: string | undefined;
  private x: DocExtras | undefined;
  constructor(
    private readonly texts: DocTexts,
    private readonly n: number,
    readonly id: string,
    readonly kind: SearchKind,
    readonly date: string | null,
  ) {}

  get title(): string {
    return (this.t ??= this.texts.title(this.n));
  }

  get tags(): string[] {
    return this.extra().tags;
  }

  get entityIds(): string[] {
    return this.extra().entityIds;
  }

  get aliases(): string[] {
    return this.extra().aliases;
  }

  get version(): string | undefined {
    return this.extra().version;
  }

  private extra(): DocExtras {
    return (this.x ??= this.texts.extra(this.n));
  }
}

function decodeDocs(nDocs: number, ids: Buffer, kinds: Buffer, dates: Buffer, texts: DocTexts): StoredDoc[] {
  const idList = nDocs === 0 ? [] : ids.toString('utf8').split('\n');
  const dateList = nDocs === 0 ? [] : dates.toString('utf8').split('\n');
  const kindList = kinds.toString('latin1');
  if (idList.length !== nDocs || dateList.length !== nDocs || kindList.length !== nDocs) throw corrupt('bad document table');
  const docs = new Array<StoredDoc>(nDocs);
  for (let i = 0; i < nDocs; i++) {
    const kind = CHAR_KIND[kindList.charAt(i)];
    if (!kind) throw corrupt('bad document table');
    docs[i] = new LoadedDoc(texts, i, idList[i] ?? '', kind, dateList[i] || null);
  }
  return docs;
}

function corrupt(msg: string): DossierError {
  return new DossierError('CORRUPT', `search index: ${msg}`);
}

export function decodeImage(input: Uint8Array): IndexImage {
  let bytes = input;
  if (bytes.byteOffset % 4 !== 0) bytes = new Uint8Array(bytes); // typed views need alignment
  if (bytes.length < 16 || bytes.length % 4 !== 0) throw corrupt('truncated data');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.getUint32(0, true) !== MAGIC) throw corrupt('not a search index');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) {
    throw new DossierError(
      version > FORMAT_VERSION ? 'NEWER_VERSION' : 'CORRUPT',
      `search index: format version ${version}, expected ${FORMAT_VERSION}`,
    );
  }
  if (view.getUint32(8, true) !== checksum(bytes, 12)) throw corrupt('checksum mismatch');
  const headerLen = view.getUint32(12, true);
  const dec = new TextDecoder();
  let header: Header;
  try {
    header = JSON.parse(dec.decode(bytes.subarray(16, 16 + headerLen))) as Header;
  } catch (err) {
    throw new DossierError('CORRUPT', 'search index: unreadable header', { cause: err });
  }
  const { nDocs, nTerms } = header;
  let at = 16 + pad4(headerLen);
  const u32 = (n: number): Uint32Array => {
    if (at + n * 4 > bytes.length) throw corrupt('truncated section');
    const a = new Uint32Array(bytes.buffer, bytes.byteOffset + at, n);
    at += n * 4;
    return a;
  };
  const termKey = u32(nTerms);
  const df = u32(nTerms);
  const lower = u32(nTerms);
  const postStart = u32(nTerms + 1);
  const flen = u32(nDocs * 4);
  const titleOffsets = u32(nDocs + 1);
  const extraOffsets = u32(nDocs + 1);
  const terms = header.termsBytes === 0 ? [] : dec.decode(bytes.subarray(at, at + header.termsBytes)).split('\n');
  at += pad4(header.termsBytes);
  const keys = header.keysBytes === 0 ? [] : dec.decode(bytes.subarray(at, at + header.keysBytes)).split('\n');
  at += pad4(header.keysBytes);
  const pool = bytes.subarray(at, at + header.poolBytes);
  if (terms.length !== nTerms || keys.length !== header.nKeys || pool.length !== header.poolBytes) {
    throw corrupt('inconsistent sections');
  }
  at += pad4(header.poolBytes);
  const termTable = { count: header.termTable.count, slots: u32(header.termTable.slots) };
  const keyTable = { count: header.keyTable.count, slots: u32(header.keyTable.slots) };
  const u8 = (n: number): Uint8Array => {
    if (at + n > bytes.length) throw corrupt('truncated section');
    const a = bytes.subarray(at, at + n);
    at += pad4(n);
    return a;
  };
  const deletion = (h: DeletionHeader): DeletionImage => ({ bits: h.bits, count: h.count, starts: u32(2 ** h.bits + 1), hashes: u8(h.entries), ids: u32(h.entries) });
  const typo = header.typo ? deletion(header.typo) : null;
  let variants: VariantImage | null = null;
  if (header.variants) {
    const v = header.variants;
    const keySkel = u32(v.nKeySkel);
    const arabic = u32(v.nArabic);
    const neighbours = deletion(v.neighbours);
    const skelTable = { count: v.skelTable.count, slots: u32(v.skelTable.slots) };
    if (at + v.skelsBytes > bytes.length) throw corrupt('truncated section');
    const skels = v.skelsBytes === 0 ? [''] : dec.decode(bytes.subarray(at, at + v.skelsBytes)).split('\n');
    if (skels.length !== v.nSkels) throw corrupt('inconsistent sections');
    variants = { skels, skelTable, keySkel, arabic, neighbours };
    at += pad4(v.skelsBytes);
  }
  if (header.docBytes.length !== 5) throw corrupt('bad document table');
  const blob = (n: number): Buffer => {
    if (at + n > bytes.length) throw corrupt('truncated section');
    const b = Buffer.from(bytes.buffer, bytes.byteOffset + at, n);
    at += pad4(n);
    return b;
  };
  const [idsB, kindsB, datesB, titlesB, extrasB] = header.docBytes.map(blob) as [Buffer, Buffer, Buffer, Buffer, Buffer];
  const docs = decodeDocs(nDocs, idsB, kindsB, datesB, new DocTexts(titlesB, titleOffsets, extrasB, extraOffsets));
  return { docs, flen, terms, termKey, df, lower, postStart, pool, keys, termTable, keyTable, typo, variants };
}
