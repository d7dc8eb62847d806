/**
 * The list pane: a virtualized, sortable, filterable list of reports, notes or entities.
 * Keyboard: the list is one tab stop (listbox); arrows, Home, End, PageUp, PageDown move, Enter opens.
 *
 * Items come either all at once (`items`: notes, entities, search results) or, for reports, a page
 * at a time from the back end (`pages`): the list asks for the pages its visible rows fall in, with
 * the chosen order and the filter's words, and counts what the back end says it holds. With
 * `pages`, `items` are shown first (the tag view's notes), sorted and filtered here.
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatCount, formatDate } from '../../ui/format';
import { useDebounced } from '../../ui/useDebounced';
import { filterHaystack, filterWords, holdsWords, type RecordKind } from '../../../../electron/api';

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
export type PageSort = Exclude<Sort, 'rank'>;

export interface PageQuery {
  sort: PageSort;
  /** The filter box's text, trimmed ('' for none). */
  text: string;
  offset: number;
  limit: number;
}

/** Where a long list's pages come from. */
export interface PagedSource {
  /** The pages' query key (with the sort, the filter and the page number appended): invalidating a prefix of it reloads them. */
  key: readonly unknown[];
  load(q: PageQuery): Promise<{ total: number; items: ListItem[] }>;
}

interface Loaded {
  total: number;
  items: ListItem[];
}

/** Rows per page asked of the back end: a screen is 10 to 20 rows. */
const PAGE = 100;
/** How long typing in the filter box pauses before the back end is asked. */
const FILTER_DELAY_MS = 120;

interface Props {
  heading: string;
  items: ListItem[];
  loading: boolean;
  emptyText: string;
  activeId: string | null;
  onOpen(item: ListItem): void;
  /** The items come in a meaningful order (search results): offer and default to "Best match". */
  ranked?: boolean;
  /** Rows after `items`, a page at a time from the back end. */
  pages?: PagedSource;
}

const ROW = 64;

export function ListPane({ heading, items, loading, emptyText, activeId, onOpen, ranked = false, pages }: Props) {
  const qc = useQueryClient();
  const [filter, setFilter] = useState('');
  const [chosenSort, setSort] = useState<Sort>('date-desc');
  const [rankedSort, setRankedSort] = useState<Sort>('rank');
  const sort = ranked ? rankedSort : chosenSort === 'rank' ? 'date-desc' : chosenSort;
  const [cursor, setCursor] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    // The same rule as the back end's pages: every word inside the title or a tag, case and accents aside.
    const words = filterWords(filter);
    const list = words.length > 0 ? items.filter((i) => holdsWords(filterHaystack([i.title, ...i.tags]), words)) : [...items];
    if (sort !== 'rank') list.sort((a, b) => {
      if (sort === 'title') return a.title.localeCompare(b.title);
      if (sort === 'imported-desc') return (b.imported ?? b.date ?? '').localeCompare(a.imported ?? a.date ?? '') || a.title.localeCompare(b.title);
      // Undated items go last whichever way dates run.
      if (a.date === null || b.date === null) return a.date === b.date ? a.title.localeCompare(b.title) : a.date === null ? 1 : -1;
      return (sort === 'date-desc' ? b.date.localeCompare(a.date) : a.date.localeCompare(b.date)) || a.title.localeCompare(b.title);
    });
    return list;
  }, [items, filter, sort]);

  // Paged rows: the pages the visible rows fall in, asked for with the order and the filter's words.
  const pageSort: PageSort = sort === 'rank' ? 'date-desc' : sort;
  const text = useDebounced(filter.trim(), FILTER_DELAY_MS);
  const pageQuery = (n: number) => ({
    queryKey: [...(pages?.key ?? []), pageSort, text, n],
    queryFn: (): Promise<Loaded> => (pages as PagedSource).load({ sort: pageSort, text, offset: n * PAGE, limit: PAGE }),
  });
  // The back end's count, kept while the next filter's first answer is on its way.
  // Per source (another section's count is not this one's), but across its orders and filters.
  const source = JSON.stringify(pages?.key ?? null);
  const [counted, setCounted] = useState<{ source: string; total: number } | null>(null);
  const total = counted?.source === source ? counted.total : null;
  const count = shown.length + (pages ? (total ?? 0) : 0);
  const v = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 8 });
  const visible = v.getVirtualItems();
  const firstPage = Math.floor(Math.max(0, (visible[0]?.index ?? 0) - shown.length) / PAGE);
  const lastPage = Math.floor(Math.max(0, (visible[visible.length - 1]?.index ?? 0) - shown.length) / PAGE);
  const wanted = pages ? Array.from({ length: lastPage - firstPage + 1 }, (_, i) => firstPage + i) : [];
  const results = useQueries({ queries: wanted.map(pageQuery) });
  const known = results.find((r) => r.data)?.data?.total;
  if (known !== undefined && known !== total) setCounted({ source, total: known });
  const pagesLoading = pages !== undefined && total === null && known === undefined && !results.some((r) => r.error);
  const pageError = results.find((r) => r.error)?.error;
  const rowAt = (i: number): ListItem | undefined => {
    if (i < shown.length) return shown[i];
    const at = i - shown.length;
    const n = Math.floor(at / PAGE);
    // The visible pages are the queries above; any other is looked up in the cache.
    const page = n >= firstPage && n <= lastPage ? results[n - firstPage]?.data : qc.getQueryData<Loaded>(pageQuery(n).queryKey);
    return page?.items[at % PAGE];
  };
  /** The row at `i`, loading its page first if it is not here yet (End then Enter at once). */
  const loadRow = async (i: number): Promise<ListItem | undefined> => {
    const here = rowAt(i);
    if (here || !pages || i < shown.length) return here;
    const at = i - shown.length;
    return (await qc.fetchQuery(pageQuery(Math.floor(at / PAGE)))).items[at % PAGE];
  };

  const hasImported = pages !== undefined || items.some((i) => i.imported !== undefined);
  const active = Math.min(cursor, Math.max(0, count - 1));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    let next = active;
    if (e.key === 'ArrowDown') next = Math.min(count - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'PageDown') next = Math.min(count - 1, active + 10);
    else if (e.key === 'PageUp') next = Math.max(0, active - 10);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      void loadRow(active).then((it) => it && onOpen(it), () => undefined);
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
          {heading} <span className="count">{loading || pagesLoading ? '' : formatCount(count)}</span>
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
      {loading || pagesLoading ? (
        <p className="hint" role="status">
          Loading…
        </p>
      ) : pageError ? (
        <p className="error" role="alert">
          The list could not be loaded: {pageError.message}
        </p>
      ) : count === 0 ? (
        <p className="empty">{filter ? 'Nothing matches this filter.' : emptyText}</p>
      ) : null}
      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        aria-label={heading}
        tabIndex={count > 0 ? 0 : -1}
        aria-activedescendant={count > 0 ? optionId(active) : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="list-inner" style={{ height: v.getTotalSize() }}>
          {visible.map((row) => {
            const it = rowAt(row.index);
            if (!it) {
              return (
                <div
                  key={`row:${row.index}`}
                  id={optionId(row.index)}
                  role="option"
                  aria-selected={false}
                  aria-busy="true"
                  className={`list-row pending ${row.index === active ? 'cursor' : ''}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW }}
                >
                  <span className="row-title">…</span>
                </div>
              );
            }
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
