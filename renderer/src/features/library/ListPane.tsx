/**
 * The list pane: a virtualized, sortable, filterable list of reports, notes or entities.
 * Keyboard: the list is one tab stop (listbox); arrows, Home, End move, Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatDate } from '../../ui/format';
import type { RecordKind } from '../../../../electron/api';

export interface ListItem {
  kind: RecordKind;
  id: string;
  title: string;
  /** ISO date used for sorting and shown under the title (a report's published date: null when it states none). */
  date: string | null;
  /** Reports: when it was imported (never shown as its date). */
  imported?: string;
  detail: string;
  tags: string[];
}

type Sort = 'rank' | 'date-desc' | 'date-asc' | 'imported-desc' | 'title';

interface Props {
  heading: string;
  items: ListItem[];
  loading: boolean;
  emptyText: string;
  activeId: string | null;
  onOpen(item: ListItem): void;
  /** The items come in a meaningful order (search results): offer and default to "Best match". */
  ranked?: boolean;
}

const ROW = 64;

export function ListPane({ heading, items, loading, emptyText, activeId, onOpen, ranked = false }: Props) {
  const [filter, setFilter] = useState('');
  const [chosenSort, setSort] = useState<Sort>('date-desc');
  const [rankedSort, setRankedSort] = useState<Sort>('rank');
  const sort = ranked ? rankedSort : chosenSort === 'rank' ? 'date-desc' : chosenSort;
  const [cursor, setCursor] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = f ? items.filter((i) => i.title.toLowerCase().includes(f) || i.tags.some((t) => t.toLowerCase().includes(f))) : [...items];
    if (sort !== 'rank') list.sort((a, b) => {
      if (sort === 'title') return a.title.localeCompare(b.title);
      if (sort === 'imported-desc') return (b.imported ?? b.date ?? '').localeCompare(a.imported ?? a.date ?? '') || a.title.localeCompare(b.title);
      // Undated items go last whichever way dates run.
      if (a.date === null || b.date === null) return a.date === b.date ? a.title.localeCompare(b.title) : a.date === null ? 1 : -1;
      return (sort === 'date-desc' ? b.date.localeCompare(a.date) : a.date.localeCompare(b.date)) || a.title.localeCompare(b.title);
    });
    return list;
  }, [items, filter, sort]);

  const hasImported = items.some((i) => i.imported !== undefined);
  const v = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 8 });
  const active = Math.min(cursor, Math.max(0, shown.length - 1));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    let next = active;
    if (e.key === 'ArrowDown') next = Math.min(shown.length - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = shown.length - 1;
    else if (e.key === 'PageDown') next = Math.min(shown.length - 1, active + 10);
    else if (e.key === 'PageUp') next = Math.max(0, active - 10);
    else if (e.key === 'Enter' || e.key === ' ') {
      const it = shown[active];
      if (it) onOpen(it);
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    setCursor(next);
    v.scrollToIndex(next, { align: 'auto' });
  };

  const optionId = (i: number) => `list-opt-${i}`;
  return (
    <section className="list-pane" aria-labelledby="list-heading" id="list-pane">
      <div className="list-head">
        <h2 id="list-heading">
          {heading} <span className="count">{loading ? '' : shown.length}</span>
        </h2>
        <div className="list-tools">
          <label className="visually-hidden" htmlFor="list-filter">
            Filter {heading.toLowerCase()}
          </label>
          <input id="list-filter" type="text" placeholder="Filter…" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <label className="visually-hidden" htmlFor="list-sort">
            Sort by
          </label>
          <select id="list-sort" value={sort} onChange={(e) => (ranked ? setRankedSort : setSort)(e.target.value as Sort)}>
            {ranked ? <option value="rank">Best match</option> : null}
            <option value="date-desc">{hasImported ? 'Published, newest first' : 'Newest first'}</option>
            <option value="date-asc">{hasImported ? 'Published, oldest first' : 'Oldest first'}</option>
            {hasImported ? <option value="imported-desc">Imported, newest first</option> : null}
            <option value="title">Title A–Z</option>
          </select>
        </div>
      </div>
      {loading ? (
        <p className="hint" role="status">
          Loading…
        </p>
      ) : shown.length === 0 ? (
        <p className="empty">{filter ? 'Nothing matches this filter.' : emptyText}</p>
      ) : null}
      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        aria-label={heading}
        tabIndex={shown.length > 0 ? 0 : -1}
        aria-activedescendant={shown.length > 0 ? optionId(active) : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="list-inner" style={{ height: v.getTotalSize() }}>
          {v.getVirtualItems().map((row) => {
            const it = shown[row.index];
            if (!it) return null;
            return (
              <div
                key={`${it.kind}:${it.id}`}
                id={optionId(row.index)}
                role="option"
                aria-selected={it.id === activeId}
                className={`list-row ${row.index === active ? 'cursor' : ''} ${it.id === activeId ? 'selected' : ''}`}
                style={{ transform: `translateY(${row.start}px)`, height: ROW }}
                onClick={() => {
                  setCursor(row.index);
                  onOpen(it);
                }}
              >
                <span className="row-title">{it.title}</span>
                <span className="row-meta">
                  {it.imported !== undefined
                    ? sort === 'imported-desc' || !it.date
                      ? `${it.date ? formatDate(it.date) : 'undated'} · imported ${formatDate(it.imported)}`
                      : formatDate(it.date)
                    : it.date
                      ? formatDate(it.date)
                      : ''}
                  {it.detail ? ` · ${it.detail}` : ''}
                  {it.tags.length > 0 ? ` · ${it.tags.map((t) => `#${t}`).join(' ')}` : ''}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
