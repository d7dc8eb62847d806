/**
 * Offline entity suggestions for one report: people, places and organisations from `compromise`
 * (acronyms such as GUR are organisation candidates) and dates from `chrono-node`, each with its
 * offsets in the report's text and how often the same text occurs there.
 *
 * A candidate whose text is already the name or alias of an entity that has a mention in this
 * report is left out (it is already tagged). One that matches an entity not yet mentioned here is
 * kept with `existingEntityId`, so accepting it attaches the mention to that entity.
 */
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import type { SuggestionRecord } from '../../api/types';
import type { Stores } from '../stores';
import type { EntityType } from '../schema/v1-notes';
import { fold } from '../text/fold';

/** The stores this module works on. */
export type SuggestStores = Pick<Stores, 'entities' | 'reports' | 'links'>;

/** Only the start of very long reports is analysed (compromise is slow on megabytes). */
export const SUGGEST_MAX_CHARS = 300_000;

const HONORIFIC_RE =
  /^(?:(?:Lieutenant|Lt\.?|Major|Maj\.?|Brigadier|Colonel|Col\.?|Captain|Capt\.?|Sergeant|Sgt\.?|Admiral|Adm\.?|General|Gen\.?|President|Prime Minister|Minister|Commander|Defence Minister|Defense Minister|Foreign Minister|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|Lord|Sheikh|Emir|King|Queen|Prince)\s+)+/;

interface Candidate {
  text: string;
  type: EntityType;
  start: number;
  end: number;
}

interface CompromiseMatch {
  text: string;
  offset?: { start: number; length: number };
}

/** Where `text` really is near `approx`: compromise's offsets are checked against the body. */
function locate(body: string, text: string, approx: number): number {
  if (body.startsWith(text, approx)) return approx;
  const near = body.indexOf(text, Math.max(0, approx - 50));
  return near >= 0 ? near : body.indexOf(text);
}

function clean(c: Candidate): Candidate | null {
  let { text, start } = c;
  const lead = /^[\s"'“‘(«]+/.exec(text)?.[0].length ?? 0;
  text = text.slice(lead);
  start += lead;
  if (c.type === 'person') {
    const h = HONORIFIC_RE.exec(text)?.[0].length ?? 0;
    text = text.slice(h);
    start += h;
  }
  text = text.replace(/(?:['’]s)?[\s"'”’),.;:!?»]+$/u, '').replace(/['’]s$/, '');
  if (c.type === 'location') {
    const p = /^(?:the\s+)?(?:city|town|village|province|port|region|governorate)\s+of\s+/i.exec(text)?.[0].length ?? 0;
    text = text.slice(p);
    start += p;
  }
  if (text.length < 2 || !/\p{L}/u.test(text)) return null;
  return { ...c, text, start, end: start + text.length };
}

function fromCompromise(body: string, matches: CompromiseMatch[], type: EntityType, out: Candidate[]): void {
  for (const m of matches) {
    const raw = m.text.trim();
    if (!raw) continue;
    const at = locate(body, raw, m.offset?.start ?? 0);
    if (at < 0) continue;
    const c = clean({ text: raw, type, start: at, end: at + raw.length });
    if (c) out.push(c);
  }
}

export function suggestFromText(body: string): Candidate[] {
  const text = body.length > SUGGEST_MAX_CHARS ? body.slice(0, SUGGEST_MAX_CHARS) : body;
  const doc = nlp(text);
  const out: Candidate[] = [];
  const json = (v: { json: (o: object) => unknown }): CompromiseMatch[] => v.json({ offset: true }) as CompromiseMatch[];
  fromCompromise(text, json(doc.people()), 'person', out);
  fromCompromise(text, json(doc.places()), 'location', out);
  fromCompromise(text, json(doc.organizations()), 'organization', out);
  fromCompromise(
    text,
    json(doc.acronyms()).filter((m) => /^[A-Z]{2,6}$/.test(m.text.trim().replace(/[.,;:]$/, ''))),
    'organization',
    out,
  );
  for (const r of chrono.parse(text)) {
    if (!/\d/.test(r.text)) continue;
    out.push({ text: r.text, type: 'date', start: r.index, end: r.index + r.text.length });
  }
  return out;
}

export async function suggestEntities(nb: SuggestStores, reportId: string): Promise<SuggestionRecord[]> {
  const body = await nb.reports.body(reportId);
  const mentionedHere = new Set(nb.entities.mentionsIn(reportId).map((m) => m.entityId));
  const groups = new Map<string, { first: Candidate; count: number }>();
  const covered: Candidate[] = [];
  for (const c of suggestFromText(body).sort((a, b) => a.start - b.start || b.end - a.end)) {
    // The same span found twice (e.g. as an organisation and an acronym) counts once.
    if (covered.some((o) => o.start === c.start && o.end === c.end)) continue;
    covered.push(c);
    const key = `${c.type}|${fold(c.text)}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      // Prefer a spelling that is not all capitals ("Damascus" over a dateline's "DAMASCUS").
      if (g.first.text === g.first.text.toUpperCase() && c.text !== c.text.toUpperCase()) g.first = c;
    }
    else groups.set(key, { first: c, count: 1 });
  }
  const out: SuggestionRecord[] = [];
  for (const { first, count } of groups.values()) {
    const existing = nb.links.named(first.text).filter((id) => nb.entities.find(id));
    if (existing.some((id) => mentionedHere.has(id))) continue;
    const rec: SuggestionRecord = { text: first.text, type: first.type, start: first.start, end: first.end, count };
    if (existing[0]) rec.existingEntityId = existing[0];
    out.push(rec);
  }
  return out.sort((a, b) => b.count - a.count || a.start - b.start);
}
