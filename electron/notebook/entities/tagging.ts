/**
 * Tagging help for the reader: which existing entities a selected text may be (by name, alias,
 * spelling variant through the search engine's transliteration key, or a close quick-switcher
 * match), which type the suggester guesses for it, and the spellings a scan found for an entity
 * (each to accept as an alias or reject, so later scans skip it).
 */
import type { EntityType } from '../schema/v1-notes';
import { DossierError } from '../errors';
import type { NotebookSearch } from '../searcher';
import type { Stores } from '../stores';
import { fold, tokenize, variantKey } from '../text/fold';
import { entityRecord } from './ops';
import type { EntityRecord } from '../../api/types';

/** The stores this module works on, and the search index's quick switcher for close spellings. */
export type TaggingStores = Pick<Stores, 'entities' | 'reports'> & { readonly search: Pick<NotebookSearch, 'quick'> };

export type CandidateReason = 'name' | 'alias' | 'variant' | 'similar';

export interface TagCandidates {
  text: string;
  /** The suggester's guess for the selection, or the type of the best existing match. */
  type: EntityType;
  typeFrom: 'existing' | 'suggester' | 'default';
  entities: Array<{ entity: EntityRecord; reason: CandidateReason; matched: string }>;
}

/** The words of a name as variant keys, joined: "Khama" and "Hama" give the same key. */
function nameKey(text: string): string {
  return tokenize(text)
    .map((t) => variantKey(t.term))
    .join(' ');
}

const CONTEXT = 300;

/** The suggester's type for the span [start, end) of a report, reading only the text around it. */
async function guessType(nb: TaggingStores, reportId: string, start: number, end: number): Promise<EntityType | null> {
  const body = await nb.reports.body(reportId);
  const from = Math.max(0, start - CONTEXT);
  const window = body.slice(from, Math.min(body.length, end + CONTEXT));
  const s = start - from;
  const e = end - from;
  let best: { type: EntityType; overlap: number } | null = null;
  // compromise is large: loaded only when a type is to be guessed (as for suggestions).
  const { suggestFromText } = await import('./suggest');
  for (const c of suggestFromText(window)) {
    const overlap = Math.min(e, c.end) - Math.max(s, c.start);
    if (overlap <= 0) continue;
    if (!best || overlap > best.overlap) best = { type: c.type, overlap };
  }
  return best?.type ?? null;
}

export async function tagCandidates(nb: TaggingStores, input: { reportId: string; start: number; end: number }): Promise<TagCandidates> {
  const body = await nb.reports.body(input.reportId);
  if (!(input.start < input.end) || input.end > body.length) {
    throw new DossierError('INVALID_INPUT', `the selection ${input.start}-${input.end} is outside the report's text (${body.length} characters)`);
  }
  const text = body.slice(input.start, input.end).trim();
  const folded = fold(text);
  const key = nameKey(text);
  const out: TagCandidates['entities'] = [];
  const seen = new Set<string>();
  const add = (id: string, reason: CandidateReason, matched: string): void => {
    const e = nb.entities.find(id);
    if (!e || seen.has(id)) return;
    seen.add(id);
    out.push({ entity: entityRecord(nb, e), reason, matched });
  };
  for (const e of nb.entities.all()) {
    if (fold(e.name) === folded) add(e.id, 'name', e.name);
  }
  for (const e of nb.entities.all()) {
    const alias = e.aliases.find((a) => fold(a) === folded);
    if (alias) add(e.id, 'alias', alias);
  }
  if (key !== '') {
    for (const e of nb.entities.all()) {
      const v = [e.name, ...e.aliases].find((n) => nameKey(n) === key);
      if (v) add(e.id, 'variant', v);
    }
  }
  // Close spellings the variant key does not join (a typo, a missing word): the quick switcher.
  if (text.length >= 3) {
    for (const hit of await nb.search.quick(text, 8)) {
      if (hit.kind === 'entity') add(hit.id, 'similar', hit.title);
    }
  }
  const first = out[0];
  if (first && first.reason !== 'similar') return { text, type: first.entity.type, typeFrom: 'existing', entities: out };
  const guessed = await guessType(nb, input.reportId, input.start, input.end);
  return { text, type: guessed ?? first?.entity.type ?? 'person', typeFrom: guessed ? 'suggester' : first ? 'existing' : 'default', entities: out };
}

export interface Spelling {
  text: string;
  mentions: number;
  reports: number;
}

/** Spellings of an entity's mentions that are neither its name nor an alias (nor rejected). */
export function spellingsOf(nb: TaggingStores, entityId: string): Spelling[] {
  const e = nb.entities.get(entityId);
  const known = new Set([e.name, ...e.aliases, ...(e.rejected ?? [])].map(fold));
  const by = new Map<string, { text: string; mentions: number; reports: Set<string> }>();
  for (const m of nb.entities.mentionsOf(entityId)) {
    const k = fold(m.text);
    if (known.has(k)) continue;
    const s = by.get(k) ?? { text: m.text, mentions: 0, reports: new Set<string>() };
    s.mentions++;
    s.reports.add(m.reportId);
    by.set(k, s);
  }
  return [...by.values()].map((s) => ({ text: s.text, mentions: s.mentions, reports: s.reports.size })).sort((a, b) => b.mentions - a.mentions || a.text.localeCompare(b.text));
}

/** Says a spelling is not this entity: its mentions are removed and later scans skip it. */
export async function rejectSpelling(nb: TaggingStores, entityId: string, text: string): Promise<{ entity: EntityRecord; removedMentions: number }> {
  const e = nb.entities.get(entityId);
  const k = fold(text);
  if (k === '') throw new DossierError('INVALID_INPUT', 'give the spelling to reject');
  if ([e.name, ...e.aliases].some((n) => fold(n) === k)) {
    throw new DossierError('INVALID_INPUT', `"${text}" is a name or alias of ${e.name}; remove the alias instead`);
  }
  const drop = nb.entities.mentionsOf(entityId).filter((m) => fold(m.text) === k);
  const dropSet = new Set(drop);
  nb.entities.setMentions(nb.entities.allMentions().filter((m) => !dropSet.has(m)));
  await nb.entities.saveMentions();
  const rejected = [...(e.rejected ?? []).filter((r) => fold(r) !== k), text.trim()];
  nb.entities.applyPatch(entityId, { rejected });
  await nb.entities.saveEntities();
  return { entity: entityRecord(nb, nb.entities.get(entityId)), removedMentions: drop.length };
}
