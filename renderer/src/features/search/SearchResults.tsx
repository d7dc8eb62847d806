/**
 * Search results: the query is sent as it is typed, one request at a time (keys typed while one is
 * out become the next request), with the chosen filters
 * (kind, tag, entity, date range); snippets and titles show the matched ranges as <mark>.
 */
import { useCallback } from 'react';
import type { EntityRecord, MethodInput, SearchKind, SearchResultItem, TagCount } from '../../../../electron/api';
import { errorMessage, type AppApi } from '../../app/api';
import { Highlighted } from '../../ui/Highlighted';
import { useLatestRequest } from '../../ui/useLatestRequest';
import { formatCount, formatDate } from '../../ui/format';

export interface SearchFilters {
  kinds: SearchKind[];
  tag: string;
  entityId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: SearchFilters = { kinds: [], tag: '', entityId: '', from: '', to: '' };

export function toQuery(q: string, f: SearchFilters, limit = 50): MethodInput<'search.query'> {
  const input: MethodInput<'search.query'> = { q: q.trim(), limit };
  if (f.kinds.length > 0) input.kinds = f.kinds;
  if (f.tag) input.tags = [f.tag];
  if (f.entityId) input.entityId = f.entityId;
  if (f.from) input.from = f.from;
  if (f.to) input.to = f.to;
  return input;
}

interface Props {
  api: AppApi;
  q: string;
  filters: SearchFilters;
  onFilters(f: SearchFilters): void;
  /** `atMatch`: the snippet was chosen, so open the record at that match. */
  onOpen(hit: SearchResultItem, atMatch?: boolean): void;
  tags?: TagCount[];
  entities?: EntityRecord[];
  /** The search index is still loading (first search after opening): say so while waiting. */
  preparing?: boolean;
}

const KINDS: Array<{ kind: SearchKind; label: string }> = [
  { kind: 'report', label: 'Reports' },
  { kind: 'note', label: 'Notes' },
  { kind: 'entity', label: 'Entities' },
];

export function SearchResults({ api, q, filters, onFilters, onOpen, tags = [], entities = [], preparing = false }: Props) {
  const input = toQuery(q, filters);
  const ask = useCallback((i: MethodInput<'search.query'>) => api['search.query'](i), [api]);
  const state = useLatestRequest(input.q ? input : null, ask);
  const shown = state.phase === 'done' ? state.res : state.phase === 'loading' ? state.last : null;
  const toggleKind = (k: SearchKind) =>
    onFilters({ ...filters, kinds: filters.kinds.includes(k) ? filters.kinds.filter((x) => x !== k) : [...filters.kinds, k] });

  return (
    <section className="search-results" aria-labelledby="search-results-title">
      <h2 id="search-results-title">
        {q.trim() ? (
          <>
            Results for <q>{q.trim()}</q>
          </>
        ) : (
          'Search'
        )}
      </h2>
      <fieldset className="filters">
        <legend className="visually-hidden">Filters</legend>
        <span className="filter-group" role="group" aria-label="Kinds">
          {KINDS.map(({ kind, label }) => (
            <label key={kind} className="chip-check">
              <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={() => toggleKind(kind)} />
              {label}
            </label>
          ))}
        </span>
        <label>
          Tag{' '}
          <select value={filters.tag} onChange={(e) => onFilters({ ...filters, tag: e.target.value })}>
            <option value="">any</option>
            {tags.map((t) => (
              <option key={t.tag} value={t.tag}>
                {t.tag}
              </option>
            ))}
          </select>
        </label>
        <label>
          Entity{' '}
          <select value={filters.entityId} onChange={(e) => onFilters({ ...filters, entityId: e.target.value })}>
            <option value="">any</option>
            {entities.map((en) => (
              <option key={en.id} value={en.id}>
                {en.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From <input type="date" value={filters.from} onChange={(e) => onFilters({ ...filters, from: e.target.value })} />
        </label>
        <label>
          To <input type="date" value={filters.to} onChange={(e) => onFilters({ ...filters, to: e.target.value })} />
        </label>
      </fieldset>
      <p className="search-status" role="status">
        {state.phase === 'idle'
          ? 'Type in the search box to search every report, note and entity. Variant spellings (Hama / Khama) are found too.'
          : state.phase === 'error'
            ? `Search failed: ${errorMessage(state.error)}`
            : shown
              ? `${formatCount(shown.total)} ${shown.total === 1 ? 'result' : 'results'}${state.phase === 'loading' ? ' (updating…)' : ''}`
              : preparing
                ? 'Preparing search: loading the index of every report, note and entity (once after opening)…'
                : 'Searching…'}
      </p>
      {shown && shown.results.length === 0 ? (
        <p className="empty">Nothing matches. Try fewer words, another spelling, or remove a filter.</p>
      ) : null}
      {shown && shown.results.length > 0 ? (
        <ol className="hits" aria-label="Search results" data-query={shown.query}>
          {shown.results.map((hit) => (
            <li key={`${hit.kind}:${hit.id}`} className="hit">
              <button type="button" className="hit-open" onClick={() => onOpen(hit)}>
                <span className={`kind kind-${hit.kind}`}>{hit.kind}</span>
                <span className="hit-title">
                  <Highlighted text={hit.title} ranges={hit.titleMatches} />
                </span>
              </button>
              {hit.snippet ? (
                <button type="button" className="snippet" onClick={() => onOpen(hit, true)} title={hit.kind === 'report' ? 'Open the report at this match' : undefined}>
                  <Highlighted text={hit.snippet} ranges={hit.matches} />
                </button>
              ) : null}
              <p className="hit-meta">
                {hit.why
                  .filter((w) => w.how !== 'exact')
                  .map((w) => (
                    <span key={`why:${w.query}`} className="why" title={`“${w.query}” matched “${w.spelling}” (${w.how === 'typo' ? 'near spelling' : w.how})`}>
                      {w.query} ≈ {w.spelling}
                    </span>
                  ))}
                {hit.date ? <time dateTime={hit.date}>{formatDate(hit.date)}</time> : null}
                {hit.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
