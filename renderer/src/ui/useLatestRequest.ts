import { useEffect, useRef, useState } from 'react';

export type LatestState<R> =
  | { phase: 'idle' }
  | { phase: 'loading'; last: R | null }
  | { phase: 'done'; res: R }
  | { phase: 'error'; error: unknown };

/**
 * Runs `run(input)` for the latest input, at most one at a time and with no delay: a change while
 * a request is out is sent when that one returns (the keystrokes typed meanwhile become one
 * request). An answer for an older input is kept as the `last` one shown while the newest loads;
 * only the newest input's answer ends the loading. `input` null means nothing to ask (idle).
 * Inputs are compared by their JSON; a new `run` (another notebook's api) asks again.
 */
export function useLatestRequest<I, R>(input: I | null, run: (input: I) => Promise<R>): LatestState<R> {
  const [state, setState] = useState<LatestState<R>>({ phase: 'idle' });
  const key = input === null ? null : JSON.stringify(input);
  const wanted = useRef<{ key: string; input: I; run: (input: I) => Promise<R> } | null>(null);
  const busy = useRef(false);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    const current = inputRef.current;
    wanted.current = key === null || current === null ? null : { key, input: current, run };
    if (wanted.current === null) {
      setState({ phase: 'idle' });
      return;
    }
    setState((s) => ({ phase: 'loading', last: s.phase === 'done' ? s.res : s.phase === 'loading' ? s.last : null }));
    if (busy.current) return; // sent when the request that is out returns
    const send = (): void => {
      const want = wanted.current;
      if (!want) {
        busy.current = false;
        return;
      }
      busy.current = true;
      const settle = (next: LatestState<R>, res: R | null): void => {
        if (wanted.current?.key === want.key && wanted.current.run === want.run) {
          busy.current = false;
          setState(next);
        } else {
          if (res !== null) setState((s) => (s.phase === 'loading' ? { phase: 'loading', last: res } : s));
          send();
        }
      };
      want.run(want.input).then(
        (res) => settle({ phase: 'done', res }, res),
        (error: unknown) => settle({ phase: 'error', error }, null),
      );
    };
    send();
  }, [key, run]);

  return state;
}
