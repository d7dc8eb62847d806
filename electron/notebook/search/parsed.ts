/**
 * What a parsed query is (query.ts makes it, rank.ts and hits.ts read it): each query word's group
 * of expansions, the phrases, and the filter with the test a document passes. Kept apart from
 * query.ts so that ranking reads these without importing the parser, which imports ranking's
 * options: no import goes both ways.
 */
import type { MatchHow, SearchKind } from '../../api/types';
import { tagKey } from '../tags';
import type { DocRec } from './store';

/** A document term one query word may match, with its ranking weight and how it matches. */
export interface Expansion {
  termId: number;
  weight: number;
  how: MatchHow;
}

/** One query word and what it expands to. */
export interface Group {
  /** The normalized query word. */
  text: string;
  /** The word as the user typed it. */
  typed: string;
  prefix: boolean;
  expansions: Expansion[];
}

export interface ParsedQuery {
  groups: Group[];
  /** Each phrase lists the indexes of its consecutive groups. */
  phrases: number[][];
}

/** Per-query filter; null when the query has none. */
export interface Filter {
  kinds: Set<SearchKind> | null;
  tags: string[];
  entityId: string | undefined;
  from: string | undefined;
  to: string | undefined;
}

/** Whether a document passes a filter. */
export function passes(f: Filter, d: DocRec): boolean {
  if (f.kinds && !f.kinds.has(d.kind)) return false;
  for (const t of f.tags) if (!d.tags.some((x) => tagKey(x) === t)) return false;
  if (f.entityId !== undefined && !d.entityIds.includes(f.entityId)) return false;
  if (f.from || f.to) {
    if (!d.date) return false;
    if (f.from && d.date < f.from) return false;
    if (f.to && d.date > f.to) return false;
  }
  return true;
}
