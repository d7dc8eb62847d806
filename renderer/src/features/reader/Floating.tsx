/**
 * A box floating beside an anchor (the selection) in fixed position, placed by `placeFloating` so it
 * stays wholly inside the viewport; it follows the anchor while the page scrolls or resizes.
 */
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { placeFloating, type Placement, type Rect } from './placement';

interface Props {
  /** The anchor's rectangle in viewport coordinates, read again on every scroll. */
  anchor: () => Rect | null;
  label: string;
  className?: string;
  prefer?: 'above' | 'below';
  role?: 'toolbar' | 'dialog';
  children: ReactNode;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
}

export function Floating({ anchor, label, className = '', prefer = 'above', role = 'dialog', children, onKeyDown }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<Placement | null>(null);
  const place = useCallback(() => {
    const el = ref.current;
    const a = anchor();
    if (!el || !a) return;
    const box = { width: el.offsetWidth, height: el.scrollHeight };
    setPos(placeFloating(a, box, { width: window.innerWidth, height: window.innerHeight }, prefer));
  }, [anchor, prefer]);
  useLayoutEffect(() => {
    place();
    const on = () => place();
    window.addEventListener('scroll', on, true);
    window.addEventListener('resize', on);
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(on) : null;
    if (ref.current) ro?.observe(ref.current);
    return () => {
      window.removeEventListener('scroll', on, true);
      window.removeEventListener('resize', on);
      ro?.disconnect();
    };
  }, [place]);
  return (
    <div
      ref={ref}
      role={role}
      aria-label={label}
      className={`floating ${className} ${pos ? `side-${pos.side}` : 'measuring'}`}
      style={pos ? { left: pos.left, top: pos.top, maxHeight: pos.maxHeight } : { left: 0, top: 0, visibility: 'hidden' }}
      onKeyDown={onKeyDown}
      onMouseDown={(e) => e.stopPropagation()}
    >
      {children}
    </div>
  );
}
