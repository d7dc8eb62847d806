// @vitest-environment happy-dom
/**
 * The search box: a query is sent as soon as it is typed, one at a time (keys typed while one is
 * out become a single next query, and only the newest query's answer ends "updating"), matched
 * words are wrapped in <mark>, and filters change the query sent to the api.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodInput, SearchResult } from '../../../electron/api';
import type { AppApi } from '../../../renderer/src/app/api';
import { SearchBox } from '../../../renderer/src/features/search/SearchBox';
import { NO_FILTERS, SearchResults, type SearchFilters } from '../../../renderer/src/features/search/SearchResults';
import { fakeApi } from './helpers';

afterEach(cleanup);

function answer(input: MethodInput<'search.query'>): SearchResult {
  const snippet = '…opposition fighters entered Khama on Thursday after days of fighting…';
  const at = snippet.indexOf('Khama');
  return {
    query: input.q,
    total: 1,
    tookMs: 1,
    results: [
      {
        kind: 'report',
        id: 'r_1',
        title: 'Khama offensive',
        score: 3,
        snippet,
        matches: [{ start: at, end: at + 5 }],
        titleMatches: [{ start: 0, end: 5 }],
        why: [{ query: input.q, spelling: 'Khama', how: input.q.toLowerCase() === 'khama' ? 'exact' : 'variant' }],
        date: '2024-12-05',
        tags: ['syria'],
      },
    ],
  };
}

function Harness({ api, onOpen = () => undefined, preparing }: { api: AppApi; onOpen?: () => void; preparing?: boolean }) {
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  return (
    <>
      <SearchBox value={q} onChange={setQ} />
      <SearchResults api={api} q={q} filters={filters} onFilters={setFilters} onOpen={onOpen} tags={[{ tag: 'syria', count: 3 }]} preparing={preparing} />
    </>
  );
}

describe('search', () => {
  it('sends the first key at once, the keys typed while it is out as one query, and shows the newest answer', async () => {
    const pending: Array<() => void> = [];
    const query = vi.fn((input: MethodInput<'search.query'>) => new Promise<SearchResult>((resolve) => pending.push(() => resolve(answer(input)))));
    render(<Harness api={fakeApi({ 'search.query': query })} />);
    const box = screen.getByRole('searchbox', { name: 'Search reports, notes and entities' });
    await userEvent.type(box, 'Khama');
    // "K" went out at once; "h", "a", "m", "a" wait for it and then go as one query.
    expect(query.mock.calls.map((c) => c[0].q)).toEqual(['K']);
    pending.shift()?.();
    await waitFor(() => expect(query.mock.calls.map((c) => c[0].q)).toEqual(['K', 'Khama']));
    // The older answer is shown meanwhile, marked as updating.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 result (updating…)'));
    pending.shift()?.();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 result'));
    const results = screen.getByRole('list', { name: 'Search results' });
    expect(results.getAttribute('data-query')).toBe('Khama');
    const marks = [...results.querySelectorAll('.snippet mark')].map((m) => m.textContent);
    expect(marks).toEqual(['Khama']);
    expect(within(results).getByRole('button', { name: /Khama offensive/ }).querySelector('mark')?.textContent).toBe('Khama');
    // Snippets are text, not HTML.
    expect(results.innerHTML).not.toContain('<b>');
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('says which spelling a variant matched, and nothing for an exact match', async () => {
    const query = vi.fn(async (input: MethodInput<'search.query'>) => answer(input));
    render(<Harness api={fakeApi({ 'search.query': query })} />);
    await userEvent.type(screen.getByRole('searchbox'), 'Hama');
    await waitFor(() => expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'Hama' })));
    await waitFor(() =>
      expect([...screen.getByRole('list', { name: 'Search results' }).querySelectorAll('.why')].map((e) => e.textContent)).toEqual(['Hama ≈ Khama']),
    );
    await userEvent.clear(screen.getByRole('searchbox'));
    await userEvent.type(screen.getByRole('searchbox'), 'Khama');
    await waitFor(() => expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'Khama' })));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Search results' }).querySelectorAll('.why')).toHaveLength(0));
  });

  it('sends kind, tag and date filters with the query', async () => {
    const query = vi.fn(async (input: MethodInput<'search.query'>) => answer(input));
    render(<Harness api={fakeApi({ 'search.query': query })} />);
    await userEvent.type(screen.getByRole('searchbox'), 'Hama');
    await waitFor(() => expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'Hama' })));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Reports' }));
    await waitFor(() => expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'Hama', kinds: ['report'] })));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Tag/ }), 'syria');
    await waitFor(() => expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ kinds: ['report'], tags: ['syria'] })));
    const from = screen.getByLabelText('From') as HTMLInputElement;
    await userEvent.type(from, '2024-12-01');
    await waitFor(() => expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ from: '2024-12-01' })));
  });

  it('says the index is being prepared while the first search waits for it', async () => {
    let release = (): void => undefined;
    const query = vi.fn((input: MethodInput<'search.query'>) => new Promise<SearchResult>((resolve) => (release = () => resolve(answer(input)))));
    const api = fakeApi({ 'search.query': query });
    const { rerender } = render(<Harness api={api} preparing />);
    await userEvent.type(screen.getByRole('searchbox'), 'Khama');
    await waitFor(() => expect(query).toHaveBeenCalled());
    expect(screen.getByRole('status').textContent).toMatch(/^Preparing search/);
    // Once the index is ready a waiting search just says it is searching.
    rerender(<Harness api={api} preparing={false} />);
    expect(screen.getByRole('status').textContent).toBe('Searching…');
    // The first key's answer is out of date: the typed word is asked next.
    release();
    await waitFor(() => expect(query).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'Khama' })));
    release();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 result'));
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('shows the contract error message when the search fails', async () => {
    const query = vi.fn(async () => Promise.reject({ code: 'INVALID_INPUT', message: 'a query can be at most 1000 characters' }));
    render(<Harness api={fakeApi({ 'search.query': query })} />);
    await userEvent.type(screen.getByRole('searchbox'), 'x');
    await screen.findByText('Search failed: a query can be at most 1000 characters');
  });
});
