// @vitest-environment happy-dom
/**
 * The library's tag view uses the contract's tag rule: choosing "# syria" in the sidebar lists a
 * report tagged "Syria" and a note tagged "SYRIA" as well, and not the report tagged "navy". The
 * reports come a page at a time: the view asks reports.page for the tag (the fake answers with the
 * contract's rule, as the core does) and the notes are filtered here.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { hasTag } from '../../../electron/api';
import { fakeApi } from './helpers';

afterEach(cleanup);

const report = {
  id: 'r_1',
  title: 'Russian forces regroup near Hama',
  format: 'text',
  publishedAt: '2024-12-01',
  importedAt: '2024-12-02T10:00:00.000Z',
  tags: ['Syria'],
};
const other = { ...report, id: 'r_2', title: 'Tartus briefing', tags: ['navy'] };
const note = { id: 'n_1', title: 'Air power at Hama', updatedAt: '2024-12-03T10:00:00.000Z', chars: 10, tags: ['SYRIA'], links: 0 };

describe('tag view in the library', () => {
  it('lists records whose tag differs only in case', async () => {
    const api = fakeApi({
      'reports.page': async ({ tag, text, offset = 0, limit = 200 }: { tag?: string; text?: string; offset?: number; limit?: number }) => {
        const kept = [report, other].filter((r) => (!tag || hasTag(r.tags, tag)) && (!text || r.title.toLowerCase().includes(text.toLowerCase())));
        return { total: kept.length, offset, items: kept.slice(offset, offset + limit) };
      },
      'notes.list': async () => [note],
      'entities.list': async () => [],
      'ui.get': async () => ({ recent: [], chart: {} }),
      'ui.set': async () => ({ recent: [], chart: {} }),
      'tags.list': async () => [
        { tag: 'syria', count: 2 },
        { tag: 'navy', count: 1 },
      ],
    });
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1920 });
    render(<App api={api} />);
    await userEvent.click((await screen.findByText('# syria')).closest('button') as HTMLElement);
    // The list is virtualised (no layout in happy-dom): its heading counts what it holds.
    const heading = await screen.findByRole('heading', { name: /Tagged #syria/ });
    await waitFor(() => expect(within(heading).getByText('2')).toBeTruthy());
    // Narrowing by the list filter keeps one of the two, so both kinds are in there.
    await userEvent.type(screen.getByLabelText(/Filter tagged/i), 'air power');
    await waitFor(() => expect(within(heading).getByText('1')).toBeTruthy());
    await userEvent.clear(screen.getByLabelText(/Filter tagged/i));
    await userEvent.type(screen.getByLabelText(/Filter tagged/i), 'regroup');
    await waitFor(() => expect(within(heading).getByText('1')).toBeTruthy());
    // All reports: the count is this view's own, not the tag view's.
    await userEvent.clear(screen.getByLabelText(/Filter tagged/i));
    await userEvent.click(screen.getByRole('button', { name: /^Reports/ }));
    const all = await screen.findByRole('heading', { name: /^Reports/ });
    await waitFor(() => expect(within(all).getByText('2')).toBeTruthy());
  });
});
