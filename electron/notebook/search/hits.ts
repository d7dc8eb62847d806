/**
 * Turning ranked documents into results: title highlights, a snippet around the densest cluster
 * of matches, and, for each query word, the document spelling that matched it and how.
 */
import type { MatchHow, MatchReason, MatchSpan, SearchResultItem } from '../../api/types';
import { DossierError } from '../errors';
import type { ParsedQuery } from './parsed';
import { findMatches, makeSnippet, type FoundMatch } from './snippet';
import type { DocRec } from './store';

/** What the page's results need to know of each expanded term. */
interface TermInfo {
  group: number;
  weight: number;
  how: MatchHow;
}

/** Builds results for one query; construct once per query, call `hit` per result. */
export class HitMaker {
  private readonly info = new Map<string, TermInfo>();
  private readonly groupOf = (t: string): number => this.info.get(t)?.group ?? -1;

  constructor(
    private readonly parsed: ParsedQuery,
    termText: (termId: number) => string | undefined,
    private readonly loadText: ((rec: DocRec) => string | undefined) | undefined,
  ) {
    parsed.groups.forEach((g, gi) => {
      for (const e of g.expansions) {
        const t = termText(e.termId);
        if (t !== undefined && !this.info.has(t)) this.info.set(t, { group: gi, weight: e.weight, how: e.how });
      }
    });
  }

  hit(rec: DocRec | null, score: number): SearchResultItem {
    if (!rec) throw new DossierError('INTERNAL', 'search: result for a removed document');
    const titleFound = findMatches(rec.title, this.groupOf);
    const text = rec.text ?? this.loadText?.(rec);
    const textFound = text ? findMatches(text, this.groupOf) : [];
    const snip = text ? makeSnippet(text, textFound) : { snippet: '', matches: [], at: null };
    return {
      kind: rec.kind,
      id: rec.id,
      title: rec.title,
      score: Math.round(score * 1e4) / 1e4,
      snippet: snip.snippet,
      matches: snip.matches,
      ...(snip.at ? { at: snip.at } : {}),
      titleMatches: titleFound.map(({ start, end }) => ({ start, end })),
      why: this.why(rec.title, titleFound, text ?? '', textFound),
      date: rec.date,
      tags: [...rec.tags],
    };
  }

  /** Every span of `text` (a document's full text) that the query matches, in text order. */
  locate(text: string, limit: number): MatchSpan[] {
    const out: MatchSpan[] = [];
    for (const m of findMatches(text, this.groupOf)) {
      if (out.length >= limit) break;
      out.push({ start: m.start, end: m.end });
    }
    return out;
  }

  /** Per query word, the best-weighted spelling found in the title, then the text. */
  private why(title: string, inTitle: FoundMatch[], text: string, inText: FoundMatch[]): MatchReason[] {
    const best: Array<{ spelling: string; info: TermInfo } | undefined> = [];
    const consider = (source: string, found: FoundMatch[]): void => {
      for (const m of found) {
        const info = this.info.get(m.term);
        if (!info) continue;
        const cur = best[info.group];
        if (!cur || info.weight > cur.info.weight) best[info.group] = { spelling: source.slice(m.start, m.end), info };
      }
    };
    consider(title, inTitle);
    consider(text, inText);
    const out: MatchReason[] = [];
    this.parsed.groups.forEach((g, gi) => {
      const b = best[gi];
      if (b) out.push({ query: g.typed, spelling: b.spelling, how: b.info.how });
    });
    return out;
  }
}
