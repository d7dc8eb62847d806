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
import { addTags, cleanTag, removeTags, sameTag } from './tags';
import { singleLine } from './text/line';

export type ReportChange = { type: 'upsert'; report: Report } | { type: 'delete'; report: Report };

export interface ReportFilter {
  tag?: string;
  ids?: ReadonlySet<string>;
}

export interface ReportPatch {
  title?: string;
  source?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  tags?: string[];
}

export function cleanTitle(raw: string): string {
  const title = singleLine(raw);
  if (!title) throw new DossierError('INVALID_INPUT', 'a title cannot be empty');
  if (title.length > 500) throw new DossierError('INVALID_INPUT', 'a title can be at most 500 characters');
  return title;
}

export class Reports {
  private readonly byId = new Map<string, Report>();
  private readonly byHash = new Map<string, string>();
  private readonly listeners: Array<(c: ReportChange) => void> = [];

  constructor(
    private readonly catalog: Catalog,
    private readonly blobs: Blobs,
    private readonly requireWritable: () => void,
  ) {
    for (const r of catalog.all()) {
      this.byId.set(r.id, r);
      this.byHash.set(r.contentHash, r.id);
    }
  }

  onChange(fn: (c: ReportChange) => void): void {
    this.listeners.push(fn);
  }

  private emit(c: ReportChange): void {
    for (const fn of this.listeners) fn(c);
  }

  get count(): number {
    return this.byId.size;
  }

  all(): Report[] {
    return [...this.byId.values()];
  }

  list(filter: ReportFilter = {}): Report[] {
    const tag = filter.tag ? cleanTag(filter.tag) : null;
    return this.all()
      .filter((r) => (!tag || r.tags.some((t) => sameTag(t, tag))) && (!filter.ids || filter.ids.has(r.id)))
      .sort((a, b) => b.importedAt.localeCompare(a.importedAt) || a.title.localeCompare(b.title));
  }

  /**
   * One page of `list(filter)`: the order is the same, but only the page's records are sorted out
   * of the rest (a partial selection), so the first page of 250,000 reports costs one pass.
   */
  page(filter: ReportFilter, offset: number, limit: number): { total: number; offset: number; items: Report[] } {
    const tag = filter.tag ? cleanTag(filter.tag) : null;
    const matching = this.all().filter((r) => (!tag || r.tags.some((t) => sameTag(t, tag))) && (!filter.ids || filter.ids.has(r.id)));
    const order = (a: Report, b: Report): number => b.importedAt.localeCompare(a.importedAt) || a.title.localeCompare(b.title);
    const want = offset + limit;
    let items: Report[];
    if (want >= matching.length / 4) items = matching.sort(order).slice(offset, want);
    else {
      // Keep the best `want` in a sorted window while passing over the rest once.
      const top: Report[] = [];
      for (const r of matching) {
        if (top.length === want && order(r, top[want - 1] as Report) >= 0) continue;
        let lo = 0;
        let hi = top.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (order(top[mid] as Report, r) <= 0) lo = mid + 1;
          else hi = mid;
        }
        top.splice(lo, 0, r);
        if (top.length > want) top.pop();
      }
      items = top.slice(offset, want);
    }
    return { total: matching.length, offset, items };
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  find(id: string): Report | undefined {
    return this.byId.get(id);
  }

  get(id: string): Report {
    const r = this.byId.get(id);
    if (!r) throw new DossierError('NOT_FOUND', `no report with id ${id}`);
    return r;
  }

  byContentHash(hash: string): Report | undefined {
    const id = this.byHash.get(hash);
    return id ? this.byId.get(id) : undefined;
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
    return newId('r', (id) => this.byId.has(id));
  }

  /** Adds a report record in memory; persisted by `save()`. */
  add(report: Report): void {
    this.requireWritable();
    this.byId.set(report.id, report);
    this.byHash.set(report.contentHash, report.id);
    this.catalog.put(report);
    this.emit({ type: 'upsert', report });
  }

  /** Replaces a report record in memory (a re-imported item whose source was edited); persisted by `save()`. */
  replace(report: Report): void {
    this.requireWritable();
    const previous = this.get(report.id);
    if (this.byHash.get(previous.contentHash) === report.id) this.byHash.delete(previous.contentHash);
    this.byId.set(report.id, report);
    this.byHash.set(report.contentHash, report.id);
    this.emit({ type: 'upsert', report });
  }

  async update(id: string, patch: ReportPatch): Promise<Report> {
    this.requireWritable();
    const current = this.get(id);
    const next: Report = { ...current, updatedAt: new Date().toISOString() };
    if (patch.title !== undefined) next.title = cleanTitle(patch.title);
    if (patch.source !== undefined) next.source = patch.source;
    if (patch.author !== undefined) next.author = patch.author;
    if (patch.publishedAt !== undefined) next.publishedAt = patch.publishedAt;
    if (patch.tags !== undefined) next.tags = addTags([], patch.tags);
    this.byId.set(id, next);
    this.catalog.put(next);
    try {
      await this.save();
    } catch (err) {
      // The change is not on disk: keep memory as the disk has it, so a later save cannot persist it.
      if (this.byId.get(id) === next) {
        this.byId.set(id, current);
        this.catalog.put(current);
      }
      throw err;
    }
    this.emit({ type: 'upsert', report: next });
    return next;
  }

  async tag(id: string, tags: string[]): Promise<Report> {
    return this.update(id, { tags: addTags(this.get(id).tags, tags) });
  }

  async untag(id: string, tags: string[]): Promise<Report> {
    return this.update(id, { tags: removeTags(this.get(id).tags, tags) });
  }

  async delete(id: string): Promise<Report> {
    this.requireWritable();
    const r = this.get(id);
    this.byId.delete(id);
    this.byHash.delete(r.contentHash);
    this.catalog.remove(id);
    await this.save();
    const stillUsed = (ref: string): boolean => this.all().some((o) => o.bodyRef === ref || o.originalRef === ref);
    if (!stillUsed(r.bodyRef)) await this.blobs.remove(r.bodyRef);
    if (!stillUsed(r.originalRef)) await this.blobs.remove(r.originalRef);
    this.emit({ type: 'delete', report: r });
    return r;
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
