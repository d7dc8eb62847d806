// @vitest-environment happy-dom
/** The note editor's `[[` autocomplete: typing `[[Kha` offers "Khama offensive"; choosing it writes the link. */
import { acceptCompletion, currentCompletions, startCompletion } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiLinkLookup, linkTextFor } from '../../../renderer/src/features/notes/linkCompletion';
import { MarkdownEditor } from '../../../renderer/src/features/notes/MarkdownEditor';
import { fakeApi } from './helpers';

afterEach(cleanup);

function mount(lookup: Parameters<typeof MarkdownEditor>[0]['lookup'], onChange = vi.fn()) {
  let view: EditorView | null = null;
  render(<MarkdownEditor initial="" label="Note text" lookup={lookup} onChange={onChange} onView={(v) => (view = v)} />);
  if (!view) throw new Error('no editor view');
  return { view: view as EditorView, onChange };
}

/** CodeMirror ignores an accept within its interaction delay (75 ms) of the list opening. */
const settle = () => new Promise((r) => setTimeout(r, 120));

function typeText(view: EditorView, text: string) {
  for (const ch of text) {
    const pos = view.state.selection.main.head;
    view.dispatch({ changes: { from: pos, insert: ch }, selection: { anchor: pos + 1 }, userEvent: 'input.type' });
  }
}

describe('[[ link autocomplete', () => {
  it('offers reports, notes and entities from search.quick and inserts [[Title]]', async () => {
    const quick = vi.fn(async ({ q }: { q: string }) =>
      q.toLowerCase().startsWith('kha')
        ? [
            { kind: 'report' as const, id: 'r_1', title: 'Khama offensive', score: 2 },
            { kind: 'entity' as const, id: 'e_1', title: 'Khama', score: 1 },
          ]
        : [],
    );
    const { view, onChange } = mount(apiLinkLookup(fakeApi({ 'search.quick': quick })));
    typeText(view, 'See [[Kha');
    startCompletion(view);
    await waitFor(() => expect(currentCompletions(view.state).map((c) => c.label)).toContain('Khama offensive'));
    expect(quick).toHaveBeenLastCalledWith({ q: 'Kha', limit: 12 });
    expect(currentCompletions(view.state).find((c) => c.label === 'Khama offensive')?.detail).toBe('report');
    await settle();
    expect(acceptCompletion(view)).toBe(true);
    expect(view.state.doc.toString()).toBe('See [[Khama offensive]]');
    expect(view.state.selection.main.head).toBe('See [[Khama offensive]]'.length);
    expect(onChange).toHaveBeenLastCalledWith('See [[Khama offensive]]');
  });

  it('writes [[id|title]] when the title cannot sit inside a link', () => {
    expect(linkTextFor({ id: 'r_9', title: 'Report [draft] | v2' })).toBe('[[r_9|Report  draft    v2]]');
    expect(linkTextFor({ id: 'r_9', title: 'Khama offensive' })).toBe('[[Khama offensive]]');
  });
});
