/**
 * The link chart: entities and reports as nodes, mentions and note links as edges (cytoscape).
 * Filter by entity type; click (or Enter on the list below) opens a node. Bounded so a large
 * notebook stays responsive.
 */
import { useQuery } from '@tanstack/react-query';
import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EntityType } from '../../../../electron/api';
import type { AppApi } from '../../app/api';
import { ENTITY_TYPES, routeFor, useWorkspace } from '../../app/workspace';

const MAX_ENTITIES = 150;
const MAX_NOTES = 100;

export interface GraphNode {
  id: string;
  kind: 'report' | 'note' | 'entity';
  label: string;
  type?: EntityType;
}
export interface GraphData {
  nodes: GraphNode[];
  edges: Array<{ source: string; target: string; kind: 'mention' | 'link' }>;
}

export async function loadGraph(api: AppApi): Promise<GraphData> {
  const [entities, notes] = await Promise.all([api['entities.list']({}), api['notes.list']({})]);
  const nodes = new Map<string, GraphNode>();
  const edges: GraphData['edges'] = [];
  const top = [...entities].sort((a, b) => b.mentions - a.mentions).slice(0, MAX_ENTITIES);
  for (const e of top) nodes.set(e.id, { id: e.id, kind: 'entity', label: e.name, type: e.type });
  const details = await Promise.all(top.map((e) => api['entities.get']({ id: e.id })));
  for (const d of details) {
    for (const r of d.reports) {
      if (!nodes.has(r.id)) nodes.set(r.id, { id: r.id, kind: 'report', label: r.title });
      edges.push({ source: d.id, target: r.id, kind: 'mention' });
    }
  }
  const links = await Promise.all(notes.slice(0, MAX_NOTES).map((n) => api['notes.links']({ id: n.id }).then((l) => ({ n, l }))));
  for (const { n, l } of links) {
    if (l.outgoing.length === 0) continue;
    nodes.set(n.id, { id: n.id, kind: 'note', label: n.title });
    for (const o of l.outgoing) {
      if (!nodes.has(o.id)) nodes.set(o.id, { id: o.id, kind: o.kind, label: o.title });
      edges.push({ source: n.id, target: o.id, kind: 'link' });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function LinkChart() {
  const ws = useWorkspace();
  const graph = useQuery({ queryKey: ['graph'], queryFn: () => loadGraph(ws.api) });
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const { open } = ws;

  const visible = useMemo(() => {
    const g = graph.data;
    if (!g) return null;
    const keep = new Set(g.nodes.filter((n) => !(n.kind === 'entity' ? hidden.has(n.type ?? 'other') : hidden.has(n.kind))).map((n) => n.id));
    const edges = g.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    const touched = new Set(edges.flatMap((e) => [e.source, e.target]));
    const nodes = g.nodes.filter((n) => keep.has(n.id) && (n.kind === 'entity' || touched.has(n.id)));
    return { nodes, edges };
  }, [graph.data, hidden]);

  useEffect(() => {
    if (!visible || !box.current) return;
    let live = true;
    const el = box.current;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (!live) return;
      const elements: ElementDefinition[] = [
        ...visible.nodes.map((n) => ({ data: { id: n.id, label: n.label.length > 40 ? `${n.label.slice(0, 38)}…` : n.label, kind: n.kind, type: n.type ?? n.kind } })),
        ...visible.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, kind: e.kind } })),
      ];
      const fg = cssVar('--fg', '#222');
      const line = cssVar('--line', '#bbb');
      const typeColor = (t: string) => cssVar(`--type-${t}`, '#888');
      cy.current?.destroy();
      const c = cytoscape({
        container: el,
        elements,
        layout: { name: 'cose', animate: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 80 },
        minZoom: 0.2,
        maxZoom: 1.5,
        style: [
          { selector: 'node', style: { label: 'data(label)', color: fg, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, width: 18, height: 18 } },
          ...['report', 'note', ...ENTITY_TYPES].map((t) => ({ selector: `node[type = "${t}"]`, style: { 'background-color': typeColor(t) } })),
          { selector: 'node[kind = "report"]', style: { shape: 'round-rectangle' as const } },
          { selector: 'node[kind = "note"]', style: { shape: 'diamond' as const } },
          { selector: 'edge', style: { width: 1.5, 'line-color': line, 'curve-style': 'haystack' as const } },
          { selector: 'edge[kind = "link"]', style: { 'line-style': 'dashed' as const } },
        ],
      });
      c.on('tap', 'node', (evt) => {
        const kind = evt.target.data('kind') as 'report' | 'note' | 'entity';
        open(routeFor(kind, evt.target.id()));
      });
      cy.current = c;
    });
    return () => {
      live = false;
    };
  }, [visible, open]);

  useEffect(() => () => cy.current?.destroy(), []);

  const toggle = (k: string) => {
    const next = new Set(hidden);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setHidden(next);
  };

  return (
    <section className="graph" aria-labelledby="graph-title">
      <div className="graph-head">
        <h2 id="graph-title">Link chart</h2>
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
      {graph.isLoading ? <p role="status">Building the chart…</p> : null}
      {graph.isError ? <p role="alert">The chart could not be built: {graph.error.message}</p> : null}
      {visible && visible.nodes.length === 0 ? (
        <p className="empty">Nothing to chart yet. Tag entities in reports, or link them from notes with [[Name]].</p>
      ) : null}
      <div ref={box} className="graph-canvas" role="img" aria-label={`Link chart of ${visible?.nodes.length ?? 0} items; the list below has the same items`} />
      {visible && visible.nodes.length > 0 ? (
        <details className="graph-list">
          <summary>Items in the chart ({visible.nodes.length})</summary>
          <ul className="plain-list">
            {visible.nodes.map((n) => (
              <li key={n.id}>
                <button type="button" className="link-button" onClick={() => open(routeFor(n.kind, n.id))}>
                  {n.label}
                </button>{' '}
                <span className="muted">{n.type ?? n.kind}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
