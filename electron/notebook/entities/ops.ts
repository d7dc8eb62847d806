/**
 * Entity operations as the contract exposes them: create/update/delete, aliases, manual mentions
 * from a selection, mentions with context, co-occurrence, merge, and accepting a suggestion.
 *
 * An alias (or name) that two entities share is allowed; it is reported as a warning when added,
 * links `[[Alias]]` resolve to the older entity and are listed as ambiguous, and `scan` records no
 * mention for text matching it (it lists it as ambiguous instead) because it cannot tell which
 * entity is meant.
 */
import type { CooccurrenceRow, EntityChangeResult, EntityDetail, EntityRecord, MentionRecord, MergeResult } from '../../api/types';
import { nameAndAliasChanges, tagChanges, withChanged } from '../changed';
import { DossierError } from '../errors';
import type { Stores } from '../stores';
import { rewriteLinks } from '../notes/markup';
import type { Entity, EntityType, Mention, MentionOrigin } from '../schema/v1-notes';
import { addTags } from '../tags';
import { fold } from '../text/fold';
import { cleanName, type EntityPatch } from './entities';

/** The stores this module works on. */
export type EntityStores = Pick<Stores, 'entities' | 'reports' | 'notes' | 'links'>;
/** The stores that reading mentions needs. */
export type MentionStores = Pick<Stores, 'entities' | 'reports'>;

export const CONTEXT_CHARS = 60;

export function entityRecord(nb: MentionStores, e: Entity): EntityRecord {
  return { ...e, mentions: nb.entities.mentionsOf(e.id).length };
}

function sharedWarnings(nb: MentionStores, e: Entity, texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    const others = nb.entities.othersNamed(t, e.id);
    if (others.length > 0) {
      out.push(`"${t}" is also a name or alias of ${others.map((o) => `${o.name} (${o.id})`).join(', ')}; links to it are ambiguous and scans record no mention for it`);
    }
  }
  return out;
}

export async function createEntity(
  nb: EntityStores,
  input: { name: string; type: EntityType; aliases?: string[]; notes?: string; tags?: string[] },
): Promise<EntityChangeResult> {
  const e = await nb.entities.create(input);
  const changed = [...nameAndAliasChanges(input.name, e.name, input.aliases), ...tagChanges(input.tags)];
  return withChanged({ entity: entityRecord(nb, e), warnings: sharedWarnings(nb, e, [e.name, ...e.aliases]) }, changed);
}

export async function updateEntity(nb: EntityStores, id: string, patch: EntityPatch): Promise<EntityChangeResult> {
  const before = nb.entities.get(id);
  const { entity } = nb.entities.applyPatch(id, patch);
  if (await nb.links.applyPendingRewrites()) await nb.notes.save();
  await nb.entities.saveEntities();
  const beforeKeys = new Set([before.name, ...before.aliases].map(fold));
  const changed = [...nameAndAliasChanges(patch.name, entity.name, patch.aliases), ...tagChanges(patch.tags)];
  return withChanged({ entity: entityRecord(nb, entity), warnings: sharedWarnings(nb, entity, [entity.name, ...entity.aliases].filter((t) => !beforeKeys.has(fold(t)))) }, changed);
}

/** Renames an entity; `keepOldName` keeps the old name as an alias (so scans still find it). */
export async function renameEntity(nb: EntityStores, id: string, name: string, keepOldName: boolean): Promise<EntityChangeResult> {
  const e = nb.entities.get(id);
  const clean = cleanName(name);
  const aliases = keepOldName && fold(e.name) !== fold(clean) ? [...e.aliases, e.name] : e.aliases.filter((a) => fold(a) !== fold(clean));
  return updateEntity(nb, id, { name: clean, aliases });
}

export async function addAlias(nb: EntityStores, id: string, alias: string): Promise<EntityChangeResult> {
  const e = nb.entities.get(id);
  const clean = cleanName(alias, 'an alias');
  if (fold(clean) === fold(e.name) || e.aliases.some((a) => fold(a) === fold(clean))) {
    const same = fold(clean) === fold(e.name) ? "it is the entity's name" : 'it is already an alias';
    return withChanged({ entity: entityRecord(nb, e), warnings: [] }, [
      ...nameAndAliasChanges(undefined, e.name, [alias]).filter((c) => !c.includes('was dropped')),
      `alias ${JSON.stringify(clean)} was dropped: ${same}`,
    ]);
  }
  const r = await updateEntity(nb, id, { aliases: [...e.aliases, clean] });
  return withChanged({ entity: r.entity, warnings: r.warnings }, nameAndAliasChanges(undefined, e.name, [alias]));
}

export async function deleteEntity(nb: MentionStores, id: string): Promise<{ id: string; deleted: true; mentions: number }> {
  const mentions = nb.entities.mentionsOf(id).length;
  await nb.entities.delete(id);
  return { id, deleted: true, mentions };
}

async function addMentionFromBody(nb: MentionStores, entityId: string, reportId: string, start: number, end: number, origin: MentionOrigin): Promise<Mention> {
  nb.entities.get(entityId);
  const body = await nb.reports.body(reportId);
  if (!(start < end)) throw new DossierError('INVALID_INPUT', `a selection needs start < end (got ${start}-${end})`);
  if (end > body.length) throw new DossierError('INVALID_INPUT', `the selection ends at ${end} but the report's text has ${body.length} characters`);
  const text = body.slice(start, end);
  if (!text.trim()) throw new DossierError('INVALID_INPUT', 'the selected text is empty');
  return nb.entities.addMention({ entityId, reportId, start, end, text, origin });
}

export async function tagSelection(nb: MentionStores, input: { entityId: string; reportId: string; start: number; end: number }): Promise<MentionRecord> {
  const m = await addMentionFromBody(nb, input.entityId, input.reportId, input.start, input.end, 'manual');
  return (await withContext(nb, [m]))[0] as MentionRecord;
}

/** Mentions with up to 60 characters of context each side; each report's text is read once. */
export async function withContext(nb: MentionStores, mentions: Mention[]): Promise<MentionRecord[]> {
  const byReport = new Map<string, Mention[]>();
  for (const m of mentions) byReport.set(m.reportId, [...(byReport.get(m.reportId) ?? []), m]);
  const out: MentionRecord[] = [];
  for (const [reportId, list] of byReport) {
    const report = nb.reports.find(reportId);
    if (!report) continue;
    const body = await nb.reports.body(reportId).catch(() => '');
    for (const m of list.sort((a, b) => a.start - b.start)) {
      out.push({
        ...m,
        reportTitle: report.title,
        before: body.slice(Math.max(0, m.start - CONTEXT_CHARS), m.start).replace(/\s+/g, ' '),
        after: body.slice(m.end, m.end + CONTEXT_CHARS).replace(/\s+/g, ' '),
      });
    }
  }
  return out;
}

export async function mentionsOf(nb: MentionStores, entityId: string, limit = 1000): Promise<MentionRecord[]> {
  nb.entities.get(entityId);
  const list = [...nb.entities.mentionsOf(entityId)]
    .sort((a, b) => a.reportId.localeCompare(b.reportId) || a.start - b.start)
    .slice(0, limit);
  return withContext(nb, list);
}

/** Every entity mention in one report, in text order (what the reader highlights). */
export async function mentionsInReport(nb: MentionStores, reportId: string): Promise<MentionRecord[]> {
  nb.reports.get(reportId);
  const list = [...nb.entities.mentionsIn(reportId)].sort((a, b) => a.start - b.start || a.end - b.end);
  return withContext(nb, list);
}

export function cooccurrence(nb: MentionStores, entityId: string): CooccurrenceRow[] {
  nb.entities.get(entityId);
  const reports = new Set(nb.entities.mentionsOf(entityId).map((m) => m.reportId));
  const counts = new Map<string, number>();
  for (const r of reports) {
    const others = new Set(nb.entities.mentionsIn(r).map((m) => m.entityId));
    others.delete(entityId);
    for (const o of others) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const rows: CooccurrenceRow[] = [];
  for (const [id, n] of counts) {
    const e = nb.entities.find(id);
    if (e) rows.push({ id, name: e.name, type: e.type, reports: n });
  }
  return rows.sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
}

export function entityDetail(nb: EntityStores, id: string): EntityDetail {
  const e = nb.entities.get(id);
  const perReport = new Map<string, number>();
  for (const m of nb.entities.mentionsOf(id)) perReport.set(m.reportId, (perReport.get(m.reportId) ?? 0) + 1);
  const reports = [...perReport]
    .map(([rid, n]) => ({ id: rid, title: nb.reports.find(rid)?.title ?? rid, mentions: n }))
    .sort((a, b) => b.mentions - a.mentions || a.title.localeCompare(b.title));
  return { ...entityRecord(nb, e), reports, linkedFrom: nb.links.backlinks(id), cooccurring: cooccurrence(nb, id) };
}

/**
 * Merges `dropId` into `keepId`: drop's name and aliases become aliases of keep (so `[[Drop name]]`
 * still resolves), its tags and notes are added, its mentions move over, `[[e_drop]]` links are
 * rewritten to `[[e_keep]]`, and drop is deleted.
 */
export async function mergeEntities(nb: EntityStores, keepId: string, dropId: string): Promise<MergeResult> {
  if (keepId === dropId) throw new DossierError('INVALID_INPUT', 'cannot merge an entity into itself');
  const keep = nb.entities.get(keepId);
  const drop = nb.entities.get(dropId);
  const moved = nb.entities.mentionsOf(dropId).length;
  // Rewrite id links first, while drop still exists.
  let rewrittenNotes = 0;
  for (const noteId of nb.links.linkersById(dropId)) {
    const note = nb.notes.find(noteId);
    if (!note) continue;
    const body = rewriteLinks(note.body, (l) => (l.target === dropId ? keepId : null));
    if (body !== note.body) {
      nb.notes.applyPatch(noteId, { body });
      rewrittenNotes++;
    }
  }
  nb.entities.setMentions(nb.entities.allMentions().map((m) => (m.entityId === dropId ? { ...m, entityId: keepId } : m)));
  await nb.entities.delete(dropId);
  nb.entities.applyPatch(keepId, {
    aliases: [...keep.aliases, drop.name, ...drop.aliases],
    tags: addTags(keep.tags, drop.tags),
    notes: drop.notes.trim() ? `${keep.notes}${keep.notes.trim() ? '\n\n' : ''}${drop.notes}` : keep.notes,
  });
  await nb.entities.saveEntities();
  await nb.entities.saveMentions();
  if (rewrittenNotes > 0) await nb.notes.save();
  return { entity: entityRecord(nb, nb.entities.get(keepId)), dropped: dropId, movedMentions: moved, rewrittenNotes };
}

export async function acceptSuggestion(
  nb: EntityStores,
  input: { reportId: string; start: number; end: number; type: EntityType; name?: string; entityId?: string },
): Promise<{ entity: EntityRecord; created: boolean; mention: Mention }> {
  const body = await nb.reports.body(input.reportId);
  if (!(input.start < input.end) || input.end > body.length) {
    throw new DossierError('INVALID_INPUT', `the suggestion's offsets ${input.start}-${input.end} are outside the report's text (${body.length} characters)`);
  }
  const text = body.slice(input.start, input.end);
  let entity: Entity | undefined = input.entityId ? nb.entities.get(input.entityId) : undefined;
  let created = false;
  if (!entity) {
    const name = input.name ?? text;
    const same = nb.entities.othersNamed(name);
    entity = same.length === 1 ? same[0] : undefined;
    if (!entity) {
      entity = await nb.entities.create({ name, type: input.type, aliases: fold(name) === fold(text) ? [] : [text] });
      created = true;
    }
  }
  if (!created && fold(entity.name) !== fold(text) && !entity.aliases.some((a) => fold(a) === fold(text))) {
    nb.entities.applyPatch(entity.id, { aliases: [...entity.aliases, cleanName(text, 'an alias')] });
    await nb.entities.saveEntities();
    entity = nb.entities.get(entity.id);
  }
  const mention = await addMentionFromBody(nb, entity.id, input.reportId, input.start, input.end, 'suggested-accepted');
  return { entity: entityRecord(nb, entity), created, mention };
}
