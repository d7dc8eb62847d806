/**
 * The report title index: report titles (id, title, folded key, import time) stored apart from the
 * catalog, so that resolving a note's `[[Title]]` links never loads the catalog. It is derived
 * data, kept in step by the catalog (storage/catalog.ts): each catalog part N has a title part
 * `cache/titles/N.tsv` written (atomically, with the atomic-write helper) right after the catalog
 * part, stamped with that part's revision. A title part whose stamp differs from its catalog part's
 * (a crash between the two writes, a catalog part restored from a backup), or that is missing, makes
 * the whole index stale: the notebook then loads the catalog, which rewrites the stale parts.
 *
 * The keys are `fold(title)` as this version folds: the header carries a stamp of the folding
 * rules (foldRulesStamp), so an index written by a version that folds differently is stale too.
 *
 * A title part is text, one line per report sorted by the key's bytes, so a lookup is a binary
 * search in each part's bytes with nothing parsed:
 *   dossier-titles 2 \t <part> \t <rev> \t <count> \t <fold stamp> \n
 *   <folded title> \t <id> \t <importedAt> \t <bodyRef> \t <title> \n   (tab, newline and backslash escaped)
 *
 * The index also answers what a search needs of the reports without the catalog: the catalog's
 * fingerprint (each part's number, stamp and count, as Catalog.fingerprint writes it) and where a
 * hit's text is (its bodyRef). Version 1 files (no bodyRef) are stale, and rewritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Report } from '../schema/v1';
import { fold } from '../text/fold';
import { writeFileAtomic } from './atomic';

export const TITLE_DIR = path.join('cache', 'titles');
const HEADER = 'dossier-titles 2';
const CATALOG_PART_RE = /^catalog(?:-(\d{6}))?\.json$/;
const NL = 0x0a;
const TAB = 0x09;

/** Where the line that starts at `ls` ends (its newline, or the end of the buffer). */
function lineEnd(buf: Buffer, ls: number): number {
  const le = buf.indexOf(NL, ls);
  return le < 0 ? buf.length : le;
}
/** Lookups by id answered from the bytes before the map of every id is built. */
const DIRECT_LOOKUPS = 24;

/** A report's title as links resolve it. */
export interface ReportTitle {
  id: string;
  title: string;
  /** `fold(title)`: what `[[Title]]` is matched on. */
  key: string;
  importedAt: string;
  /** Where the report's text is (Report.bodyRef). */
  bodyRef: string;
}

/** Report titles by id and by folded key. */
export interface ReportTitles {
  byId(id: string): ReportTitle | undefined;
  /** Every report whose title folds to `key`. */
  withKey(key: string): ReportTitle[];
}

/** Letters of many scripts, marks, ligatures and spacing, folded: changes when the folding rules do. */
let stamp: string | null = null;
function foldRulesStamp(): string {
  stamp ??= createHash('sha256')
    .update(fold('ÀÉÎÕÜ àéîõü ÇçŠšŽžŁłØøÆæŒœß İıĞğ Ёё Йй Щщ Ъъ Ωω Άά ﬁ ﬂ Ⅻ ① Ａｚ ي ى ة ه أ إ آ ء ک گ پ  \t A\u0301  ‘’“”—–'))
    .digest('hex')
    .slice(0, 12);
  return stamp;
}

const escape = (s: string): string => s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const unescape = (s: string): string => (s.includes('\\') ? s.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c)) : s);

function titlePartFile(root: string, part: number): string {
  return path.join(root, TITLE_DIR, `${String(part).padStart(6, '0')}.tsv`);
}

/** Writes the title part of catalog part `part` (revision `rev`). */
export async function writeTitlePart(root: string, part: number, rev: string, reports: Iterable<Report>): Promise<void> {
  const lines: Array<{ key: Buffer; line: string }> = [];
  for (const r of reports) {
    const key = escape(fold(r.title));
    lines.push({ key: Buffer.from(key), line: `${key}\t${r.id}\t${r.importedAt}\t${escape(r.bodyRef)}\t${escape(r.title)}\n` });
  }
  lines.sort((a, b) => Buffer.compare(a.key, b.key));
  const file = titlePartFile(root, part);
  if (!existsSync(path.dirname(file))) await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${HEADER}\t${part}\t${rev}\t${lines.length}\t${foldRulesStamp()}\n${lines.map((l) => l.line).join('')}`);
}

/** The stamp a title part carries (null when it is missing or unreadable). */
export async function titlePartRev(root: string, part: number): Promise<string | null> {
  const head = await readHead(titlePartFile(root, part), 512);
  return head === null ? null : (parseTitleHeader(head, part)?.rev ?? null);
}

function parseTitleHeader(text: string, part: number): { rev: string; count: number } | null {
  const nl = text.indexOf('\n');
  const f = (nl < 0 ? text : text.slice(0, nl)).split('\t');
  if (f.length !== 5 || f[0] !== HEADER || Number(f[1]) !== part || f[4] !== foldRulesStamp()) return null;
  return { rev: f[2] ?? '', count: Number(f[3]) };
}

async function readHead(file: string, bytes: number): Promise<string | null> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(file, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await h.read(buf, 0, bytes, 0);
    return buf.toString('utf8', 0, bytesRead);
  } catch {
    return null;
  } finally {
    await h?.close();
  }
}

/** The part number and revision a catalog part file starts with, as the catalog writes it (current version only). */
const CATALOG_HEAD_RE = /^\{"schemaVersion":2,"part":(\d+),"rev":"([^"\\]*)"/;

interface Part {
  n: number;
  rev: string;
  count: number;
  buf: Buffer;
  /** Offset of the first record line (after the header). */
  start: number;
}

/**
 * The title index as stored, for a notebook whose catalog is not loaded. `load` returns null when
 * the index is missing or stale (see the file comment); the caller then loads the catalog.
 */
export class StoredReportTitles implements ReportTitles {
  private ids: Map<string, ReportTitle> | null = null;
  /** Lookups by id answered by searching the bytes so far (see byId). */
  private direct = 0;

  private constructor(private readonly parts: Part[]) {}

  static async load(root: string): Promise<StoredReportTitles | null> {
    const catalogParts: number[] = [];
    for (const name of await fs.readdir(root).catch(() => [] as string[])) {
      const m = CATALOG_PART_RE.exec(name);
      if (m) catalogParts.push(m[1] ? Number(m[1]) : 1);
    }
    const titleFiles = await fs.readdir(path.join(root, TITLE_DIR)).catch(() => null);
    if (!titleFiles || catalogParts.length === 0) return null;
    // A title part without its catalog part (or the other way round) is a layout this index does not describe.
    if (titleFiles.filter((f) => /^\d{6}\.tsv$/.test(f)).length !== catalogParts.length) return null;
    const parts = await Promise.all(
      catalogParts.map(async (n): Promise<Part | null> => {
        const [head, buf] = await Promise.all([
          readHead(path.join(root, n === 1 ? 'catalog.json' : `catalog-${String(n).padStart(6, '0')}.json`), 256),
          fs.readFile(titlePartFile(root, n)).catch(() => null),
        ]);
        const m = head === null ? null : CATALOG_HEAD_RE.exec(head);
        if (!m || Number(m[1]) !== n || !buf) return null;
        const nl = buf.indexOf(NL);
        const header = nl < 0 ? null : parseTitleHeader(buf.toString('utf8', 0, nl), n);
        if (!header || header.rev !== m[2]) return null;
        return { n, rev: header.rev, count: header.count, buf, start: nl + 1 };
      }),
    );
    return parts.every((p): p is Part => p !== null) ? new StoredReportTitles(parts.sort((a, b) => a.n - b.n)) : null;
  }

  /** The catalog's fingerprint as Catalog.fingerprint gives it for the catalog this index describes. */
  fingerprint(): string {
    return this.parts.map((p) => `${p.n}:${p.rev}:${p.count}`).join(',');
  }

  private static record(buf: Buffer, from: number, to: number): ReportTitle {
    const [key = '', id = '', importedAt = '', bodyRef = '', title = ''] = buf.toString('utf8', from, to).split('\t');
    return { id, key: unescape(key), importedAt, bodyRef: unescape(bodyRef), title: unescape(title) };
  }

  withKey(key: string): ReportTitle[] {
    const q = Buffer.from(escape(key));
    const out: ReportTitle[] = [];
    for (const { buf, start } of this.parts) {
      // Lower bound: the first line whose key is >= q, by bisecting byte offsets (each probe finds its line).
      let lo = start;
      let hi = buf.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const ls = buf.lastIndexOf(NL, mid - 1) + 1;
        const le = lineEnd(buf, ls);
        const tab = buf.indexOf(TAB, ls);
        const cmp = buf.subarray(ls, tab < 0 || tab > le ? le : tab).compare(q);
        if (cmp < 0) lo = le + 1;
        else hi = ls;
      }
      for (let ls = lo; ls < buf.length; ) {
        const le = lineEnd(buf, ls);
        const tab = buf.indexOf(TAB, ls);
        if (tab < 0 || tab > le || buf.subarray(ls, tab).compare(q) !== 0) break;
        out.push(StoredReportTitles.record(buf, ls, le));
        ls = le + 1;
      }
    }
    return out;
  }

  byId(id: string): ReportTitle | undefined {
    if (this.ids) return this.ids.get(id);
    // The first lookups (a search's hits, a note's links: a few) find the id's line in the bytes:
    // TAB id TAB occurs only as a line's id field (keys and titles are escaped, no raw tab). Past
    // DIRECT_LOOKUPS (a long-running app), one pass builds a map of every line instead.
    if (this.direct < DIRECT_LOOKUPS) {
      this.direct++;
      const needle = Buffer.from(`\t${id}\t`);
      for (const { buf, start } of this.parts) {
        const at = buf.indexOf(needle, start);
        if (at < 0) continue;
        const ls = buf.lastIndexOf(NL, at) + 1;
        return StoredReportTitles.record(buf, ls, lineEnd(buf, at));
      }
      return undefined;
    }
    const ids = new Map<string, ReportTitle>();
    for (const { buf, start } of this.parts) {
      for (let ls = start; ls < buf.length; ) {
        const le = lineEnd(buf, ls);
        const r = StoredReportTitles.record(buf, ls, le);
        ids.set(r.id, r);
        ls = le + 1;
      }
    }
    this.ids = ids;
    return ids.get(id);
  }
}
