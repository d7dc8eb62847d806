/**
 * Where a floating box (the selection toolbar, the forms it opens) goes: beside its anchor (the
 * selection), above it when there is room, else below, else wherever it fits, and always wholly
 * inside the viewport, even when the anchor is partly scrolled out of view or the box is taller
 * than the room on either side.
 */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'above' | 'below' | 'over';
  /** Set when the box is taller than the viewport allows: the most it may be (it scrolls inside). */
  maxHeight?: number;
}

export const GAP = 8;
export const MARGIN = 8;

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

export function placeFloating(anchor: Rect, box: Size, viewport: Size, prefer: 'above' | 'below' = 'above'): Placement {
  const maxW = Math.max(0, viewport.width - 2 * MARGIN);
  const maxH = Math.max(0, viewport.height - 2 * MARGIN);
  const width = Math.min(box.width, maxW);
  const height = Math.min(box.height, maxH);
  // The part of the anchor that is on screen (a selection may run past the top or bottom).
  const aTop = clamp(anchor.top, 0, viewport.height);
  const aBottom = clamp(anchor.top + anchor.height, 0, viewport.height);
  const centre = clamp(anchor.left + anchor.width / 2, 0, viewport.width);
  const left = clamp(centre - width / 2, MARGIN, Math.max(MARGIN, viewport.width - MARGIN - width));
  const roomAbove = aTop - GAP - MARGIN;
  const roomBelow = viewport.height - aBottom - GAP - MARGIN;
  const above = { left, top: aTop - GAP - height, side: 'above' as const };
  const below = { left, top: aBottom + GAP, side: 'below' as const };
  const fitsAbove = roomAbove >= height;
  const fitsBelow = roomBelow >= height;
  let out: Placement;
  if (prefer === 'above' ? fitsAbove : !fitsBelow && fitsAbove) out = above;
  else if (fitsBelow) out = below;
  else out = { left, top: clamp(roomBelow >= roomAbove ? aBottom + GAP : aTop - GAP - height, MARGIN, viewport.height - MARGIN - height), side: 'over' };
  if (box.height > maxH) out.maxHeight = maxH;
  out.top = clamp(out.top, MARGIN, Math.max(MARGIN, viewport.height - MARGIN - height));
  return out;
}
