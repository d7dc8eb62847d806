/**
 * Used only while the backend has no `search.query` / `search.quick`: fuse.js over the titles of
 * reports, notes and entity names + aliases already listed by the contract. Titles only, no bodies.
 */
import Fuse, { type FuseResultMatch } from 'fuse.js';
import type { EntityRecord, NoteSummary, ReportRecord } from '../../../../electron/api';
import type { QuickHit, SearchHit, SearchQueryInput, SearchResponse } from '../../app/api';

interface Doc {
  kind: 'report' | 'note' | 'entity';
  id: string;
  title: string;
  names: string[];
  date: string | null;
  tags: string[];
}

export function buildTitleIndex(reports: ReportRecord[], notes: NoteSummary[], entities: EntityRecord[]): Fuse<Doc> {
  const docs: Doc[] = [
    ...reports.map((r) => ({ kind: 'report' as const, id: r.id, title: r.title, names: [r.title], date: r.publishedAt, tags: r.tags })),
    ...notes.map((n) => ({ kind: 'note' as const, id: n.id, title: n.title, names: [n.title], date: n.updatedAt.slice(0, 10), tags: n.tags })),
    ...entities.map((e) => ({ kind: 'entity' as const, id: e.id, title: e.name, names: [e.name, ...e.aliases], date: null, tags: e.tags })),
  ];
  return new Fuse(docs, { keys: ['names'], includeScore: true, includeMatches: true, ignoreLocation: true, threshold: 0.4, minMatchCharLength: 2 });
}

function titleRanges(matches: readonly FuseResultMatch[] | undefined, title: string): Array<{ start: number; end: number }> {
  const m = matches?.find((x) => x.value === title);
  return (m?.indices ?? []).filter(([a, b]) => b - a >= 1).map(([a, b]) => ({ start: a, end: b + 1 }));
}

export function fallbackSearch(index: Fuse<Doc>, input: SearchQueryInput): SearchResponse {
  const t0 = performance.now();
  const hits: SearchHit[] = index
    .search(input.q, { limit: 500 })
    .filter((r) => !input.kinds || input.kinds.includes(r.item.kind))
    .filter((r) => !input.tags || input.tags.every((t) => r.item.tags.includes(t)))
    .filter((r) => (!input.from || (r.item.date !== null && r.item.date >= input.from)) && (!input.to || (r.item.date !== null && r.item.date <= input.to)))
    .map((r) => ({
      kind: r.item.kind,
      id: r.item.id,
      title: r.item.title,
      score: 1 - (r.score ?? 0),
      snippet: r.item.names.length > 1 ? `Also known as ${r.item.names.slice(1).join(', ')}` : '',
      matches: [],
      titleMatches: titleRanges(r.matches, r.item.title),
      why: [],
      date: r.item.date,
      tags: r.item.tags,
    }));
  const offset = input.offset ?? 0;
  return { query: input.q, total: hits.length, tookMs: performance.now() - t0, results: hits.slice(offset, offset + (input.limit ?? 20)) };
}

export function fallbackQuick(index: Fuse<Doc>, q: string, limit = 10): QuickHit[] {
  return index.search(q, { limit }).map((r) => ({ kind: r.item.kind, id: r.item.id, title: r.item.title, score: 1 - (r.score ?? 0) }));
}
