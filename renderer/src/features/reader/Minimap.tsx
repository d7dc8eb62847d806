/**
 * The reader's margin map: a thin bar beside the text with a tick where each find or search match
 * and each tagged mention is, at its height in the text. Clicking a tick scrolls there.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export interface MapMark {
  start: number;
  kind: 'match' | 'current' | 'mention';
}

interface Props {
  textRef: RefObject<HTMLDivElement | null>;
  marks: MapMark[];
  /** Changes whenever the text's layout may have changed. */
  layoutKey: string;
  onJump(start: number): void;
}

const MAX_TICKS = 400;

/** The nearest ancestor that scrolls vertically: the map sticks to its top and spans its height. */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const oy = getComputedStyle(p).overflowY;
    if (oy === 'auto' || oy === 'scroll') return p;
  }
  return null;
}

export function Minimap({ textRef, marks, layoutKey, onJump }: Props) {
  const [ticks, setTicks] = useState<Array<MapMark & { at: number }>>([]);
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const root = textRef.current;
    if (!root) return;
    const scroller = scrollParent(root);
    const measure = () => {
      // As tall as the visible part of the scrolling pane inside its padding (where a sticky
      // element stops), whatever the window and banner sizes.
      if (scroller) {
        const cs = getComputedStyle(scroller);
        setHeight(scroller.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom));
      }
      const total = root.scrollHeight || 1;
      const top = root.getBoundingClientRect().top;
      const out: Array<MapMark & { at: number }> = [];
      for (const m of marks.slice(0, MAX_TICKS)) {
        const el = root.querySelector<HTMLElement>(`[data-start="${m.start}"]`);
        if (!el) continue;
        out.push({ ...m, at: Math.min(100, Math.max(0, ((el.getBoundingClientRect().top - top) / total) * 100)) });
      }
      setTicks(out);
    };
    measure();
    window.addEventListener('resize', measure);
    const seen = scroller && typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    if (scroller) seen?.observe(scroller);
    return () => {
      window.removeEventListener('resize', measure);
      seen?.disconnect();
    };
  }, [textRef, marks, layoutKey]);
  const style = height === null ? undefined : { height: `${height}px` };
  if (ticks.length === 0) return <div className="minimap empty" aria-hidden="true" style={style} />;
  return (
    <nav className="minimap" aria-label="Where the matches and mentions are" style={style}>
      {ticks.map((t, i) => (
        <button
          key={`${t.kind}:${t.start}:${i}`}
          type="button"
          tabIndex={-1}
          className={`tick tick-${t.kind}`}
          style={{ top: `${t.at}%` }}
          title={t.kind === 'mention' ? 'Tagged mention' : 'Match'}
          aria-label={`${t.kind === 'mention' ? 'Mention' : 'Match'} at ${Math.round(t.at)}% of the text`}
          onClick={() => onJump(t.start)}
        />
      ))}
    </nav>
  );
}
