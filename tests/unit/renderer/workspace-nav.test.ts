/** Hash routes, pane fitting, the palette's fuzzy ranking and the link chart's local graph. */
import { describe, expect, it } from 'vitest';
import { fitPanes, loadPanes, MIN_CONTENT } from '../../../renderer/src/app/panes';
import { formatRoute, parseRoute } from '../../../renderer/src/app/routes';
import type { Route } from '../../../renderer/src/app/workspace';
import { withRecent } from '../../../renderer/src/app/recent';
import { neighbourhood, visibleGraph, type GraphData } from '../../../renderer/src/features/graph/LinkChart';
import { degreeRanks, labelledAt, seededPosition } from '../../../renderer/src/features/graph/chartStyle';
import { fuzzyScore, rank } from '../../../renderer/src/features/palette/fuzzy';

describe('hash routes', () => {
  it('gives every view an address and reads it back', () => {
    const routes: Route[] = [
      { view: 'home' },
      { view: 'report', id: 'r_1a', cite: { start: 3, end: 9 }, q: 'Hama air base', at: { start: 40, end: 44 } },
      { view: 'trash' },
      { view: 'note', id: 'n_2' },
      { view: 'newNote' },
      { view: 'entity', id: 'e_3' },
      { view: 'graph' },
      { view: 'graph', focus: 'e_3', depth: 2 },
      { view: 'search', q: 'Khmeimim & co' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ view: 'report', id: 'r_1a' })).toBe('#/report/r_1a');
  });

  it('reads anything malformed or hostile as the home view', () => {
    for (const h of ['', '#', '#token=abc', '#/report/../../etc', '#/note/<script>', '#/entity/r_1', '#/%E0%A4%A', '#/nowhere']) {
      expect(parseRoute(h)).toEqual({ view: 'home' });
    }
    expect(parseRoute('#/graph?focus=e_1&depth=9')).toEqual({ view: 'graph', focus: 'e_1', depth: 1 });
  });
});

describe('panes', () => {
  const p = loadPanes({ getItem: () => null });
  it('keeps a usable content column: side panels become drawers before the content gets too narrow', () => {
    const wide = fitPanes(1920, p, { narrow: false, single: false, itemOpen: true, listAsked: false });
    expect(wide).toMatchObject({ navDocked: true, detailsDocked: true, list: true });
    for (const w of [1024, 1100, 1199, 1200, 1280, 1366, 1440, 1920, 2560]) {
      const l = fitPanes(w, p, { narrow: w < 1200, single: false, itemOpen: true, listAsked: false });
      const used = (l.navDocked ? p.navWidth + 6 : 0) + (l.list ? l.listWidth + 6 : 0) + (l.detailsDocked ? p.detailsWidth + 6 : 0);
      expect(w - used, `content at ${w}`).toBeGreaterThanOrEqual(MIN_CONTENT);
    }
    expect(fitPanes(1024, p, { narrow: true, single: false, itemOpen: true, listAsked: false })).toMatchObject({ navDocked: false, detailsDocked: false, list: true });
  });

  it('reads damaged or out-of-range widths as defaults or limits', () => {
    expect(loadPanes({ getItem: () => '{nope' }).listWidth).toBe(300);
    expect(loadPanes({ getItem: () => JSON.stringify({ listWidth: 99999, navOpen: 'yes' }) })).toMatchObject({ listWidth: 640, navOpen: true });
  });

  it('keeps Recent newest first without duplicates', () => {
    const a = { kind: 'report' as const, id: 'r_1', title: 'A' };
    const b = { kind: 'note' as const, id: 'n_1', title: 'B' };
    expect(withRecent(withRecent(withRecent([], a), b), a).map((x) => x.id)).toEqual(['r_1', 'n_1']);
  });
});

describe('palette fuzzy match', () => {
  it('matches word starts and adjacent letters, not letters scattered mid-word', () => {
    expect(fuzzyScore('delete', 'Displacement of civilians in Idlib')).toBeNull();
    expect(fuzzyScore('delete', 'Delete this note')).not.toBeNull();
    expect(fuzzyScore('kh off', 'Khama offensive')).not.toBeNull();
    expect(fuzzyScore('lc', 'Open link chart')).not.toBeNull();
    expect(fuzzyScore('hmeimim', 'Khmeimim air base')).not.toBeNull();
    expect(fuzzyScore('zürich', 'Zurich talks')).not.toBeNull();
    // The notebook's one folding (the search's): č is ch, ß is ss, Arabic harakat drop.
    expect(fuzzyScore('cheljabinsk', 'Čeljabinsk plant')).not.toBeNull();
    expect(fuzzyScore('strasse', 'Straße checkpoint')).not.toBeNull();
    expect(fuzzyScore('حميميم', 'قاعدة حُمَيمِيم')).not.toBeNull();
  });

  it('ranks whole-word, word-start, contiguous matches first', () => {
    const titles = ['Military blink of an eye', 'Open link chart', 'Links between units'];
    expect(rank('link', titles, (t) => [t]).map((r) => r.item)).toEqual(['Open link chart', 'Links between units', 'Military blink of an eye']);
    expect(rank('note', ['Delete this note', 'New note', 'Notebook statistics'], (t) => [t])[0]?.item).toBe('New note');
  });
});

describe('link chart', () => {
  const g: GraphData = {
    nodes: [
      { id: 'e_a', kind: 'entity', label: 'A', type: 'person', tags: [], date: null },
      { id: 'r_1', kind: 'report', label: 'R1', tags: ['syria'], date: '2024-12-01' },
      { id: 'r_2', kind: 'report', label: 'R2', tags: [], date: '2023-01-01' },
      { id: 'e_b', kind: 'entity', label: 'B', type: 'location', tags: [], date: null },
      { id: 'n_1', kind: 'note', label: 'N1', tags: [], date: '2024-12-02' },
    ],
    edges: [
      { source: 'e_a', target: 'r_1', kind: 'mention' },
      { source: 'e_b', target: 'r_1', kind: 'mention' },
      { source: 'e_b', target: 'r_2', kind: 'mention' },
      { source: 'n_1', target: 'r_2', kind: 'link' },
    ],
  };
  it('shows 1 to 3 steps around an item', () => {
    expect([...neighbourhood(g, 'e_a', 1)].sort()).toEqual(['e_a', 'r_1']);
    expect([...neighbourhood(g, 'e_a', 2)].sort()).toEqual(['e_a', 'e_b', 'r_1']);
    expect([...neighbourhood(g, 'e_a', 3)].sort()).toEqual(['e_a', 'e_b', 'r_1', 'r_2']);
  });

  it('filters by type, tag and date', () => {
    const none = { hidden: new Set<string>(), tag: '', from: '', to: '' };
    expect(visibleGraph(g, { ...none, hidden: new Set(['note']) }).nodes.map((n) => n.id)).not.toContain('n_1');
    expect(visibleGraph(g, { ...none, tag: 'syria' }).nodes.map((n) => n.id).sort()).toEqual(['e_a', 'e_b', 'r_1']);
    expect(visibleGraph(g, { ...none, from: '2024-01-01' }).nodes.map((n) => n.id).sort()).toEqual(['e_a', 'e_b', 'r_1']);
  });

  it('seeds positions by id and labels the hubs first when zoomed out', () => {
    expect(seededPosition('e_a', 100)).toEqual(seededPosition('e_a', 100));
    expect(seededPosition('e_a', 100)).not.toEqual(seededPosition('e_b', 100));
    const ranks = degreeRanks(new Map(Array.from({ length: 100 }, (_, i) => [`e_${i}`, i])));
    expect(ranks.get('e_99')).toBe(0.99);
    expect([...ranks.values()].filter((r) => labelledAt(0.9, r, false)).length).toBe(25);
    expect([...ranks.values()].filter((r) => labelledAt(0.6, r, false)).length).toBe(10);
    expect([...ranks.values()].filter((r) => labelledAt(1.5, r, false)).length).toBe(100);
    expect(labelledAt(0.2, 0, true)).toBe(true);
  });
});
