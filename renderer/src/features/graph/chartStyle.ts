/** The link chart's look and its label rules, apart from the component so they can be tested. */
import type { StylesheetJson } from 'cytoscape';

/** A deterministic starting position for an id (FNV-1a hash on a disc of `radius`): the same notebook lays out the same way. */
export function seededPosition(id: string, radius: number): { x: number; y: number } {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const a = ((h & 0xffff) / 0x10000) * Math.PI * 2;
  const r = Math.sqrt((h >>> 16) / 0x10000) * radius;
  return { x: Math.round(Math.cos(a) * r), y: Math.round(Math.sin(a) * r) };
}

/**
 * Whether a node's label shows at zoom `z`: from zoom 1.3 every label; below that, only items
 * with more links (the hubs first), so labels do not pile up; the focus item always.
 */
export function labelledAt(z: number, degree: number, focus: boolean): boolean {
  if (focus || z >= 1.3) return true;
  if (z >= 0.9) return degree >= 3;
  if (z >= 0.5) return degree >= 8;
  return degree >= 20;
}

export interface ChartColours {
  fg: string;
  bg: string;
  line: string;
  accent: string;
  typeColor(t: string): string;
  types: string[];
}

export function chartStyle(c: ChartColours): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        width: 'mapData(degree, 0, 30, 14, 34)',
        height: 'mapData(degree, 0, 30, 14, 34)',
        'border-width': 1,
        'border-color': c.bg,
        label: '',
        color: c.fg,
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '160px',
        'text-background-color': c.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
      },
    },
    ...c.types.map((t) => ({ selector: `node[type = "${t}"]`, style: { 'background-color': c.typeColor(t) } })),
    { selector: 'node[kind = "report"]', style: { shape: 'round-rectangle' as const } },
    { selector: 'node[kind = "note"]', style: { shape: 'diamond' as const } },
    { selector: 'node.labelled, node.match, node.hover, node.near', style: { label: 'data(label)' } },
    { selector: 'node.hover', style: { 'font-size': 14, 'font-weight': 'bold', 'z-index': 20, 'text-max-width': '320px', 'min-zoomed-font-size': 0 } },
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': c.accent, 'font-weight': 'bold' } },
    { selector: 'node.match', style: { 'border-width': 3, 'border-color': c.accent, 'z-index': 10 } },
    { selector: 'node.faded', style: { opacity: 0.25 } },
    { selector: 'edge', style: { width: 1.2, 'line-color': c.line, 'curve-style': 'haystack' as const, opacity: 0.8 } },
    { selector: 'edge[kind = "link"]', style: { 'line-style': 'dashed' as const } },
  ];
}
