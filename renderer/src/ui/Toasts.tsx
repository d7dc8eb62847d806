/** Toasts: errors show the contract's `{code, message}` message; infos confirm an action. */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../app/api';

interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
  action?: { label: string; run(): void };
}

interface ToastApi {
  error(err: unknown): void;
  info(text: string, action?: Toast['action']): void;
}

const Ctx = createContext<ToastApi>({ error: () => undefined, info: () => undefined });

export function useToasts(): ToastApi {
  return useContext(Ctx);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-3), { ...t, id }]);
      setTimeout(() => dismiss(id), t.kind === 'error' ? 10_000 : 6_000);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      error: (err) => push({ kind: 'error', text: errorMessage(err) }),
      info: (text, action) => push({ kind: 'info', text, action }),
    }),
    [push],
  );
  return (
    <Ctx.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <span>{t.text}</span>
            {t.action ? (
              <button
                type="button"
                onClick={() => {
                  t.action?.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </button>
            ) : null}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}
