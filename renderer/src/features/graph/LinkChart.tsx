/**
 * The link chart: entities, reports and notes as nodes, mentions and note links as edges
 * (cytoscape). The layout is seeded (the same notebook gives the same picture) and node positions
 * are remembered per notebook (`ui.set`), so the chart does not reshuffle on every open. Labels
 * show by zoom level (the best-connected first), on hover and for search matches. A local graph
 * shows 1–3 steps around one item; search, type, tag and date filters narrow it; clicking (or
 * Enter in the item list) opens an item.
 */
import { useQuery } from '@tanstack/react-query';
import type { Core, ElementDefinition, LayoutOptions, NodeSingular } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EntityType, RecordKind, ReportRecord } from '../../../../electron/api';
import type { AppApi } from '../../app/api';
import { ENTITY_TYPES, routeFor, useWorkspace } from '../../app/workspace';
import { Aside } from '../../ui/Aside';
import { fuzzyScore } from '../palette/fuzzy';
import { chartStyle, degreeRanks, labelledAt, seededPosition } from './chartStyle';

const MAX_ENTITIES = 300;
let registered = false;
const MAX_NOTES = 200;

export interface GraphNode {
  id: string;
  kind: RecordKind;
  label: string;
  type?: EntityType;
  tags: string[];
  /** ISO date (published for reports, last edit for notes); null for entities. */
  date: string | null;
}
export interface GraphData {
  nodes: GraphNode[];
  edges: Array<{ source: string; target: string; kind: 'mention' | 'link' }>;
}

/** Ids asked of reports.page at a time (its most). */
const IDS_PER_PAGE = 1000;

/** The records of the reports the chart shows (their tags and dates), a page of ids at a time. */
async function reportsById(api: AppApi, ids: string[]): Promise<Map<string, ReportRecord>> {
  const pages = [];
  for (let i = 0; i < ids.length; i += IDS_PER_PAGE) {
    const slice = ids.slice(i, i + IDS_PER_PAGE);
    pages.push(api['reports.page']({ ids: slice, limit: slice.length }));
  }
  return new Map((await Promise.all(pages)).flatMap((p) => p.items.map((r) => [r.id, r] as const)));
}

export async function loadGraph(api: AppApi): Promise<GraphData> {
  const [entities, notes] = await Promise.all([api['entities.list']({}), api['notes.list']({})]);
  const noteById = new Map(notes.map((n) => [n.id, n]));
  const nodes = new Map<string, GraphNode>();
  const edges: GraphData['edges'] = [];
  const addRef = (id: string, kind: GraphNode['kind'], title: string) => {
    if (nodes.has(id)) return;
    const n = kind === 'note' ? noteById.get(id) : undefined;
    // A report's tags and date are filled in below, once every report node is known.
    nodes.set(id, { id, kind, label: title, tags: n?.tags ?? [], date: n ? n.updatedAt.slice(0, 10) : null });
  };
  const top = [...entities].sort((a, b) => b.mentions - a.mentions).slice(0, MAX_ENTITIES);
  for (const e of top) nodes.set(e.id, { id: e.id, kind: 'entity', label: e.name, type: e.type, tags: e.tags, date: null });
  const details = await Promise.all(top.map((e) => api['entities.get']({ id: e.id })));
  for (const d of details) {
    for (const r of d.reports) {
      addRef(r.id, 'report', r.title);
      edges.push({ source: d.id, target: r.id, kind: 'mention' });
    }
  }
  const links = await Promise.all(notes.slice(0, MAX_NOTES).map((n) => api['notes.links']({ id: n.id }).then((l) => ({ n, l }))));
  for (const { n, l } of links) {
    if (l.outgoing.length === 0) continue;
    addRef(n.id, 'note', n.title);
    for (const o of l.outgoing) {
      addRef(o.id, o.kind, o.title);
      edges.push({ source: n.id, target: o.id, kind: 'link' });
    }
  }
  const reportNodes = [...nodes.values()].filter((n) => n.kind === 'report');
  const reports = await reportsById(api, reportNodes.map((n) => n.id));
  for (const node of reportNodes) {
    const r = reports.get(node.id);
    if (r) nodes.set(node.id, { ...node, tags: r.tags, date: r.publishedAt ?? r.importedAt.slice(0, 10) });
  }
  return { nodes: [...nodes.values()], edges };
}

/** The items within `depth` steps of `focus` (both directions). */
export function neighbourhood(g: GraphData, focus: string, depth: number): Set<string> {
  const adj = new Map<string, string[]>();
  for (const e of g.edges) {
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
    adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
  }
  const seen = new Set([focus]);
  let frontier = [focus];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of adj.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return seen;
}

export interface ChartFilters {
  hidden: ReadonlySet<string>;
  tag: string;
  from: string;
  to: string;
}

/** The nodes and edges shown for the filters and the local-graph focus. */
export function visibleGraph(g: GraphData, f: ChartFilters, focus?: string, depth = 1): GraphData {
  const near = focus && g.nodes.some((n) => n.id === focus) ? neighbourhood(g, focus, depth) : null;
  const dated = (n: GraphNode) => n.date === null || ((!f.from || n.date >= f.from) && (!f.to || n.date <= f.to));
  const keep = new Set(
    g.nodes
      .filter((n) => !(n.kind === 'entity' ? f.hidden.has(n.type ?? 'other') : f.hidden.has(n.kind)))
      .filter((n) => !near || near.has(n.id))
      .filter((n) => n.kind === 'entity' || dated(n))
      .filter((n) => !f.tag || n.kind === 'entity' || n.tags.includes(f.tag) || n.id === focus)
      .map((n) => n.id),
  );
  const edges = g.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  const touched = new Set(edges.flatMap((e) => [e.source, e.target]));
  // An entity stays only while something it is mentioned in is shown (unless nothing is filtered).
  const filtered = f.tag !== '' || f.from !== '' || f.to !== '' || near !== null;
  const nodes = g.nodes.filter((n) => keep.has(n.id) && (touched.has(n.id) || n.id === focus || (!filtered && n.kind === 'entity')));
  return { nodes, edges };
}

/** Creates cytoscape's own marker so it does not insert a <style> element (blocked by the CSP). */
function preempCytoscapeStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  marker.name = 'cytoscape-container-style';
  marker.content = 'in app.css (.graph-canvas)';
  document.head.append(marker);
}

/** Runs `fn` (synchronously) with Math.random replaced by a seeded generator (mulberry32). */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  let a = (seed * 2654435761) >>> 0 || 1;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function LinkChart({ focus, depth = 1 }: { focus?: string; depth?: number }) {
  const ws = useWorkspace();
  const { api, open } = ws;
  const graph = useQuery({ queryKey: ['graph'], queryFn: () => loadGraph(api) });
  const saved = useQuery({
    queryKey: ['ui', 'chart'],
    queryFn: async () => (typeof (api as Partial<AppApi>)['ui.get'] === 'function' ? (await api['ui.get']({})).chart : {}),
    staleTime: Infinity,
  });
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [tag, setTag] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [find, setFind] = useState('');
  const [layoutMs, setLayoutMs] = useState<number | null>(null);
  const [layoutRun, setLayoutRun] = useState(0);
  const forceLayout = useRef(false);
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const positions = useRef<Record<string, { x: number; y: number }>>({});

  const visible = useMemo(() => (graph.data ? visibleGraph(graph.data, { hidden, tag, from, to }, focus, depth) : null), [graph.data, hidden, tag, from, to, focus, depth]);
  const allTags = useMemo(() => [...new Set((graph.data?.nodes ?? []).flatMap((n) => (n.kind === 'entity' ? [] : n.tags)))].sort((a, b) => a.localeCompare(b)), [graph.data]);
  const focusNode = graph.data?.nodes.find((n) => n.id === focus);

  useEffect(() => {
    if (saved.data) positions.current = { ...saved.data, ...positions.current };
  }, [saved.data]);

  useEffect(() => {
    if (!visible || !box.current || !saved.data) return;
    let live = true;
    const el = box.current;
    void Promise.all([import('cytoscape'), import('cytoscape-fcose')]).then(([{ default: cytoscape }, { default: fcose }]) => {
      if (!live) return;
      if (!registered) {
        cytoscape.use(fcose);
        registered = true;
      }
      const t0 = performance.now();
      const known = positions.current;
      const degree = new Map<string, number>();
      for (const e of visible.edges) {
        degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
        degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
      }
      const placed = visible.nodes.filter((n) => known[n.id]).length;
      // Enough remembered: keep them, put newcomers next to a remembered neighbour. Else lay out afresh, seeded.
      const reuse = !forceLayout.current && visible.nodes.length > 0 && placed / visible.nodes.length >= 0.6;
      forceLayout.current = false;
      const neighbours = new Map<string, string[]>();
      for (const e of visible.edges) {
        neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target]);
        neighbours.set(e.target, [...(neighbours.get(e.target) ?? []), e.source]);
      }
      const start = (id: string) => {
        const k = known[id];
        if (k) return { ...k };
        const s = seededPosition(id, Math.sqrt(visible.nodes.length) * 90);
        if (!reuse) return s;
        const anchor = (neighbours.get(id) ?? []).map((n) => known[n]).find(Boolean);
        return anchor ? { x: anchor.x + s.x / 8, y: anchor.y + s.y / 8 } : s;
      };
      const elements: ElementDefinition[] = [
        ...visible.nodes.map((n) => ({
          data: { id: n.id, label: n.label.length > 48 ? `${n.label.slice(0, 46)}…` : n.label, kind: n.kind, type: n.type ?? n.kind, degree: degree.get(n.id) ?? 0 },
          position: start(n.id),
          classes: n.id === focus ? 'focus' : '',
        })),
        ...visible.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, kind: e.kind } })),
      ];
      cy.current?.destroy();
      preempCytoscapeStylesheet();
      const c = withSeededRandom(visible.nodes.length, () => cytoscape({
        container: el,
        elements,
        layout: reuse
          ? { name: 'preset', fit: false }
          : ({
              // fcose: a spectral start then force-directed refinement, fast for hundreds of nodes. Its
              // random sampling runs on a seeded generator (withSeededRandom), so the same chart gives the same picture.
              name: 'fcose',
              quality: 'default',
              randomize: true,
              animate: false,
              fit: false,
              nodeRepulsion: () => 9000,
              idealEdgeLength: () => 90,
              nodeSeparation: 90,
              gravity: 0.2,
              numIter: 2500,
              packComponents: true,
            } as unknown as LayoutOptions),
        minZoom: 0.1,
        maxZoom: 2.5,
        style: chartStyle({
          fg: cssVar('--fg', '#222'),
          bg: cssVar('--panel', '#fff'),
          line: cssVar('--line', '#bbb'),
          accent: cssVar('--accent', '#1f5fa8'),
          typeColor: (t) => cssVar(`--type-${t}`, '#888'),
          types: ['report', 'note', ...ENTITY_TYPES],
        }),
      }));
      // Default view: the whole chart if its labels stay readable, else readable zoom around the focus or the best-connected item.
      c.fit(undefined, 40);
      if (c.zoom() > 1.3) {
        c.zoom(1.3);
        c.center();
      } else if (c.zoom() < 0.9) {
        const centre = (focus ? c.getElementById(focus) : null) ?? c.nodes().max((n: NodeSingular) => n.degree(false)).ele;
        c.zoom(0.9);
        if (centre && centre.length > 0) c.center(centre);
      }
      const ranks = degreeRanks(degree);
      const relabel = () => {
        const z = c.zoom();
        let shown = 0;
        c.batch(() => {
          c.nodes().forEach((n) => {
            if (labelledAt(z, ranks.get(n.id()) ?? 0, n.hasClass('focus'))) {
              n.addClass('labelled');
              shown++;
            } else n.removeClass('labelled');
          });
        });
        // For tests and the bench: how many labels the current zoom shows.
        el.dataset.labels = String(shown);
        el.dataset.zoom = z.toFixed(2);
      };
      relabel();
      let pending = false;
      c.on('zoom', () => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          relabel();
        });
      });
      c.on('mouseover', 'node', (evt) => {
        const n = evt.target as NodeSingular;
        n.addClass('hover');
        n.neighborhood().addClass('near');
      });
      c.on('mouseout', 'node', (evt) => {
        const n = evt.target as NodeSingular;
        n.removeClass('hover');
        n.neighborhood().removeClass('near');
      });
      c.on('tap', 'node', (evt) => {
        const kind = evt.target.data('kind') as RecordKind;
        open(routeFor(kind, evt.target.id()));
      });
      const remember = () => {
        const next: Record<string, { x: number; y: number }> = {};
        c.nodes().forEach((n) => {
          const p = n.position();
          next[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
        });
        positions.current = { ...positions.current, ...next };
        if (typeof (api as Partial<AppApi>)['ui.set'] === 'function') void api['ui.set']({ chart: next }).catch(() => undefined);
      };
      c.on('dragfree', 'node', remember);
      if (!reuse) remember();
      cy.current = c;
      setLayoutMs(Math.round(performance.now() - t0));
      el.dataset.layoutMs = String(Math.round(performance.now() - t0));
      el.dataset.nodes = String(visible.nodes.length);
    });
    return () => {
      live = false;
    };
  }, [visible, saved.data, open, focus, api, layoutRun]);

  useEffect(() => () => cy.current?.destroy(), []);

  // Search in the chart: matches are marked and labelled, the rest fades.
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    const q = find.trim();
    c.batch(() => {
      c.nodes().removeClass('match faded');
      if (!q) return;
      c.nodes().forEach((n) => {
        if (fuzzyScore(q, String(n.data('label'))) !== null) n.addClass('match');
        else n.addClass('faded');
      });
    });
  }, [find, visible, layoutMs]);

  const centreOnMatch = () => {
    const c = cy.current;
    const m = c?.nodes('.match');
    if (c && m && m.length > 0) c.animate({ center: { eles: m.first() }, zoom: Math.max(c.zoom(), 1) }, { duration: 200 });
  };

  const toggle = (k: string) => {
    const next = new Set(hidden);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setHidden(next);
  };
  const relayout = () => {
    // Lays the shown items out afresh (seeded); the new positions are then remembered.
    forceLayout.current = true;
    setLayoutRun((n) => n + 1);
  };

  return (
    <section className="graph" aria-labelledby="graph-title">
      <div className="graph-head">
        <h2 id="graph-title">
          Link chart
          {focusNode ? <span className="graph-focus"> around {focusNode.label}</span> : null}
        </h2>
        <div className="graph-tools">
          <label>
            Find in chart{' '}
            <input
              type="search"
              value={find}
              placeholder="Name or title"
              onChange={(e) => setFind(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  centreOnMatch();
                }
              }}
            />
          </label>
          {focus ? (
            <>
              <label>
                Depth{' '}
                <select value={depth} onChange={(e) => open({ view: 'graph', focus, depth: Number(e.target.value) }, { replace: true })}>
                  <option value={1}>1 step</option>
                  <option value={2}>2 steps</option>
                  <option value={3}>3 steps</option>
                </select>
              </label>
              <button type="button" onClick={() => open({ view: 'graph' })}>
                Whole notebook
              </button>
            </>
          ) : null}
<button type="button" onClick={relayout} title="Forget the remembered positions and lay the chart out again">
            Re-layout
          </button>
          <details className="graph-filters">
            <summary>Filters{hidden.size > 0 || tag || from || to ? ' (on)' : ''}</summary>
            <div className="graph-filter-pop">
            <div className="graph-filter-row">
              <label>
            Tag{' '}
            <select value={tag} onChange={(e) => setTag(e.target.value)}>
              <option value="">any</option>
              {allTags.map((t) => (
                <option key={t} value={t}>
                  #{t}
                </option>
              ))}
            </select>
          </label>
          <label>
            From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
            </div>
            <fieldset className="filters">
          <legend>Show</legend>
          {['report', 'note', ...ENTITY_TYPES].map((t) => (
            <label key={t} className="chip-check">
              <input type="checkbox" checked={!hidden.has(t)} onChange={() => toggle(t)} />
              <span className={`dot type-${t}`} aria-hidden="true" /> {t}
            </label>
          ))}
        </fieldset>
            </div>
          </details>
        </div>
      </div>
      {graph.isLoading ? <p role="status">Building the chart…</p> : null}
      {graph.isError ? <p role="alert">The chart could not be built: {graph.error.message}</p> : null}
      {visible && visible.nodes.length === 0 ? (
        <p className="empty">Nothing to chart {focus || tag || from || to ? 'with these filters' : 'yet'}. Tag entities in reports, or link them from notes with [[Name]].</p>
      ) : null}
      <div ref={box} className="graph-canvas" role="img" aria-label={`Link chart of ${visible?.nodes.length ?? 0} items; the details panel lists the same items`} />
      <p className="hint graph-status" aria-live="polite">
        {visible ? `${visible.nodes.length} items, ${visible.edges.length} links` : ''}
        {layoutMs !== null ? ` · laid out in ${layoutMs} ms` : ''} · scroll to zoom, drag to move, hover for names, click to open
      </p>
      {visible && visible.nodes.length > 0 ? (
        <Aside>
          <section className="panel graph-list" aria-labelledby="graph-items">
            <h3 id="graph-items">Items in the chart ({visible.nodes.length})</h3>
            <ul className="plain-list" aria-label="Items in the chart">
              {visible.nodes.map((n) => (
                <li key={n.id}>
                  <button type="button" className="link-button" onClick={() => open(routeFor(n.kind, n.id))}>
                    {n.label}
                  </button>{' '}
                  <span className="muted">{n.type ?? n.kind}</span>{' '}
                  <button type="button" className="link-button graph-around" aria-label={`Chart around ${n.label}`} onClick={() => open({ view: 'graph', focus: n.id, depth })}>
                    ◎
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </Aside>
      ) : null}
    </section>
  );
}
