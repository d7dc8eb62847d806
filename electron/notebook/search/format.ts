/**
 * The binary, versioned serialization of a compacted index. Layout (little endian):
 * "DSXI" | u32 version | u32 checksum of everything after byte 12 | u32 header length |
 * header JSON (documents, counts) | padding to 4 | Uint32 sections (termKey, df, lower, postStart, flen) |
 * terms and keys as UTF-8 lines | posting pool bytes | padding to 4 | the lookup tables a first
 * query would otherwise build (typo deletion index; variant skeletons, their deletion index and the
 * Arabic-script keys) as Uint32 sections, then the skeletons as UTF-8 lines, padded to 4.
 */
import { DossierError } from '../errors';
import type { SearchKind } from '../../api/types';
import type { DeletionImage } from './typo';
import type { VariantImage } from './variants';

/**
 * 2: each term's count of documents writing it in lower case (`lower`); 3: the typo and variant
 * lookup tables are stored too (older caches are rebuilt).
 */
export const FORMAT_VERSION = 3;
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
  ids: string[];
  kinds: string;
  titles: string[];
  tags: string[][];
  dates: Array<string | null>;
  entityIds: string[][];
  aliases: string[][];
  /** Document number -> version, for the documents that have one. */
  versions?: Record<string, string>;
  typo: DeletionHeader | null;
  variants: { nSkels: number; skelsBytes: number; nKeySkel: number; nArabic: number; neighbours: DeletionHeader } | null;
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
  const header: Header = {
    nDocs: img.docs.length,
    nTerms: img.terms.length,
    nKeys: img.keys.length,
    termsBytes: termsBytes.length,
    keysBytes: keysBytes.length,
    poolBytes: img.pool.length,
    ids: img.docs.map((d) => d.id),
    kinds: img.docs.map((d) => KIND_CHAR[d.kind]).join(''),
    titles: img.docs.map((d) => d.title),
    tags: img.docs.map((d) => d.tags),
    dates: img.docs.map((d) => d.date),
    entityIds: img.docs.map((d) => d.entityIds),
    aliases: img.docs.map((d) => d.aliases),
    versions: Object.fromEntries(img.docs.flatMap((d, i) => (d.version === undefined ? [] : [[String(i), d.version]]))),
    typo: typo ? deletionHeader(typo) : null,
    variants: variants
      ? { nSkels: variants.skels.length, skelsBytes: skelsBytes.length, nKeySkel: variants.keySkel.length, nArabic: variants.arabic.length, neighbours: deletionHeader(variants.neighbours) }
      : null,
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const u32Sections = [img.termKey, img.df, img.lower, img.postStart, img.flen];
  const tableSections: Uint32Array[] = [];
  if (typo) tableSections.push(typo.starts, typo.hashes, typo.ids);
  if (variants) tableSections.push(variants.keySkel, variants.arabic, variants.neighbours.starts, variants.neighbours.hashes, variants.neighbours.ids);
  let size = 16 + pad4(headerBytes.length);
  for (const s of [...u32Sections, ...tableSections]) size += s.length * 4;
  size += pad4(termsBytes.length) + pad4(keysBytes.length) + pad4(img.pool.length) + pad4(skelsBytes.length);
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
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.length * 4), at);
    at += s.length * 4;
  }
  out.set(skelsBytes, at);
  view.setUint32(8, checksum(out, 12), true);
  return out;
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
  const terms = header.termsBytes === 0 ? [] : dec.decode(bytes.subarray(at, at + header.termsBytes)).split('\n');
  at += pad4(header.termsBytes);
  const keys = header.keysBytes === 0 ? [] : dec.decode(bytes.subarray(at, at + header.keysBytes)).split('\n');
  at += pad4(header.keysBytes);
  const pool = bytes.subarray(at, at + header.poolBytes);
  if (terms.length !== nTerms || keys.length !== header.nKeys || pool.length !== header.poolBytes) {
    throw corrupt('inconsistent sections');
  }
  at += pad4(header.poolBytes);
  const deletion = (h: DeletionHeader): DeletionImage => ({ bits: h.bits, count: h.count, starts: u32(2 ** h.bits + 1), hashes: u32(h.entries), ids: u32(h.entries) });
  const typo = header.typo ? deletion(header.typo) : null;
  let variants: VariantImage | null = null;
  if (header.variants) {
    const v = header.variants;
    const keySkel = u32(v.nKeySkel);
    const arabic = u32(v.nArabic);
    const neighbours = deletion(v.neighbours);
    if (at + v.skelsBytes > bytes.length) throw corrupt('truncated section');
    const skels = v.skelsBytes === 0 ? [''] : dec.decode(bytes.subarray(at, at + v.skelsBytes)).split('\n');
    if (skels.length !== v.nSkels) throw corrupt('inconsistent sections');
    variants = { skels, keySkel, arabic, neighbours };
  }
  const docs: StoredDoc[] = new Array<StoredDoc>(nDocs);
  for (let i = 0; i < nDocs; i++) {
    const kind = CHAR_KIND[header.kinds[i] ?? ''];
    const id = header.ids[i];
    if (!kind || id === undefined) throw corrupt('bad document table');
    docs[i] = {
      id,
      kind,
      title: header.titles[i] ?? '',
      tags: header.tags[i] ?? [],
      date: header.dates[i] ?? null,
      entityIds: header.entityIds[i] ?? [],
      aliases: header.aliases[i] ?? [],
    };
    const version = header.versions?.[String(i)];
    if (typeof version === 'string') docs[i]!.version = version;
  }
  return { docs, flen, terms, termKey, df, lower, postStart, pool, keys, typo, variants };
}
