/**
 * The link index, derived from note bodies: for every note the links it makes (parsed once per
 * save), and for every link key (`id:<id>` or `t:<folded title>`) the notes that use it, so that
 * outgoing links and backlinks are lookups rather than scans. It is rebuilt on open (cheap: notes
 * only) and updated on every change of a note, entity or report.
 *
 * Resolution of a title target, case- and diacritic-insensitively: names and titles first (note
 * titles, entity names, report titles), then entity aliases; within a tier the oldest record wins,
 * so creating a record never steals a link that already resolved. When more than one record
 * matches the link is resolved to that oldest one and reported as ambiguous.
 *
 * Renames keep links working: when a note, entity or report that some note links to by title is
 * renamed, those `[[Old title]]` occurrences are rewritten to the new title (labels kept); see
 * `pendingRewrites`.
 *
 * Report titles come from the catalog once it is loaded (`attachReports`); until then from the
 * stored title index (storage/titles.ts), so saving a note never loads the report catalog. The
 * catalog's titles are folded into the index on the first lookup by title or of a report's key,
 * not when the catalog attaches: at 250,000 reports that is about a second, which opening and a
 * first search need not wait for.
 */
import type { RecordKind } from '../ids';
import { kindOfId } from '../ids';
import type { Reports } from '../reports';
import type { ReportTitle, ReportTitles } from '../storage/titles';
import type { Entities } from '../entities/entities';
import type { Entity } from '../schema/v1-notes';
import { fold } from '../text/fold';
import { parseLinks, rewriteLinks, type ParsedLink } from './markup';
import type { Notes } from './notes';

export interface LinkRef {
  kind: RecordKind;
  id: string;
  title: string;
}

export interface Resolution {
  ref: LinkRef | null;
  candidates: LinkRef[];
}

export interface UnresolvedLink {
  text: string;
  label: string | null;
}

export interface AmbiguousLink {
  text: string;
  resolvedTo: LinkRef;
  candidates: LinkRef[];
}

export interface LinksView {
  outgoing: LinkRef[];
  backlinks: LinkRef[];
  unresolved: UnresolvedLink[];
  ambiguous: AmbiguousLink[];
}

interface KeyedLink extends ParsedLink {
  key: string;
}

function linkKey(target: string): string {
  return kindOfId(target) ? `id:${target}` : `t:${fold(target)}`;
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const s = map.get(key);
  if (s) s.add(id);
  else map.set(key, new Set([id]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const s = map.get(key);
  if (!s) return;
  s.delete(id);
  if (s.size === 0) map.delete(key);
}

interface Rewrite {
  noteId: string;
  key: string;
  newTarget: string;
}

export class LinkIndex {
  private readonly outgoingOf = new Map<string, KeyedLink[]>();
  private readonly incoming = new Map<string, Set<string>>();
  private readonly titles = new Map<string, Set<string>>();
  private readonly aliases = new Map<string, Set<string>>();
  private readonly titleKeyOf = new Map<string, string>();
  private readonly aliasKeysOf = new Map<string, string[]>();
  private readonly pending: Rewrite[] = [];

  /** The loaded catalog, once attached; until then report titles come from the stored title index. */
  private reports: Reports | null = null;
  /** Report titles the stored index returned, so refOf and ordering need no lookup by id. */
  private readonly storedSeen = new Map<string, ReportTitle>();

  constructor(
    private readonly notes: Notes,
    private readonly entities: Entities,
    /** Report titles for a notebook whose catalog is not loaded (storage/titles.ts); null when it is. */
    private storedTitles: ReportTitles | null,
  ) {
    for (const n of notes.all()) {
      this.setTitle(n.id, n.title);
      this.setLinks(n.id, n.body);
    }
    for (const e of entities.all()) this.setEntity(e);
    notes.onChange((c) => {
      if (c.type === 'delete') {
        this.setTitle(c.note.id, null);
        this.setLinks(c.note.id, null);
        return;
      }
      if (c.previous) this.renamed(c.note.id, c.note.title);
      this.setTitle(c.note.id, c.note.title);
      if (!c.previous || c.previous.body !== c.note.body) this.setLinks(c.note.id, c.note.body);
    });
    entities.onChange((c) => {
      if (c.type === 'delete') {
        this.setTitle(c.entity.id, null);
        this.setAliases(c.entity.id, []);
        return;
      }
      if (c.previous) this.renamed(c.entity.id, c.entity.name);
      this.setEntity(c.entity);
    });
  }

  /** From now on report titles come from the loaded catalog, kept current by its change events. */
  attachReports(reports: Reports): void {
    if (this.reports) return;
    this.reports = reports;
    this.storedTitles = null;
    this.storedSeen.clear();
    this.reportTitlesFolded = false;
    reports.onChange((c) => {
      if (!this.reportTitlesFolded) {
        // Not folded yet: the catalog holds the change already, so only a rename linked by its old title needs the titles now.
        const previous = c.type === 'upsert' ? c.previous : undefined;
        const oldKey = previous ? fold(previous.title) : undefined;
        if (!previous || oldKey === fold(c.report.title) || !this.incoming.has(`t:${oldKey}`)) return;
        this.foldReportTitles();
        this.setTitle(c.report.id, previous.title);
      }
      if (c.type === 'delete') return this.setTitle(c.report.id, null);
      this.renamed(c.report.id, c.report.title);
      this.setTitle(c.report.id, c.report.title);
      if (this.pending.length > 0) void this.applyPendingRewrites().then((n) => (n > 0 ? this.notes.save() : undefined)).catch(() => undefined);
    });
  }

  /** Whether the attached catalog's report titles are in `titles` (see the file comment). */
  private reportTitlesFolded = true;

  private foldReportTitles(): void {
    if (this.reportTitlesFolded) return;
    this.reportTitlesFolded = true;
    for (const r of this.reports?.all() ?? []) this.setTitle(r.id, r.title);
  }

  /** A report's title from the stored index (catalog not loaded). */
  private storedReport(id: string): ReportTitle | undefined {
    const seen = this.storedSeen.get(id);
    if (seen) return seen;
    const t = this.storedTitles?.byId(id);
    if (t) this.storedSeen.set(id, t);
    return t;
  }

  /** Ids of records (of every kind) whose title or name folds to `key`. */
  private titled(key: string): Set<string> | undefined {
    this.foldReportTitles();
    const own = this.titles.get(key);
    if (!this.storedTitles) return own;
    const reports = this.storedTitles.withKey(key);
    if (reports.length === 0) return own;
    for (const t of reports) this.storedSeen.set(t.id, t);
    return new Set([...(own ?? []), ...reports.map((t) => t.id)]);
  }

  /** The folded title of a record. */
  private titleKey(id: string): string | undefined {
    if (kindOfId(id) === 'report') this.foldReportTitles();
    return this.titleKeyOf.get(id) ?? (!this.reports && kindOfId(id) === 'report' ? this.storedReport(id)?.key : undefined);
  }

  private setTitle(id: string, title: string | null): void {
    const old = this.titleKeyOf.get(id);
    if (old !== undefined) removeFrom(this.titles, old, id);
    if (title === null) {
      this.titleKeyOf.delete(id);
      return;
    }
    const k = fold(title);
    this.titleKeyOf.set(id, k);
    addTo(this.titles, k, id);
  }

  private setAliases(id: string, aliases: string[]): void {
    for (const k of this.aliasKeysOf.get(id) ?? []) removeFrom(this.aliases, k, id);
    const keys = aliases.map(fold);
    this.aliasKeysOf.set(id, keys);
    for (const k of keys) addTo(this.aliases, k, id);
  }

  private setEntity(e: Entity): void {
    this.setTitle(e.id, e.name);
    this.setAliases(e.id, e.aliases);
  }

  private setLinks(noteId: string, body: string | null): void {
    for (const l of this.outgoingOf.get(noteId) ?? []) removeFrom(this.incoming, l.key, noteId);
    if (body === null) {
      this.outgoingOf.delete(noteId);
      return;
    }
    const links = parseLinks(body).map((l) => ({ ...l, key: linkKey(l.target) }));
    this.outgoingOf.set(noteId, links);
    for (const l of links) addTo(this.incoming, l.key, noteId);
  }

  /** Called before a record's title changes: queues rewrites of `[[Old title]]` links that resolve to it. */
  private renamed(id: string, newTitle: string): void {
    const oldKey = this.titleKey(id);
    if (oldKey === undefined || oldKey === fold(newTitle)) return;
    const key = `t:${oldKey}`;
    for (const noteId of this.incoming.get(key) ?? []) {
      if (this.resolveKey(key, oldKey).ref?.id === id) this.pending.push({ noteId, key, newTarget: newTitle });
    }
  }

  /** Applies queued rename rewrites to note bodies in memory; returns how many notes changed (the caller saves). */
  async applyPendingRewrites(): Promise<number> {
    let changed = 0;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      const byNote = new Map<string, Rewrite[]>();
      for (const r of batch) byNote.set(r.noteId, [...(byNote.get(r.noteId) ?? []), r]);
      for (const [noteId, rewrites] of byNote) {
        const note = this.notes.find(noteId);
        if (!note) continue;
        const body = rewriteLinks(note.body, (l) => rewrites.find((r) => r.key === linkKey(l.target))?.newTarget ?? null);
        if (body !== note.body) {
          this.notes.applyPatch(noteId, { body });
          changed++;
        }
      }
    }
    return changed;
  }

  refOf(id: string): LinkRef | null {
    const kind = kindOfId(id);
    if (kind === 'report') {
      const r = this.reports ? this.reports.find(id) : this.storedReport(id);
      return r ? { kind, id, title: r.title } : null;
    }
    if (kind === 'note') {
      const n = this.notes.find(id);
      return n ? { kind, id, title: n.title } : null;
    }
    if (kind === 'entity') {
      const e = this.entities.find(id);
      return e ? { kind, id, title: e.name } : null;
    }
    return null;
  }

  private created(id: string): string {
    if (kindOfId(id) === 'report') return (this.reports ? this.reports.find(id) : this.storedReport(id))?.importedAt ?? '';
    return this.notes.find(id)?.createdAt ?? this.entities.find(id)?.createdAt ?? '';
  }

  private tier(ids: Set<string> | undefined): LinkRef[] {
    if (!ids) return [];
    return [...ids]
      .sort((a, b) => this.created(a).localeCompare(this.created(b)) || a.localeCompare(b))
      .map((id) => this.refOf(id))
      .filter((r): r is LinkRef => r !== null);
  }

  private resolveKey(key: string, folded: string): Resolution {
    if (key.startsWith('id:')) {
      const ref = this.refOf(key.slice(3));
      if (ref) return { ref, candidates: [ref] };
    }
    const seen = new Set<string>();
    const candidates = [...this.tier(this.titled(folded)), ...this.tier(this.aliases.get(folded))].filter((r) => !seen.has(r.id) && !!seen.add(r.id));
    return { ref: candidates[0] ?? null, candidates };
  }

  /** What `[[target]]` points to. */
  resolve(target: string): Resolution {
    return this.resolveKey(linkKey(target), fold(target));
  }

  /** Ids of records whose title/name or alias folds to `text`. */
  named(text: string): string[] {
    return this.resolveKey(`t:${fold(text)}`, fold(text)).candidates.map((c) => c.id);
  }

  parsedLinks(noteId: string): ParsedLink[] {
    return this.outgoingOf.get(noteId) ?? [];
  }

  outgoing(noteId: string): Omit<LinksView, 'backlinks'> {
    const outgoing: LinkRef[] = [];
    const unresolved: UnresolvedLink[] = [];
    const ambiguous: AmbiguousLink[] = [];
    const seen = new Set<string>();
    for (const l of this.outgoingOf.get(noteId) ?? []) {
      const r = this.resolve(l.target);
      if (!r.ref) {
        if (!unresolved.some((u) => u.text === l.target)) unresolved.push({ text: l.target, label: l.label });
        continue;
      }
      if (r.candidates.length > 1 && !ambiguous.some((a) => a.text === l.target)) ambiguous.push({ text: l.target, resolvedTo: r.ref, candidates: r.candidates });
      if (!seen.has(r.ref.id)) {
        seen.add(r.ref.id);
        outgoing.push(r.ref);
      }
    }
    return { outgoing, unresolved, ambiguous };
  }

  /** Notes that link to `id` (by id, title, name or alias), oldest first. */
  backlinks(id: string): LinkRef[] {
    const keys = [`id:${id}`];
    const t = this.titleKey(id);
    if (t !== undefined) keys.push(`t:${t}`);
    for (const a of this.aliasKeysOf.get(id) ?? []) keys.push(`t:${a}`);
    const found = new Set<string>();
    for (const key of keys) {
      const users = this.incoming.get(key);
      if (!users || users.size === 0) continue;
      if (this.resolveKey(key, key.slice(2)).ref?.id !== id) continue;
      for (const n of users) found.add(n);
    }
    return this.tier(found);
  }

  links(id: string): LinksView {
    const out = kindOfId(id) === 'note' ? this.outgoing(id) : { outgoing: [], unresolved: [], ambiguous: [] };
    return { ...out, backlinks: this.backlinks(id) };
  }

  /** Notes whose links use `id:<id>`, for rewrites on merge. */
  linkersById(id: string): string[] {
    return [...(this.incoming.get(`id:${id}`) ?? [])];
  }
}
