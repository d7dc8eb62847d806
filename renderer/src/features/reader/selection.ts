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

/** The DOM position of a body offset inside the reader's text (spans carry `data-start`). */
function pointAt(container: HTMLElement, offset: number): { node: Node; offset: number } | null {
  const spans = container.querySelectorAll<HTMLElement>('[data-start]');
  let lo = 0;
  let hi = spans.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const el = spans[mid] as HTMLElement;
    if (Number(el.dataset.start) <= offset) {
      found = el;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!found) return null;
  let rest = offset - Number(found.dataset.start);
  const walker = container.ownerDocument.createTreeWalker(found, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (rest <= n.data.length) return { node: n, offset: rest };
    rest -= n.data.length;
    last = n;
  }
  return last ? { node: last, offset: last.data.length } : null;
}

/** A DOM range over the body offsets [start, end), or null if the text is not rendered. */
export function rangeForOffsets(container: HTMLElement, start: number, end: number): Range | null {
  const a = pointAt(container, start);
  const b = pointAt(container, end);
  if (!a || !b) return null;
  const range = container.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** The viewport rectangle of body offsets [start, end): where a toolbar for them floats. */
export function rectOfOffsets(container: HTMLElement, start: number, end: number): { left: number; top: number; width: number; height: number } | null {
  const range = rangeForOffsets(container, start, end);
  if (!range) return null;
  const rects = range.getClientRects();
  // A selection over many lines: float by its first line when that is on screen, else by the whole.
  const first = rects.length > 0 ? rects[0] : undefined;
  const r = first && first.bottom > 0 && first.top < window.innerHeight ? first : range.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}
