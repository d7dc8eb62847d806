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
 * Whether a node's label shows at zoom `z`, given the share of items that have fewer links than
 * it (`rank`, 0 = fewest, 1 = most): from zoom 1.3 every label; below that only the
 * best-connected quarter, then tenth, then fiftieth, so labels do not pile up; the focus always.
 */
export function labelledAt(z: number, rank: number, focus: boolean): boolean {
  if (focus || z >= 1.3) return true;
  if (z >= 0.85) return rank >= 0.75;
  if (z >= 0.5) return rank >= 0.9;
  return rank >= 0.98;
}

/** For each id, the share of items with a lower degree (ties share the lower rank). */
export function degreeRanks(degrees: ReadonlyMap<string, number>): Map<string, number> {
  const sorted = [...degrees.values()].sort((a, b) => a - b);
  const n = Math.max(1, sorted.length);
  const firstAt = new Map<number, number>();
  sorted.forEach((d, i) => {
    if (!firstAt.has(d)) firstAt.set(d, i);
  });
  return new Map([...degrees].map(([id, d]) => [id, (firstAt.get(d) ?? 0) / n]));
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
