/**
 * Find in report (Ctrl+F in the reader): the search engine's own matching through `search.locate`,
 * so variants, typos and prefixes are found as a search finds them; a count, next and previous
 * (Enter, Shift+Enter, F3) and Escape to close (the current match stays selected for the keyboard).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MatchSpan } from '../../../../electron/api';
import { plural } from '../../../../electron/api/text';
import { errorMessage, type AppApi } from '../../app/api';
import { useDebounced } from '../../ui/useDebounced';

interface Props {
  api: AppApi;
  reportId: string;
  initial: string;
  current: number;
  matches: MatchSpan[];
  onMatches(q: string, m: MatchSpan[]): void;
  onMove(index: number): void;
  onClose(): void;
}

export function FindBar({ api, reportId, initial, current, matches, onMatches, onMove, onClose }: Props) {
  const [q, setQ] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const debounced = useDebounced(q, 60);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  useEffect(() => {
    const term = debounced.trim();
    if (!term) {
      onMatches('', []);
      return;
    }
    let live = true;
    api['search.locate']({ q: term, id: reportId }).then(
      (m) => {
        if (!live) return;
        setError(null);
        onMatches(term, m);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
    // onMatches comes from the reader; only the query and the report decide what to look up.
  }, [debounced, reportId]);

  const n = matches.length;
  const move = (d: number) => n > 0 && onMove((current + d + n) % n);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === 'F3') {
      e.preventDefault();
      move(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <div className="find-bar" role="search" aria-label="Find in report">
      <label className="visually-hidden" htmlFor="find-input">
        Find in this report
      </label>
      <input id="find-input" ref={input} type="search" placeholder="Find in report (variants too)…" value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={onKey} />
      <span className="find-count" role="status" aria-live="polite">
        {error ? error : q.trim() === '' ? '' : n === 0 ? 'no matches' : `${current + 1} of ${plural(n, 'match', 'matches')}`}
      </span>
      <button type="button" onClick={() => move(-1)} disabled={n === 0} aria-label="Previous match" title="Previous (Shift+Enter)">
        ↑
      </button>
      <button type="button" onClick={() => move(1)} disabled={n === 0} aria-label="Next match" title="Next (Enter)">
        ↓
      </button>
      <button type="button" onClick={onClose} aria-label="Close find" title="Close (Escape)">
        ✕
      </button>
    </div>
  );
}
