/**
 * Entities (`entities.json`) and their mentions in reports (`mentions.json`), in memory with
 * lookups by id, by folded name/alias, by entity and by report. Each file is written on its own:
 * renaming an entity never rewrites the mentions, and a scan never rewrites entities.
 */
import type { Low } from 'lowdb';
import { DossierError } from '../errors';
import { newId } from '../ids';
import type { EntitiesFile, Entity, EntityType, Mention, MentionsFile } from '../schema/v1-notes';
import { addTags } from '../tags';
import { fold } from '../text/fold';
import { singleLine } from '../text/line';

export type EntityChange = { type: 'upsert'; entity: Entity; previous: Entity | null } | { type: 'delete'; entity: Entity };

export interface EntityPatch {
  name?: string;
  type?: EntityType;
  aliases?: string[];
  notes?: string;
  tags?: string[];
  /** Spellings that are not this entity (scans skip them). */
  rejected?: string[];
}

export function cleanName(raw: string, what = 'a name'): string {
  // Brackets and pipes would break [[links]] to the entity.
  const s = singleLine(raw.replace(/[[\]|]/g, ' '));
  if (!s) throw new DossierError('INVALID_INPUT', `${what} cannot be empty`);
  if (s.length > 300) throw new DossierError('INVALID_INPUT', `${what} can be at most 300 characters`);
  return s;
}

/** Aliases cleaned, without duplicates of each other or of the name (compared folded). */
export function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([fold(name)]);
  const out: string[] = [];
  for (const a of aliases) {
    const c = cleanName(a, 'an alias');
    const k = fold(c);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}

function mentionKey(m: Pick<Mention, 'entityId' | 'reportId' | 'start' | 'end'>): string {
  return `${m.entityId}:${m.reportId}:${m.start}:${m.end}`;
}

export class Entities {
  private readonly byId = new Map<string, Entity>();
  private mentionList: Mention[] = [];
  private byEntity = new Map<string, Mention[]>();
  private byReport = new Map<string, Mention[]>();
  private readonly listeners: Array<(c: EntityChange) => void> = [];
  private readonly mentionListeners: Array<(reportIds: string[]) => void> = [];

  constructor(
    private readonly db: Low<EntitiesFile>,
    private readonly mdb: Low<MentionsFile>,
    private readonly requireWritable: () => void,
  ) {
    for (const e of db.data.entities) this.byId.set(e.id, e);
    this.replaceMentions(mdb.data.mentions);
  }

  onChange(fn: (c: EntityChange) => void): void {
    this.listeners.push(fn);
  }

  private emit(c: EntityChange): void {
    for (const fn of this.listeners) fn(c);
  }

  get count(): number {
    return this.byId.size;
  }

  all(): Entity[] {
    return [...this.byId.values()];
  }

  list(): Entity[] {
    return this.all().sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
  }

  find(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  get(id: string): Entity {
    const e = this.byId.get(id);
    if (!e) throw new DossierError('NOT_FOUND', `no entity with id ${id}`);
    return e;
  }

  /** Other entities whose name or an alias folds to the same text as `name`. */
  othersNamed(name: string, exceptId?: string): Entity[] {
    const k = fold(name);
    return this.all().filter((e) => e.id !== exceptId && (fold(e.name) === k || e.aliases.some((a) => fold(a) === k)));
  }

  async create(input: { name: string; type: EntityType; aliases?: string[]; notes?: string; tags?: string[] }): Promise<Entity> {
    this.requireWritable();
    const now = new Date().toISOString();
    const name = cleanName(input.name);
    const entity: Entity = {
      id: newId('e', (id) => this.byId.has(id)),
      name,
      type: input.type,
      aliases: cleanAliases(name, input.aliases ?? []),
      notes: (input.notes ?? '').replace(/\r\n?/g, '\n'),
      tags: addTags([], input.tags ?? []),
      createdAt: now,
      updatedAt: now,
    };
    this.byId.set(entity.id, entity);
    try {
      await this.saveEntities();
    } catch (err) {
      this.byId.delete(entity.id);
      throw err;
    }
    this.emit({ type: 'upsert', entity, previous: null });
    return entity;
  }

  /** Applies a patch in memory and emits the change; the caller saves. */
  applyPatch(id: string, patch: EntityPatch): { entity: Entity; previous: Entity } {
    this.requireWritable();
    const previous = this.get(id);
    const next: Entity = { ...previous, updatedAt: new Date().toISOString() };
    if (patch.name !== undefined) next.name = cleanName(patch.name);
    if (patch.type !== undefined) next.type = patch.type;
    if (patch.notes !== undefined) next.notes = patch.notes.replace(/\r\n?/g, '\n');
    if (patch.tags !== undefined) next.tags = addTags([], patch.tags);
    if (patch.rejected !== undefined) next.rejected = patch.rejected.map((r) => cleanName(r, 'a spelling'));
    next.aliases = cleanAliases(next.name, patch.aliases ?? previous.aliases);
    this.byId.set(id, next);
    this.emit({ type: 'upsert', entity: next, previous });
    return { entity: next, previous };
  }

  /** Removes an entity and its mentions. */
  async delete(id: string): Promise<Entity> {
    this.requireWritable();
    const entity = this.get(id);
    this.byId.delete(id);
    const had = this.byEntity.has(id);
    await this.saveEntities();
    if (had) {
      this.setMentions(this.mentionList.filter((m) => m.entityId !== id));
      await this.saveMentions();
    }
    this.emit({ type: 'delete', entity });
    return entity;
  }

  // ---- mentions ----

  mentionsOf(entityId: string): Mention[] {
    return this.byEntity.get(entityId) ?? [];
  }

  mentionsIn(reportId: string): Mention[] {
    return this.byReport.get(reportId) ?? [];
  }

  allMentions(): Mention[] {
    return this.mentionList;
  }

  /** Called with the reports whose set of mentioned entities changed. */
  onMentionsChange(fn: (reportIds: string[]) => void): void {
    this.mentionListeners.push(fn);
  }

  /** Ids of the entities mentioned in a report. */
  entityIdsIn(reportId: string): string[] {
    return [...new Set(this.mentionsIn(reportId).map((m) => m.entityId))].sort();
  }

  setMentions(list: Mention[]): void {
    const before = this.byReport;
    this.replaceMentions(list);
    if (this.mentionListeners.length === 0) return;
    const key = (ms: Mention[] | undefined): string => [...new Set((ms ?? []).map((m) => m.entityId))].sort().join(',');
    const changed = [...new Set([...before.keys(), ...this.byReport.keys()])].filter((r) => key(before.get(r)) !== key(this.byReport.get(r)));
    if (changed.length) for (const fn of this.mentionListeners) fn(changed);
  }

  private replaceMentions(list: Mention[]): void {
    const seen = new Set<string>();
    this.mentionList = [];
    this.byEntity = new Map();
    this.byReport = new Map();
    for (const m of list) {
      const k = mentionKey(m);
      if (seen.has(k)) continue;
      seen.add(k);
      this.mentionList.push(m);
      const a = this.byEntity.get(m.entityId);
      if (a) a.push(m);
      else this.byEntity.set(m.entityId, [m]);
      const b = this.byReport.get(m.reportId);
      if (b) b.push(m);
      else this.byReport.set(m.reportId, [m]);
    }
  }

  /** Adds one mention (a no-op when the same entity already has this exact span) and saves. */
  async addMention(m: Mention): Promise<Mention> {
    this.requireWritable();
    const existing = this.mentionsOf(m.entityId).find((o) => o.reportId === m.reportId && o.start === m.start && o.end === m.end);
    if (existing) {
      if (existing.origin === 'scan' && m.origin !== 'scan') {
        this.setMentions(this.mentionList.map((o) => (o === existing ? m : o)));
        await this.saveMentions();
        return m;
      }
      return existing;
    }
    this.setMentions([...this.mentionList, m]);
    await this.saveMentions();
    return m;
  }

  /** Drops the mentions in a deleted report. */
  async forgetReport(reportId: string): Promise<void> {
    if (!this.byReport.has(reportId)) return;
    this.setMentions(this.mentionList.filter((m) => m.reportId !== reportId));
    await this.saveMentions();
  }

  async saveEntities(): Promise<void> {
    this.requireWritable();
    this.db.data = { schemaVersion: 1, entities: [...this.byId.values()] };
    await this.db.write();
  }

  async saveMentions(): Promise<void> {
    this.requireWritable();
    this.mdb.data = { schemaVersion: 1, mentions: this.mentionList };
    await this.mdb.write();
  }
}
