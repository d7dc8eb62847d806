/**
 * A page of results is the same slice of the ranking however it is asked for: a search puts in
 * order only the page and what comes before it, counts every other match without scoring the
 * ones that cannot reach the page, and scores words of several words only where they all occur.
 * None of that may show: the page, its order, its scores and the total are those of ranking
 * every match.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '../../../electron/notebook/search/index';
import { rng } from '../../helpers/rng';


const WORDS = [
  'war', 'war', 'war', 'warm', 'warning', 'warsaw', 'wars', 'ward', 'world', 'world', 'peace', 'treaty', 'the', 'the', 'the',
  'river', 'rivers', 'Hama', 'Khama', 'Hamah', 'army', 'armies', 'council', 'city', 'port', 'Tartus', 'Tartous', 'drone', 'drones',
];

/** Reports of a few words each, many of the same length (tied scores), some words in titles. */
function corpus(n: number, seed = 7): SearchDoc[] {
  const r = rng(seed);
  const pick = (): string => WORDS[Math.floor(r() * WORDS.length)] ?? 'the';
  const words = (k: number): string => Array.from({ length: k }, pick).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    kind: 'report' as const,
    id: `r_${String(i).padStart(4, '0')}`,
    title: words(1 + Math.floor(r() * 3)),
    text: words(3 + Math.floor(r() * 6)),
    tags: r() < 0.3 ? ['front'] : [],
    date: `2024-12-${String(1 + (i % 28)).padStart(2, '0')}`,
    entityIds: [],
  }));
}

function build(docs: SearchDoc[]): SearchIndex {
  const ix = new SearchIndex();
  for (const d of docs) ix.upsert(d);
  ix.compact();
  return ix;
}

const QUERIES = [
  'war', 'wa', 'wor', 'war*', 'world war', 'the war', 'war the', '"world war"', 'the', 'Hama', 'Hamma port',
  'peace treaty', 'kiev war', 'drone city', 'rivers', 'warsaw warm', 'the the', 'Tartous',
];

const rows = (ix: SearchIndex, q: string, extra: Record<string, unknown>): Array<[string, number]> =>
  ix.search({ q, ...extra }).results.map((h) => [h.id, h.score]);

describe('a page of results', () => {
  const ix = build(corpus(600));

  it('is the slice of the whole ranking at its offset, with the same scores and total', () => {
    for (const q of QUERIES) {
      for (const filter of [{}, { tags: ['front'] }]) {
        const all = ix.search({ q, limit: 10_000, ...filter });
        for (const [offset, limit] of [[0, 1], [0, 3], [0, 10], [5, 5], [10, 20], [55, 10]] as const) {
          const page = ix.search({ q, offset, limit, ...filter });
          expect(page.total, `${q} ${offset}+${limit}`).toBe(all.total);
          expect(page.results.map((h) => [h.id, h.score]), `${q} ${offset}+${limit}`).toEqual(
            all.results.slice(offset, offset + limit).map((h) => [h.id, h.score]),
          );
        }
      }
    }
  });

  it('puts a common word spelt exactly first, its completions after, and counts them all', () => {
    const all = ix.search({ q: 'war', limit: 10_000 });
    const top = ix.search({ q: 'war', limit: 10 });
    expect(top.results.every((h) => h.why[0]?.how === 'exact')).toBe(true);
    expect(all.results.some((h) => h.why[0]?.how === 'prefix')).toBe(true);
    expect(top.total).toBe(all.total);
  });

  it('stays the same after the index grows and shrinks between searches', () => {
    const docs = corpus(600);
    const grown = build(docs.slice(0, 300));
    for (const q of QUERIES) grown.search({ q, limit: 10 });
    for (const d of docs.slice(300)) grown.upsert(d);
    grown.remove('r_0003');
    grown.remove('r_0450');
    const fresh = build(docs.filter((d) => d.id !== 'r_0003' && d.id !== 'r_0450'));
    for (const q of QUERIES) {
      expect(rows(grown, q, { limit: 10 }), q).toEqual(rows(fresh, q, { limit: 10 }));
      expect(grown.search({ q, limit: 10 }).total, q).toBe(fresh.search({ q, limit: 10 }).total);
    }
  });

  it('a phrase matches where its words follow each other in order, wherever else they occur', () => {
    const doc = (id: string, text: string): SearchDoc => ({ kind: 'report', id, title: 'Notes', text, tags: [], date: null, entityIds: [] });
    const px = build([
      doc('r_late', 'war world peace world war ends'),
      doc('r_apart', 'world peace war and world then war world'),
      doc('r_reversed', 'war world then war world'),
      doc('r_three', 'the war the world the world war the end'),
    ]);
    expect(px.search({ q: '"world war"' }).results.map((h) => h.id).sort()).toEqual(['r_late', 'r_three']);
    expect(px.search({ q: '"the world war"' }).results.map((h) => h.id)).toEqual(['r_three']);
    expect(px.search({ q: '"world peace war"' }).results.map((h) => h.id)).toEqual(['r_apart']);
    expect(px.search({ q: '"war world"' }).results.map((h) => h.id).sort()).toEqual(['r_apart', 'r_late', 'r_reversed']);
  });
});
