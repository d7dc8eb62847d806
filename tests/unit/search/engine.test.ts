/**
 * Behaviour of the search index a user would notice: ranking, variants, typos, phrases, prefixes,
 * filters, paging, snippets with highlights, incremental updates and persistence.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc, } from '../../../electron/notebook/search/index';
import type { SearchResultItem as SearchHit } from '../../../electron/api/types';
import { DOCS } from './fixtures';

function build(docs: SearchDoc[] = DOCS, opts?: ConstructorParameters<typeof SearchIndex>[0]): SearchIndex {
  const ix = new SearchIndex(opts);
  for (const d of docs) ix.upsert(d);
  return ix;
}

const ids = (ix: SearchIndex, q: string, extra: Record<string, unknown> = {}): string[] =>
  ix.search({ q, ...extra }).results.map((r) => r.id);

/** The words highlighted in the snippet, as the user sees them. */
const highlighted = (h: SearchHit): string[] => h.matches.map((m) => h.snippet.slice(m.start, m.end));
const titleHighlighted = (h: SearchHit): string[] => h.titleMatches.map((m) => h.title.slice(m.start, m.end));

describe('SearchIndex basics', () => {
  it('counts, has, remove', () => {
    const ix = build();
    expect(ix.size).toBe(DOCS.length);
    expect(ix.has('r_hama')).toBe(true);
    ix.remove('r_hama');
    expect(ix.has('r_hama')).toBe(false);
    expect(ix.size).toBe(DOCS.length - 1);
    expect(ids(ix, 'Hama')).not.toContain('r_hama');
    ix.remove('nope');
    expect(ix.size).toBe(DOCS.length - 1);
  });

  it('returns nothing for an empty query without filters', () => {
    const r = build().search({ q: '   ' });
    expect(r.total).toBe(0);
    expect(r.results).toEqual([]);
  });
});

describe('ranking', () => {
  it('a title match beats a body match', () => {
    const ix = build([
      { kind: 'report', id: 'body', title: 'Weekly roundup', text: 'Notes on the Tartus port and other matters.', tags: [], date: null, entityIds: [] },
      { kind: 'report', id: 'title', title: 'Tartus port', text: 'Notes on shipping and other matters this week.', tags: [], date: null, entityIds: [] },
    ]);
    expect(ids(ix, 'tartus')).toEqual(['title', 'body']);
  });

  it('more occurrences beat fewer', () => {
    const ix = build([
      { kind: 'report', id: 'once', title: 'Report A', text: 'Hama was mentioned once in this text about the region today.', tags: [], date: null, entityIds: [] },
      { kind: 'report', id: 'thrice', title: 'Report B', text: 'Hama, Hama and again Hama in this text about the region.', tags: [], date: null, entityIds: [] },
    ]);
    expect(ids(ix, 'hama')).toEqual(['thrice', 'once']);
  });

  it('exact spelling beats a variant, which beats a typo', () => {
    const doc = (id: string, word: string): SearchDoc => ({
      kind: 'report', id, title: `Report ${id}`, text: `The general ${word} was seen near the coast on Monday.`, tags: [], date: null, entityIds: [],
    });
    const ix = build([doc('typo', 'Zhuravlec'), doc('variant', 'Zhuravlyov'), doc('exact', 'Zhuravlev')]);
    expect(ids(ix, 'Zhuravlev ')).toEqual(['exact', 'variant', 'typo']);
  });

  it('terms close together rank above scattered ones', () => {
    const filler = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor';
    const ix = build([
      { kind: 'report', id: 'far', title: 'A', text: `naval ${filler} ${filler} facility`, tags: [], date: null, entityIds: [] },
      { kind: 'report', id: 'near', title: 'B', text: `${filler} naval facility ${filler}`, tags: [], date: null, entityIds: [] },
    ]);
    expect(ids(ix, 'naval facility ')[0]).toBe('near');
  });
});

describe('variants, typos and scripts', () => {
  const ix = build();
  it('Hama finds Khama and Hama', () => {
    const found = ids(ix, 'Hama');
    expect(found).toEqual(expect.arrayContaining(['r_hama', 'r_khmeimim', 'n_timeline']));
    expect(found[0]).toBe('r_hama');
  });

  it('Hmeimim finds Khmeimim and the reverse', () => {
    expect(ids(ix, 'Hmeimim')).toEqual(expect.arrayContaining(['r_khmeimim', 'r_hmeimim', 'e_khmeimim', 'n_timeline']));
    expect(ids(ix, 'Khmeimim')).toEqual(expect.arrayContaining(['r_khmeimim', 'r_hmeimim']));
  });

  it('Zhuravlyov finds Zhuravlev', () => {
    expect(ids(ix, 'Zhuravlyov')).toEqual(expect.arrayContaining(['r_khmeimim', 'r_hmeimim', 'e_zhuravlev']));
  });

  it.each(['Zhuravelv', 'Zhuravlvo', 'Khmeimmim', 'Khmeimin'])('typo %s still finds the report', (q) => {
    const found = ids(ix, q);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((id) => id === 'r_khmeimim' || id === 'r_hmeimim')).toBe(true);
  });

  it('Cyrillic Хмеймим finds Latin Khmeimim', () => {
    expect(ids(ix, 'Хмеймим')).toEqual(expect.arrayContaining(['r_khmeimim', 'r_hmeimim', 'e_khmeimim']));
  });

  it('Cyrillic Журавлёв and Хама find the Latin spellings', () => {
    expect(ids(ix, 'Журавлёв')).toEqual(expect.arrayContaining(['r_khmeimim', 'r_hmeimim']));
    expect(ids(ix, 'Хама')).toEqual(expect.arrayContaining(['r_hama', 'r_khmeimim']));
  });

  it('Latin queries find Cyrillic text', () => {
    const cyr = build([{ kind: 'report', id: 'ru', title: 'Сводка', text: 'Самолёты вылетели с авиабазы Хмеймим в Москву.', tags: [], date: null, entityIds: [] }]);
    expect(ids(cyr, 'Khmeimim')).toEqual(['ru']);
    expect(ids(cyr, 'Hmeimim')).toEqual(['ru']);
  });

  it('an entity is found by its aliases', () => {
    expect(ids(ix, 'HUR')[0]).toBe('e_gur');
    expect(ids(ix, 'Main Intelligence Directorate')[0]).toBe('e_gur');
    expect(ids(ix, 'Aleksandr')).toEqual(['e_zhuravlev']);
  });

  it('al-Assad and Assad are the same query', () => {
    expect(ids(ix, 'Assad')).toEqual(['n_timeline']);
    expect(ids(ix, 'al-Assad')).toEqual(['n_timeline']);
  });

  it('does not merge ordinary words with names', () => {
    expect(ids(ix, 'ham ')).toEqual(['r_garden']);
    // a rare word may pull in a one-letter typo neighbour, but only below the exact match
    expect(ids(ix, 'home ')[0]).toBe('r_garden');
    expect(ids(ix, 'homs ')[0]).toBe('n_timeline');
  });
});

describe('phrases and prefixes', () => {
  const ix = build();
  it('an exact phrase must appear in order', () => {
    expect(ids(ix, '"air base"')).toEqual(expect.arrayContaining(['r_khmeimim', 'e_khmeimim']));
    expect(ids(ix, '"air base"')).not.toContain('r_budget');
    expect(ids(ix, 'air base')).toContain('r_budget');
    expect(ids(ix, '"base air"')).toEqual([]);
  });

  it('phrases match variant spellings', () => {
    // "Colonel-general Zhuravlyov" contains the phrase too: hyphenated parts keep their positions
    expect(ids(ix, '"general Zhuravlyov"').sort()).toEqual(['r_hmeimim', 'r_khmeimim']);
    expect(ids(ix, '"Zhuravlev general"')).toEqual([]);
  });

  it('the last word is a prefix while typing, and term* anywhere', () => {
    expect(ids(ix, 'Zhurav')).toEqual(expect.arrayContaining(['r_khmeimim', 'r_hmeimim', 'e_zhuravlev']));
    expect(ids(ix, 'sandw* home')).toEqual(['r_garden']);
    expect(ids(ix, 'Zhurav ')).toEqual([]);
  });
});

describe('filters and paging', () => {
  const ix = build();
  it('filters by kind, tag, entity and date', () => {
    expect(ids(ix, 'Khmeimim', { kinds: ['entity'] })).toEqual(['e_khmeimim']);
    expect(ids(ix, 'Hmeimim', { kinds: ['note', 'report'] }).sort()).toEqual(['n_timeline', 'r_hmeimim', 'r_khmeimim']);
    expect(ids(ix, 'Hmeimim', { tags: ['syria', 'aviation'] })).toEqual(['r_hmeimim']);
    expect(ids(ix, 'Hama', { entityId: 'e_hama' }).sort()).toEqual(['n_timeline', 'r_hama']);
    expect(ids(ix, 'Tartus', { from: '2024-12-10', to: '2024-12-10' })).toEqual(['r_tartus']);
    expect(ids(ix, 'Tartus', { from: '2024-12-10' }).sort()).toEqual(['n_timeline', 'r_tartus']);
    // entities have no date: excluded when a range is given
    expect(ids(ix, 'Khmeimim', { to: '2030-01-01' })).not.toContain('e_khmeimim');
  });

  it('an empty query with a filter lists matching documents newest first', () => {
    expect(ids(ix, '', { tags: ['syria'] })).toEqual(['n_timeline', 'r_hmeimim', 'r_tartus', 'r_khmeimim', 'r_hama']);
  });

  it('limit and offset page through the results, total counts all', () => {
    const all = ix.search({ q: 'syria' });
    expect(all.total).toBeGreaterThanOrEqual(4);
    const p1 = ix.search({ q: 'syria', limit: 2 });
    const p2 = ix.search({ q: 'syria', limit: 2, offset: 2 });
    expect(p1.total).toBe(all.total);
    expect(p1.results.map((r) => r.id)).toEqual(all.results.slice(0, 2).map((r) => r.id));
    expect(p2.results.map((r) => r.id)).toEqual(all.results.slice(2, 4).map((r) => r.id));
  });
});

describe('snippets and highlights', () => {
  it('highlights the words the user sees, in the snippet and the title', () => {
    const ix = build();
    const hit = ix.search({ q: 'Hmeimim' }).results.find((r) => r.id === 'r_khmeimim');
    expect(hit).toBeDefined();
    expect(highlighted(hit!)).toEqual(['Khmeimim']);
    expect(titleHighlighted(hit!)).toEqual(['Khmeimim']);
    const h2 = ix.search({ q: 'Zhuravlev' }).results.find((r) => r.id === 'r_hmeimim');
    expect(highlighted(h2!)).toEqual(['Zhuravlyov']);
  });

  it('cuts ~160 characters around the densest cluster at word boundaries', () => {
    const long =
      'Opening paragraph about the weather and unrelated matters that go on for a while, '.repeat(4) +
      'then the naval facility at Tartus was emptied as warships left Tartus for the open sea. ' +
      'Closing remarks about sports and other unrelated news that also go on for a while. '.repeat(4);
    const ix = build([{ kind: 'report', id: 'long', title: 'Long', text: long, tags: [], date: null, entityIds: [] }]);
    const hit = ix.search({ q: 'Tartus warships' }).results[0]!;
    expect(hit.snippet.startsWith('…')).toBe(true);
    expect(hit.snippet.endsWith('…')).toBe(true);
    expect(hit.snippet.length).toBeLessThanOrEqual(175);
    expect(highlighted(hit)).toEqual(['Tartus', 'warships', 'Tartus']);
    const inner = hit.snippet.slice(1, -1);
    expect(long).toContain(inner);
    expect(long[long.indexOf(inner) - 1]).toBe(' ');
  });

  it('uses loadText for the results on the page when texts are not kept', () => {
    const texts = new Map(DOCS.map((d) => [d.id, d.text]));
    const loaded: string[] = [];
    const ix = build(DOCS, {
      loadText: (_kind, id) => {
        loaded.push(id);
        return texts.get(id) ?? null;
      },
    });
    const r = ix.search({ q: 'syria', limit: 2 });
    expect(loaded.sort()).toEqual(r.results.map((h) => h.id).sort());
    expect(r.results[0]!.snippet.length).toBeGreaterThan(0);
  });
});

describe('incremental updates', () => {
  const extra: SearchDoc[] = [
    { kind: 'report', id: 'x1', title: 'Khama after the offensive', text: 'Shops reopened in Khama on December 14, 2024.', tags: ['syria'], date: '2024-12-14', entityIds: [] },
    { kind: 'report', id: 'x2', title: 'Port of Tartous', text: 'The port of Tartous was quiet. Zhuravlyov was not mentioned.', tags: [], date: '2024-12-15', entityIds: [] },
  ];
  const queries = ['Hama', 'Khmeimim', 'Zhuravlev', 'Tartus', '"air base"', 'syria', 'Zhurav', 'Khmeimmim', 'council budget', 'GUR'];
  const snapshot = (ix: SearchIndex): unknown =>
    queries.map((q) => {
      const r = ix.search({ q, limit: 50 });
      return { total: r.total, results: r.results.map((h) => ({ ...h })) };
    });

  it('upserts and removes give the same results as a fresh build', () => {
    const inc = build();
    for (const d of extra) inc.upsert(d);
    inc.remove('r_hama');
    inc.upsert({ ...DOCS[0]!, text: `${DOCS[0]!.text} Updated: the base was quiet.` });
    inc.remove('x1');
    inc.upsert(extra[0]!);
    const finalDocs = [...DOCS.filter((d) => d.id !== 'r_hama' && d.id !== DOCS[0]!.id), { ...DOCS[0]!, text: `${DOCS[0]!.text} Updated: the base was quiet.` }, ...extra];
    const fresh = build(finalDocs);
    expect(inc.size).toBe(fresh.size);
    expect(snapshot(inc)).toEqual(snapshot(fresh));
  });

  it('stays equal after the index compacts itself', () => {
    const inc = build();
    for (let i = 0; i < 3; i++) for (const d of DOCS) inc.upsert({ ...d });
    inc.compact();
    expect(snapshot(inc)).toEqual(snapshot(build()));
  });
});

describe('serialization', () => {
  it('round-trips to identical results', () => {
    const texts = new Map(DOCS.map((d) => [d.id, d.text]));
    const ix = build();
    const data = ix.serialize();
    expect(data).toBeInstanceOf(Uint8Array);
    const back = SearchIndex.deserialize(data, { loadText: (_k, id) => texts.get(id) ?? null });
    expect(back.size).toBe(ix.size);
    for (const q of ['Hmeimim', 'Хмеймим', '"air base"', 'Zhuravelv', 'syria', 'Zhurav']) {
      expect(back.search({ q }).results).toEqual(ix.search({ q }).results);
    }
    // base64 text form works too
    const b64 = SearchIndex.deserialize(Buffer.from(data).toString('base64'));
    expect(b64.search({ q: 'Hama' }).total).toBe(ix.search({ q: 'Hama' }).total);
  });

  it('a loaded index keeps accepting updates', () => {
    const back = SearchIndex.deserialize(build().serialize());
    back.remove('r_hama');
    back.upsert({ kind: 'report', id: 'new', title: 'Khama again', text: 'More from Khama.', tags: [], date: null, entityIds: [] });
    const fresh = build([...DOCS.filter((d) => d.id !== 'r_hama'), { kind: 'report', id: 'new', title: 'Khama again', text: 'More from Khama.', tags: [], date: null, entityIds: [] }]);
    const strip = (ix: SearchIndex): unknown => ix.search({ q: 'Hama' }).results.map((h) => [h.id, h.score]);
    expect(strip(back)).toEqual(strip(fresh));
  });

  it('a loaded index saved again after additions, loaded and then pruned, ranks as a fresh index of the same documents', () => {
    const extra: SearchDoc = { kind: 'report', id: 'new', title: 'Khama again', text: 'More from Khama and Hmeimim.', tags: [], date: null, entityIds: [] };
    const once = SearchIndex.deserialize(build().serialize());
    once.upsert(extra);
    const twice = SearchIndex.deserialize(once.serialize());
    twice.remove('r_hama');
    twice.remove(DOCS[1]!.id);
    const fresh = build([...DOCS.filter((d) => d.id !== 'r_hama' && d.id !== DOCS[1]!.id), extra]);
    const strip = (ix: SearchIndex, q: string): unknown => ix.search({ q }).results.map((h) => [h.id, h.score]);
    for (const q of ['Hama', 'Hmeimim', 'syria', '"air base"']) expect(strip(twice, q)).toEqual(strip(fresh, q));
    expect(twice.size).toBe(fresh.size);
  });

  it('rejects corrupt data and other versions', () => {
    const data = build().serialize();
    const flipped = data.slice();
    flipped[flipped.length - 8] = (flipped[flipped.length - 8] ?? 0) ^ 0xff;
    expect(() => SearchIndex.deserialize(flipped)).toThrow(/checksum/);
    const other = data.slice();
    new DataView(other.buffer).setUint32(4, 99, true);
    expect(() => SearchIndex.deserialize(other)).toThrow(/version/);
    expect(() => SearchIndex.deserialize(data.slice(0, 40))).toThrow();
    expect(() => SearchIndex.deserialize(new Uint8Array(64))).toThrow(/not a search index/);
  });
});

describe('quick switcher', () => {
  const ix = build();
  it('puts exact variant-key hits on titles and aliases first', () => {
    const r = ix.quick('Hmeimim');
    expect(r[0]?.id).toBe('e_khmeimim');
    expect(r.map((h) => h.id)).toContain('r_hmeimim');
    expect(ix.quick('Журавлёв')[0]?.id).toBe('e_zhuravlev');
  });

  it('finds partial and misspelt titles through fuse.js', () => {
    expect(ix.quick('plantng guide')[0]?.id).toBe('r_garden');
    expect(ix.quick('council budg').map((h) => h.id)).toContain('r_budget');
  });

  it('follows updates', () => {
    const local = build();
    local.quick('garden');
    local.remove('r_garden');
    expect(local.quick('plantng guide').map((h) => h.id)).not.toContain('r_garden');
  });
});

describe('why it matched', () => {
  const doc = (id: string, title: string, text: string): SearchDoc => ({ kind: 'report', id, title, text, tags: [], date: null, entityIds: [] });

  it('names the document spelling and how, per query word, in query order', () => {
    const ix = build([doc('a', 'Flights resume', 'Flights from Hmeimim resumed after a pause; the airfield near Latakia reopened.')]);
    const [hit] = ix.search({ q: 'Khmeimim airfield' }).results;
    expect(hit?.why).toEqual([
      { query: 'Khmeimim', spelling: 'Hmeimim', how: 'variant' },
      { query: 'airfield', spelling: 'airfield', how: 'exact' },
    ]);
  });

  it('tells typos and prefixes apart from variants', () => {
    const ix = build([doc('a', 'Port traffic', 'Cargo traffic at the port of Lattakia fell sharply, shipping data showed.')]);
    expect(ix.search({ q: 'shiping data ' }).results[0]?.why).toEqual([
      { query: 'shiping', spelling: 'shipping', how: 'variant' },
      { query: 'data', spelling: 'data', how: 'exact' },
    ]);
    expect(ix.search({ q: 'carg*' }).results[0]?.why).toEqual([{ query: 'carg', spelling: 'Cargo', how: 'prefix' }]);
    expect(ix.search({ q: 'shzrply' }).results[0]?.why).toEqual([{ query: 'shzrply', spelling: 'sharply', how: 'typo' }]);
  });

  it('prefers the closest spelling, title first, and highlights the document word', () => {
    const ix = build([doc('a', 'Clashes in Deir ez-Zor', 'Fighting in Deir el-Zour province went on.')]);
    const [hit] = ix.search({ q: 'Zour' }).results;
    expect(hit?.why).toEqual([{ query: 'Zour', spelling: 'Zour', how: 'exact' }]);
    expect(titleHighlighted(hit!)).toEqual(['Zor']);
    expect(highlighted(hit!)).toEqual(['Zour']);
  });
});
