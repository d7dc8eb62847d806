/**
 * Report metadata: an in-memory view of the catalog (storage/catalog.ts) with lookups by id and content hash, and the
 * operations on it (list, get, body, update, tag, delete). Bodies stay on disk until asked for, so
 * showing one report never loads the others.
 */
import { DossierError } from './errors';
import { newId } from './ids';
import type { Report } from './schema/v1';
import type { Catalog } from './storage/catalog';
import type { Blobs } from './storage/blobs';
import { addTags, cleanTag, hasTag, removeTags } from './tags';
import { filterHaystack, filterWords, holdsWords } from '../api/fold';
import { singleLine } from './text/line';

/** `previous`: the record an upsert replaced (an edit or a re-import), absent for a new report. */
export type ReportChange = { type: 'upsert'; report: Report; previous?: Report } | { type: 'delete'; report: Report };

/** The report list's orders: published (newest first) and published-asc (oldest first) put undated reports last. */
export type ReportSort = 'published' | 'published-asc' | 'imported' | 'title';

export interface ReportFilter {
  tag?: string;
  ids?: ReadonlySet<string>;
  /** Inclusive 'YYYY-MM-DD' bounds on the published date; undated reports are left out when given. */
  from?: string;
  to?: string;
  /** Words the title or a tag contains, case- and diacritic-insensitively (the list's filter box). */
  text?: string;
  /** published: stated date, newest first, undated last; published-asc: oldest first, undated last; imported (default): newest import first; title: A-Z. */
  sort?: ReportSort;
}

const collator = new Intl.Collator();
/** Ascending by code point: importedAt and publishedAt are ISO strings of one shape. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The one order of reports for each sort key (the CLI and the contract use it); ties fall to the id, so it is total. */
export function compareReports(sort: ReportSort): (a: Report, b: Report) => number {
  const byTitle = (a: Report, b: Report): number => collator.compare(a.title, b.title) || byCode(a.id, b.id);
  const byImported = (a: Report, b: Report): number => byCode(b.importedAt, a.importedAt);
  if (sort === 'title') return (a, b) => byTitle(a, b) || byImported(a, b);
  if (sort === 'imported') return (a, b) => byImported(a, b) || byTitle(a, b);
  const newest = sort === 'published';
  return (a, b) => {
    if (a.publishedAt === b.publishedAt) return byImported(a, b) || byTitle(a, b);
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return newest ? byCode(b.publishedAt, a.publishedAt) : byCode(a.publishedAt, b.publishedAt);
  };
}

export interface ReportPatch {
  title?: string;
  source?: string | null;
  author?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  tags?: string[];
}

/** A metadata field as the user typed it: trimmed, one line, empty means none. */
function cleanField(raw: string | null, what: string, max: number): string | null {
  if (raw === null) return null;
  const v = singleLine(raw);
  if (v.length > max) throw new DossierError('INVALID_INPUT', `${what} can be at most ${max} characters`);
  return v === '' ? null : v;
}

function cleanUrl(raw: string | null): string | null {
  const v = cleanField(raw, 'a URL', 2000);
  if (v === null) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new DossierError('INVALID_INPUT', `"${v}" is not a web address (expected http://… or https://…)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new DossierError('INVALID_INPUT', `a URL must start with http:// or https:// (got ${u.protocol})`);
  return u.href;
}

function cleanPublished(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== raw.trim()) throw new DossierError('INVALID_INPUT', `"${raw}" is not a real date (expected YYYY-MM-DD)`);
  return raw.trim();
}

export function cleanTitle(raw: string): string {
  const title = singleLine(raw);
  if (!title) throw new DossierError('INVALID_INPUT', 'a title cannot be empty');
  if (title.length > 500) throw new DossierError('INVALID_INPUT', 'a title can be at most 500 characters');
  return title;
}

export class Reports {
  /**
   * Report id by content hash, for the duplicate check of imports: built on the first lookup, not
   * on open (opening and searching a notebook of 250,000 reports never asks).
   */
  private hashes: Map<string, string> | null = null;
  private readonly listeners: Array<(c: ReportChange) => void> = [];
  /** Bumped on every change of the catalog's records: the cached orders and the last filtered page are of one version. */
  private version = 0;
  private readonly orders = new Map<ReportSort, { version: number; reports: Report[] }>();
  private lastMatch: { version: number; key: string; words: string[]; ids: ReadonlySet<string> | undefined; reports: Report[] } | null = null;
  /** Each report's folded title and tags, as the list's text filter matches them (a changed report is a new object). */
  private readonly haystacks = new WeakMap<Report, string>();

  constructor(
    private readonly catalog: Catalog,
    private readonly blobs: Blobs,
    private readonly requireWritable: () => void,
    /** Other holders of blob files (the report trash): a blob they use is never removed. */
    private readonly blobHeldElsewhere: (ref: string) => boolean = () => false,
  ) {}

  private get byHash(): Map<string, string> {
    if (!this.hashes) {
      const hashes = new Map<string, string>();
      for (const r of this.catalog.all()) hashes.set(r.contentHash, r.id);
      this.hashes = hashes;
    }
    return this.hashes;
  }

  onChange(fn: (c: ReportChange) => void): void {
    this.listeners.push(fn);
  }

  private emit(c: ReportChange): void {
    for (const fn of this.listeners) fn(c);
  }

  get count(): number {
    return this.catalog.size;
  }

  all(): Report[] {
    return [...this.catalog.all()];
  }

  /** The reports `filter` keeps, in its order (a copy: the caller may change it). */
  list(filter: ReportFilter = {}): Report[] {
    return this.page(filter, 0, this.count).items;
  }

  /** Every report in `sort`'s order: sorted once per change, so paging through it costs no sort. */
  private ordered(sort: ReportSort): Report[] {
    const cached = this.orders.get(sort);
    if (cached && cached.version === this.version) return cached.reports;
    const reports = this.all().sort(compareReports(sort));
    this.orders.set(sort, { version: this.version, reports });
    return reports;
  }

  private haystack(r: Report): string {
    let h = this.haystacks.get(r);
    if (h === undefined) {
      h = filterHaystack([r.title, ...r.tags]);
      this.haystacks.set(r, h);
    }
    return h;
  }

  /**
   * One page of `list(filter)` and how many there are in all. The order is cached per sort key
   * (re-sorted only after a change), and the reports a filter keeps are remembered for the next
   * page of the same filter, so scrolling a list of 250,000 reports is a slice per page.
   */
  page(filter: ReportFilter, offset: number, limit: number): { total: number; offset: number; items: Report[] } {
    const sort = filter.sort ?? 'imported';
    const tag = filter.tag ? cleanTag(filter.tag) : null;
    const words = filterWords(filter.text ?? '');
    const { from, to, ids } = filter;
    // A few ids (an entity's reports, a chart's nodes): sort those, not the whole catalog.
    const few = ids !== undefined && ids.size * 8 < this.catalog.size;
    let reports = few ? [...ids].flatMap((id) => this.catalog.find(id) ?? []).sort(compareReports(sort)) : this.ordered(sort);
    if (tag || words.length > 0 || from || to || (ids && !few)) {
      const key = JSON.stringify([sort, tag, from ?? null, to ?? null]);
      const last = this.lastMatch;
      const same = !few && last !== null && last.version === this.version && last.key === key && last.ids === ids;
      if (same && last.words.join(' ') === words.join(' ')) reports = last.reports;
      else {
        // Typing on in the filter box: each word before is inside a word now, so only what matched can match.
        if (same && last.words.every((w) => words.some((n) => n.includes(w)))) reports = last.reports;
        const dated = (r: Report): boolean => (!from && !to) || (r.publishedAt !== null && (!from || r.publishedAt >= from) && (!to || r.publishedAt <= to));
        const said = (r: Report): boolean => words.length === 0 || holdsWords(this.haystack(r), words);
        reports = reports.filter((r) => (!tag || hasTag(r.tags, tag)) && (few || !ids || ids.has(r.id)) && dated(r) && said(r));
        if (!few) this.lastMatch = { version: this.version, key, words, ids, reports };
      }
    }
    return { total: reports.length, offset, items: reports.slice(offset, offset + limit) };
  }

  has(id: string): boolean {
    return this.catalog.has(id);
  }

  find(id: string): Report | undefined {
    return this.catalog.find(id);
  }

  get(id: string): Report {
    const r = this.catalog.find(id);
    if (!r) throw new DossierError('NOT_FOUND', `no report with id ${id}`);
    return r;
  }

  byContentHash(hash: string): Report | undefined {
    const id = this.byHash.get(hash);
    return id ? this.catalog.find(id) : undefined;
  }

  async body(id: string): Promise<string> {
    const r = this.get(id);
    try {
      return await this.blobs.readText(r.bodyRef);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new DossierError('CORRUPT', `the text of report ${id} is missing (${r.bodyRef}); run \`dossier check --repair\``);
      }
      throw err;
    }
  }

  newId(): string {
    return newId('r', (id) => this.catalog.has(id));
  }

  /** Adds a report record in memory; persisted by `save()`. */
  add(report: Report): void {
    this.requireWritable();
    this.version++;
    this.hashes?.set(report.contentHash, report.id);
    this.catalog.put(report);
    this.emit({ type: 'upsert', report });
  }

  /** Replaces a report record in memory (a re-imported item whose source was edited); persisted by `save()`. */
  replace(report: Report): void {
    this.requireWritable();
    const previous = this.get(report.id);
    if (this.hashes?.get(previous.contentHash) === report.id) this.hashes.delete(previous.contentHash);
    this.version++;
    this.hashes?.set(report.contentHash, report.id);
    this.catalog.put(report);
    this.emit({ type: 'upsert', report, previous });
  }

  async update(id: string, patch: ReportPatch): Promise<Report> {
    this.requireWritable();
    const current = this.get(id);
    const next: Report = { ...current, updatedAt: new Date().toISOString() };
    if (patch.title !== undefined) next.title = cleanTitle(patch.title);
    if (patch.source !== undefined) next.source = cleanField(patch.source, 'a source', 2000);
    if (patch.author !== undefined) next.author = cleanField(patch.author, 'an author', 500);
    if (patch.url !== undefined) next.url = cleanUrl(patch.url);
    if (patch.publishedAt !== undefined) next.publishedAt = cleanPublished(patch.publishedAt);
    if (patch.tags !== undefined) next.tags = addTags([], patch.tags);
    this.version++;
    this.catalog.put(next);
    try {
      await this.save();
    } catch (err) {
      // The change is not on disk: keep memory as the disk has it, so a later save cannot persist it.
      if (this.catalog.find(id) === next) {
        this.version++;
        this.catalog.put(current);
      }
      throw err;
    }
    this.emit({ type: 'upsert', report: next, previous: current });
    return next;
  }

  async tag(id: string, tags: string[]): Promise<Report> {
    return this.update(id, { tags: addTags(this.get(id).tags, tags) });
  }

  async untag(id: string, tags: string[]): Promise<Report> {
    return this.update(id, { tags: removeTags(this.get(id).tags, tags) });
  }

  /**
   * Removes a report from the catalog. `keepFiles` keeps its body and original on disk (a report
   * moved to the trash); otherwise they are removed unless another report or the trash uses them.
   */
  async delete(id: string, opts: { keepFiles?: boolean } = {}): Promise<Report> {
    this.requireWritable();
    const r = this.get(id);
    this.version++;
    this.hashes?.delete(r.contentHash);
    this.catalog.remove(id);
    try {
      await this.save();
    } catch (err) {
      this.version++;
      this.hashes?.set(r.contentHash, id);
      this.catalog.put(r);
      throw err;
    }
    if (!opts.keepFiles) await this.removeFiles(r);
    this.emit({ type: 'delete', report: r });
    return r;
  }

  /** Removes a report's body and original unless a live report or the trash still uses them. */
  async removeFiles(r: Pick<Report, 'bodyRef' | 'originalRef'>): Promise<void> {
    const stillUsed = (ref: string): boolean => this.all().some((o) => o.bodyRef === ref || o.originalRef === ref) || this.blobHeldElsewhere(ref);
    if (!stillUsed(r.bodyRef)) await this.blobs.remove(r.bodyRef);
    if (r.originalRef !== r.bodyRef && !stillUsed(r.originalRef)) await this.blobs.remove(r.originalRef);
  }

  /** Puts a report back (from the trash) with its id, and saves. */
  async reinstate(report: Report): Promise<Report> {
    this.requireWritable();
    if (this.catalog.has(report.id)) throw new DossierError('INVALID_INPUT', `report ${report.id} is not deleted`);
    const same = this.byContentHash(report.contentHash);
    if (same) throw new DossierError('INVALID_INPUT', `the same text was imported again as ${same.id} (${same.title}); delete that one first`);
    this.version++;
    this.hashes?.set(report.contentHash, report.id);
    this.catalog.put(report);
    try {
      await this.save();
    } catch (err) {
      this.version++;
      this.hashes?.delete(report.contentHash);
      this.catalog.remove(report.id);
      throw err;
    }
    this.emit({ type: 'upsert', report });
    return report;
  }

  /** Persists the changed catalog parts durably (after the texts they name are durable). */
  async save(): Promise<void> {
    this.requireWritable();
    await this.blobs.sync();
    await this.catalog.save();
  }

  /** Changes whenever any report changes (for the search cache). */
  fingerprint(): string {
    return this.catalog.fingerprint();
  }
}
