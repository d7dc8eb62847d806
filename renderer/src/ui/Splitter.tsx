/** A pane splitter: drag with a pointer, or focus it and use the arrow keys, Home and End. */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
  controls?: string;
  /** The pane is on the splitter's right: dragging or pressing right makes it narrower. */
  invert?: boolean;
}

export function Splitter({ label, value, min, max, onChange, controls, invert = false }: Props) {
  const drag = useRef<{ x: number; v: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.max(min, Math.min(max, v)));
  const sign = invert ? -1 : 1;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = (e.shiftKey ? 48 : 16) * sign;
    if (e.key === 'ArrowLeft') onChange(clamp(value - step));
    else if (e.key === 'ArrowRight') onChange(clamp(value + step));
    else if (e.key === 'Home') onChange(invert ? max : min);
    else if (e.key === 'End') onChange(invert ? min : max);
    else return;
    e.preventDefault();
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { x: e.clientX, v: value };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onChange(clamp(drag.current.v + sign * (e.clientX - drag.current.x)));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-controls={controls}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
