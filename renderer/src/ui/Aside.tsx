/** Views put their side panels into the one top-level complementary landmark. */
import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export const AsideSlot = createContext<HTMLElement | null>(null);

export function Aside({ children }: { children: ReactNode }) {
  const el = useContext(AsideSlot);
  return el ? createPortal(children, el) : null;
}
