/**
 * Entity scan: finds mentions of every entity's name and aliases across all reports, as whole
 * words, case-, diacritic- and transliteration-insensitively (each word compared by its variant
 * key, so "Zhuravlyov" finds "Zhuravlev"), multi-word names as consecutive words. Each report's
 * text is tokenized once and every word is looked up in a map of name keys, so the cost is one pass
 * over the text whatever the number of entities. The longest name wins where names overlap.
 *
 * A scan replaces the earlier `scan` mentions of the scanned entities and keeps manual and accepted
 * ones. Text matching a name or alias shared by several entities records no mention; it is counted
 * under `ambiguous`.
 */
import type { ScanResult } from '../../api/types';
import type { Stores } from '../stores';
import type { Entity, Mention } from '../schema/v1-notes';
import { fold, tokenize, variantKey } from '../text/fold';

/** The stores this module works on. */
export type ScanStores = Pick<Stores, 'entities' | 'reports'>;

interface Pattern {
  keys: string[];
  entityIds: Set<string>;
}

/** Per first-word key, the names starting with it, longest first. */
type PatternMap = Map<string, Pattern[]>;

const keyCache = new Map<string, string>();
function keyOf(term: string): string {
  let k = keyCache.get(term);
  if (k === undefined) {
    k = variantKey(term);
    if (keyCache.size > 500_000) keyCache.clear();
    keyCache.set(term, k);
  }
  return k;
}

/**
 * Word groups as the search tokenizer sees them (letters/digits joined by inner apostrophes or
 * hyphens). Each distinct group is tokenized once and cached with its keys, so a 10k-report scan
 * costs one regex pass and a map lookup per word.
 */
const GROUP_RE = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`ʻ‘\-‐‑][\p{L}\p{N}\p{M}]+)*/gu;
interface GroupParts {
  keys: string[];
  starts: number[];
  ends: number[];
}
const groupCache = new Map<string, GroupParts>();

function groupParts(group: string): GroupParts {
  let g = groupCache.get(group);
  if (g === undefined) {
    const toks = tokenize(group);
    g = { keys: toks.map((t) => keyOf(t.term)), starts: toks.map((t) => t.start), ends: toks.map((t) => t.end) };
    if (groupCache.size > 1_000_000) groupCache.clear();
    groupCache.set(group, g);
  }
  return g;
}

interface KeyedText {
  keys: string[];
  starts: number[];
  ends: number[];
}

function keyText(text: string): KeyedText {
  const out: KeyedText = { keys: [], starts: [], ends: [] };
  GROUP_RE.lastIndex = 0;
  for (let m = GROUP_RE.exec(text); m !== null; m = GROUP_RE.exec(text)) {
    const g = groupParts(m[0]);
    for (let i = 0; i < g.keys.length; i++) {
      out.keys.push(g.keys[i] as string);
      out.starts.push(m.index + (g.starts[i] as number));
      out.ends.push(m.index + (g.ends[i] as number));
    }
  }
  return out;
}

export function buildPatterns(entities: Entity[]): PatternMap {
  const byKeys = new Map<string, Pattern>();
  for (const e of entities) {
    for (const name of [e.name, ...e.aliases]) {
      const keys = tokenize(name).map((t) => keyOf(t.term));
      // A one-letter name would match almost everywhere; skip it.
      if (keys.length === 0 || keys.join('').length < 2) continue;
      const id = keys.join(' ');
      const p = byKeys.get(id) ?? { keys, entityIds: new Set<string>() };
      p.entityIds.add(e.id);
      byKeys.set(id, p);
    }
  }
  const map: PatternMap = new Map();
  for (const p of byKeys.values()) {
    const first = p.keys[0] as string;
    const list = map.get(first) ?? [];
    list.push(p);
    map.set(first, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return map;
}

export interface TextMatch {
  entityIds: Set<string>;
  start: number;
  end: number;
}

/** Non-overlapping matches of the patterns in one text. */
export function matchText(text: string, patterns: PatternMap): TextMatch[] {
  const { keys, starts, ends } = keyText(text);
  const out: TextMatch[] = [];
  for (let i = 0; i < keys.length; i++) {
    const list = patterns.get(keys[i] as string);
    if (!list) continue;
    for (const p of list) {
      let ok = i + p.keys.length <= keys.length;
      for (let j = 1; ok && j < p.keys.length; j++) ok = keys[i + j] === p.keys[j];
      if (!ok) continue;
      out.push({ entityIds: p.entityIds, start: starts[i] as number, end: ends[i + p.keys.length - 1] as number });
      i += p.keys.length - 1;
      break;
    }
  }
  return out;
}

/**
 * Scans every report (or only `reportIds`, so a caller can scan in steps and show progress) for
 * the entity `entityId` (or all entities). Spellings an entity's user rejected are skipped.
 */
export async function scanEntities(nb: ScanStores, entityId?: string, reportIds?: readonly string[]): Promise<ScanResult> {
  const t0 = performance.now();
  const all = nb.entities.all();
  const targets = entityId ? [nb.entities.get(entityId)] : all;
  const targetIds = new Set(targets.map((e) => e.id));
  const rejected = new Map(all.filter((e) => e.rejected?.length).map((e) => [e.id, new Set((e.rejected ?? []).map(fold))]));
  const only = reportIds ? new Set(reportIds) : null;
  // Patterns from every entity, so that a name shared with an entity outside the scan is still ambiguous.
  const patterns = buildPatterns(all);
  const found: Mention[] = [];
  const ambiguous = new Map<string, { text: string; entityIds: string[]; count: number }>();
  const reports = only ? nb.reports.all().filter((r) => only.has(r.id)) : nb.reports.all();
  const BATCH = 16;
  for (let b = 0; b < reports.length; b += BATCH) {
    const slice = reports.slice(b, b + BATCH);
    const bodies = await Promise.all(slice.map((r) => nb.reports.body(r.id).catch(() => null)));
    slice.forEach((r, i) => {
      const body = bodies[i];
      if (!body) return;
      for (const m of matchText(body, patterns)) {
        const text = body.slice(m.start, m.end);
        if (m.entityIds.size > 1) {
          if (![...m.entityIds].some((id) => targetIds.has(id))) continue;
          const ids = [...m.entityIds].sort();
          const k = `${ids.join(',')}|${text.toLowerCase()}`;
          const a = ambiguous.get(k) ?? { text, entityIds: ids, count: 0 };
          a.count++;
          ambiguous.set(k, a);
          continue;
        }
        const [id] = m.entityIds;
        if (id && rejected.get(id)?.has(fold(text))) continue;
        if (id && targetIds.has(id)) found.push({ entityId: id, reportId: r.id, start: m.start, end: m.end, text, origin: 'scan' });
      }
    });
  }
  const kept = nb.entities.allMentions().filter((m) => !(m.origin === 'scan' && targetIds.has(m.entityId) && (!only || only.has(m.reportId))));
  const taken = new Set(kept.map((m) => `${m.entityId}:${m.reportId}:${m.start}:${m.end}`));
  nb.entities.setMentions([...kept, ...found.filter((m) => !taken.has(`${m.entityId}:${m.reportId}:${m.start}:${m.end}`))]);
  await nb.entities.saveMentions();
  const perEntity = new Map<string, { mentions: number; reports: Set<string> }>();
  for (const m of found) {
    const c = perEntity.get(m.entityId) ?? { mentions: 0, reports: new Set<string>() };
    c.mentions++;
    c.reports.add(m.reportId);
    perEntity.set(m.entityId, c);
  }
  const warnings = [...ambiguous.values()].map(
    (a) => `"${a.text}" matches ${a.entityIds.map((id) => nb.entities.find(id)?.name ?? id).join(' and ')}; ${a.count} ${a.count === 1 ? 'occurrence' : 'occurrences'} left untagged`,
  );
  return {
    reports: reports.length,
    entities: targets.map((e) => ({ id: e.id, name: e.name, mentions: perEntity.get(e.id)?.mentions ?? 0, reports: perEntity.get(e.id)?.reports.size ?? 0 })),
    ambiguous: [...ambiguous.values()].sort((a, b) => b.count - a.count),
    warnings,
    ms: Math.round(performance.now() - t0),
  };
}
