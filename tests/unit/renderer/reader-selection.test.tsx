// @vitest-environment happy-dom
/**
 * The reader's selection actions: the selection's offsets in the report's text become the
 * start/end sent to entities.tagSelection, even when the text is cut into highlighted spans.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityRecord, MentionRecord, ReportRecord } from '../../../electron/api';
import { Reader } from '../../../renderer/src/features/reader/Reader';
import { fakeApi, renderInWorkspace } from './helpers';

afterEach(cleanup);

const TEXT = 'A Russian defence ministry statement said General Alexander Zhuravlev had met Syrian commanders at Khmeimim.';

const report: ReportRecord = {
  id: 'r_1',
  title: 'Russian jets leave Khmeimim',
  source: 'https://example.org/news/1',
  author: null,
  publishedAt: '2024-12-03',
  importedAt: '2024-12-04T10:00:00.000Z',
  updatedAt: '2024-12-04T10:00:00.000Z',
  tags: ['syria'],
  format: 'text',
  mime: 'text/plain',
  contentHash: 'x',
  bodyRef: 'b',
  originalRef: 'o',
  originalName: 'a.txt',
  size: TEXT.length,
  chars: TEXT.length,
  encoding: 'utf-8',
};

const khmeimim: EntityRecord = {
  id: 'e_base',
  name: 'Khmeimim',
  type: 'location',
  aliases: ['Hmeimim'],
  notes: '',
  tags: [],
  createdAt: '',
  updatedAt: '',
  mentions: 1,
};

function mention(text: string): MentionRecord {
  const start = TEXT.indexOf(text);
  return { entityId: 'e_base', reportId: 'r_1', reportTitle: report.title, start, end: start + text.length, text, origin: 'manual', before: '', after: '' };
}

function setup() {
  const candidates = vi.fn(async (input: { start: number; end: number }) => {
    const text = TEXT.slice(input.start, input.end);
    const base = text.startsWith('Khmeimim');
    return {
      text,
      type: base ? ('location' as const) : ('person' as const),
      typeFrom: base ? ('existing' as const) : ('suggester' as const),
      entities: base ? [{ entity: khmeimim, reason: 'name' as const, matched: 'Khmeimim' }] : [],
    };
  });
  const scan = vi.fn(async () => ({ reports: 1, entities: [{ id: 'e_new', name: 'x', mentions: 1, reports: 1 }], ambiguous: [], warnings: [], ms: 1 }));
  const tagSelection = vi.fn(async (input: { entityId: string; reportId: string; start: number; end: number }) => ({ ...mention('Khmeimim'), ...input }));
  const create = vi.fn(async (input: { name: string; type: EntityRecord['type'] }) => ({
    entity: { ...khmeimim, id: 'e_new', name: input.name, type: input.type, aliases: [], mentions: 0 },
    warnings: [],
  }));
  const api = fakeApi({
    'reports.get': async () => report,
    'reports.body': async () => ({ id: 'r_1', text: TEXT }),
    'entities.list': async () => [khmeimim],
    'reports.mentions': async () => [mention('Khmeimim')],
    'notes.links': async () => ({ outgoing: [], backlinks: [], unresolved: [], ambiguous: [] }),
    'notes.list': async () => [],
    'entities.create': create,
    'entities.tagSelection': tagSelection,
    'entities.candidates': candidates,
    'entities.scan': scan,
    'reports.page': async () => ({ total: 1, offset: 0, items: [report] }),
  });
  return { api, tagSelection, create, candidates, scan };
}

/** Selects `needle` across whatever spans the reader cut the text into, then releases the mouse. */
function select(needle: string): { start: number; end: number } {
  const root = screen.getByTestId('report-text');
  const start = TEXT.indexOf(needle);
  const end = start + needle.length;
  const nodes: Text[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) nodes.push(n as Text);
    n.childNodes.forEach(walk);
  };
  walk(root);
  let pos = 0;
  const range = document.createRange();
  for (const n of nodes) {
    const len = n.data.length;
    if (start >= pos && start <= pos + len) range.setStart(n, start - pos);
    if (end >= pos && end <= pos + len) {
      range.setEnd(n, end - pos);
      break;
    }
    pos += len;
  }
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  fireEvent.mouseUp(root);
  return { start, end };
}

describe('reader selection actions', () => {
  it('renders the report as text with the known mention highlighted by type', async () => {
    const { api } = setup();
    renderInWorkspace(<Reader id="r_1" />, api);
    await screen.findByTestId('report-text');
    await waitFor(() => expect(document.querySelector('mark.mention.type-location')?.textContent).toBe('Khmeimim'));
    expect(screen.getByTestId('report-text').textContent).toBe(TEXT);
  });

  it('tags a selection as a new entity from the toolbar, with the guessed type, then marks every occurrence here', async () => {
    const { api, tagSelection, create, scan } = setup();
    renderInWorkspace(<Reader id="r_1" />, api);
    await screen.findByTestId('report-text');
    await waitFor(() => expect(document.querySelector('mark.mention')).not.toBeNull());
    const { start, end } = select('Alexander Zhuravlev');
    await userEvent.click(await screen.findByRole('button', { name: 'Tag…' }));
    const form = await screen.findByRole('form', { name: 'Tag as entity' });
    await waitFor(() => expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('person'));
    expect(form.contains(document.activeElement)).toBe(true);
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    expect(name.value).toBe('Alexander Zhuravlev');
    await userEvent.click(screen.getByRole('button', { name: 'Tag every occurrence' }));
    await waitFor(() => expect(tagSelection).toHaveBeenCalledTimes(1));
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ name: 'Alexander Zhuravlev', type: 'person' }));
    expect(tagSelection).toHaveBeenCalledWith({ entityId: 'e_new', reportId: 'r_1', start, end });
    await waitFor(() => expect(scan).toHaveBeenCalledWith({ id: 'e_new', reportIds: ['r_1'] }));
    expect(TEXT.slice(start, end)).toBe('Alexander Zhuravlev');
  });

  it('proposes the existing entity for a selection that starts after a highlighted mention', async () => {
    const { api, tagSelection } = setup();
    renderInWorkspace(<Reader id="r_1" />, api);
    await waitFor(() => expect(document.querySelector('mark.mention')).not.toBeNull());
    // "Khmeimim." spans the mark and the following text node.
    const { start, end } = select('Khmeimim.');
    await userEvent.click(await screen.findByRole('button', { name: 'Tag…' }));
    const existing = await screen.findByRole('radio', { name: /Khmeimim/ });
    await waitFor(() => expect((existing as HTMLInputElement).checked).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Tag every occurrence' }));
    await waitFor(() => expect(tagSelection).toHaveBeenCalledWith({ entityId: 'e_base', reportId: 'r_1', start, end }));
  });

  it('opens the toolbar from the keyboard: Alt+Enter shows it with focus on Tag, Escape closes it', async () => {
    const { api } = setup();
    renderInWorkspace(<Reader id="r_1" />, api);
    await waitFor(() => expect(document.querySelector('mark.mention')).not.toBeNull());
    select('General');
    const root = screen.getByTestId('report-text');
    root.focus();
    fireEvent.keyDown(window, { key: 'Enter', altKey: true });
    const tag = await screen.findByRole('button', { name: 'Tag…' });
    await waitFor(() => expect(document.activeElement).toBe(tag));
    fireEvent.keyDown(tag, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('toolbar')).toBeNull());
  });
});
