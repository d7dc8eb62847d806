// @vitest-environment happy-dom
/**
 * The library's tag view uses the contract's tag rule: choosing "# syria" in the sidebar lists a
 * report tagged "Syria" and a note tagged "SYRIA" as well, and not the report tagged "navy".
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App';
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
      'reports.list': async () => [report, other],
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
    expect(within(heading).getByText('2')).toBeTruthy();
    // Narrowing by the list filter keeps one of each, so both kinds are in there.
    await userEvent.type(screen.getByLabelText(/Filter tagged/i), 'air power');
    expect(within(heading).getByText('1')).toBeTruthy();
  });
});
