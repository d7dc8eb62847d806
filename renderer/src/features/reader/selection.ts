/**
 * Character offsets of the user's selection in the report's text. The reader renders the text as
 * spans carrying `data-start` (their offset in the body), so a DOM position maps back exactly.
 */
export interface BodySelection {
  start: number;
  end: number;
  text: string;
}

function offsetOf(container: HTMLElement, node: Node, offset: number): number | null {
  if (!container.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const span = node.parentElement?.closest<HTMLElement>('[data-start]');
    if (span && container.contains(span)) {
      // Text nodes before this one inside the same span (there is normally exactly one).
      let before = 0;
      for (const child of Array.from(span.childNodes)) {
        if (child === node) break;
        before += child.textContent?.length ?? 0;
      }
      return Number(span.dataset.start) + before + offset;
    }
  }
  const range = container.ownerDocument.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

export function selectionInBody(container: HTMLElement, sel: Selection | null, bodyLength: number): BodySelection | null {
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  const a = offsetOf(container, r.startContainer, r.startOffset);
  const b = offsetOf(container, r.endContainer, r.endOffset);
  if (a === null || b === null) return null;
  const start = Math.max(0, Math.min(a, b));
  const end = Math.min(bodyLength, Math.max(a, b));
  if (end <= start) return null;
  return { start, end, text: '' };
}

export interface Span {
  start: number;
  end: number;
  className: string;
  title?: string;
}

export interface Segment {
  start: number;
  end: number;
  classes: string[];
  titles: string[];
}

/** Cuts [0, length) at every span boundary; each piece lists the spans covering it. */
export function segment(length: number, spans: readonly Span[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const s of spans) {
    if (s.end > s.start && s.start < length) {
      cuts.add(Math.max(0, s.start));
      cuts.add(Math.min(length, s.end));
    }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    if (end <= start) continue;
    const cover = spans.filter((s) => s.start <= start && s.end >= end);
    out.push({ start, end, classes: cover.map((s) => s.className), titles: cover.flatMap((s) => (s.title ? [s.title] : [])) });
  }
  return out;
}

/** Case-insensitive occurrences of each term (search matches to highlight in the opened report). */
export function termSpans(text: string, terms: readonly string[], max = 500): Span[] {
  const out: Span[] = [];
  const lower = text.toLowerCase();
  for (const term of terms) {
    const t = term.toLowerCase();
    if (!t) continue;
    let at = lower.indexOf(t);
    while (at >= 0 && out.length < max) {
      out.push({ start: at, end: at + t.length, className: 'hl-search' });
      at = lower.indexOf(t, at + t.length);
    }
  }
  return out;
}
