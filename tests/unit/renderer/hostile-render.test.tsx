// @vitest-environment happy-dom
/**
 * The renderer survives any content: malformed link escapes and lone surrogates render and open
 * what they say, and a view that throws shows its raw text and an error line in its own place.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarkdownPreview } from '../../../renderer/src/features/notes/MarkdownPreview';
import { dossierMarkupToMarkdown } from '../../../renderer/src/features/notes/urls';
import { ErrorBoundary, ViewError } from '../../../renderer/src/ui/ErrorBoundary';
import { decodeComponent, encodeComponent } from '../../../renderer/src/ui/uri';

afterEach(cleanup);

const handlers = () => ({ onLink: vi.fn(), onCite: vi.fn(), onExternal: vi.fn() });

describe('link decoding never throws', () => {
  it('renders the reported bodies: a malformed escape and a lone surrogate in a wikilink', () => {
    const h = handlers();
    render(<MarkdownPreview body={'[bad](#link:%E0%A4%A) and [[\ud800]] and [[a\udc00b|label]] and [ok](#link:%D0%96)'} handlers={h} />);
    fireEvent.click(screen.getByRole('button', { name: 'bad' }));
    expect(h.onLink).toHaveBeenLastCalledWith('%E0%A4%A');
    fireEvent.click(screen.getByRole('button', { name: 'label' }));
    expect(h.onLink).toHaveBeenLastCalledWith('a\udc00b');
    fireEvent.click(screen.getByRole('button', { name: 'ok' }));
    expect(h.onLink).toHaveBeenLastCalledWith('Ж');
    const lone = screen.getAllByRole('button').find((b) => b.textContent === '\ud800' || b.textContent === '\ufffd');
    expect(lone).toBeTruthy();
    if (lone) fireEvent.click(lone);
    expect(h.onLink).toHaveBeenLastCalledWith('\ud800');
  });

  it('decodes what is well formed and keeps malformed escapes as written', () => {
    expect(decodeComponent('%E0%A4%A')).toBe('%E0%A4%A');
    expect(decodeComponent('%E0%A4%A4')).toBe('त');
    expect(decodeComponent('%41%E0%A4x%zz 100%')).toBe('A%E0%A4x%zz 100%');
    expect(decodeComponent('%C0%AF%ED%A0%80')).toBe('%C0%AF%ED%A0%80'); // overlong and surrogate UTF-8 stay escaped
    expect(encodeComponent('a\ud800b')).toBe('a%uD800b');
  });

  it('round-trips any string, lone surrogates included, and never throws (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(decodeComponent(encodeComponent(s))).toBe(s);
        decodeComponent(s);
      }),
      { numRuns: 300 },
    );
  });

  it('renders any note body without throwing (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('[[', ']]', '|', '%', '%E0', '#link:', '](', ')', '`', '```\n', '\n', '^cite(r_a:1-2)', '\ud800', '\udfff', '<script>', '[x](#link:%', '[[\ud800]]'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const body = parts.join('');
        dossierMarkupToMarkdown(body);
        const { unmount } = render(<MarkdownPreview body={body} handlers={handlers()} />);
        unmount();
      }),
      { numRuns: 150 },
    );
  });
});

function Bomb({ text }: { text: string }): never {
  throw new TypeError(`cannot render ${text.length} characters`);
}

describe('error boundary', () => {
  it('shows the raw text and an error line in place of a view that throws; the rest stays', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    function Page() {
      const [text, setText] = useState('<b>raw</b> [[\ud800]]');
      return (
        <div>
          <button type="button" onClick={() => setText('fine')}>
            edit
          </button>
          <ErrorBoundary resetKey={text} fallback={(error) => <ViewError what="The preview" error={error} raw={text} />}>
            {text === 'fine' ? <p>rendered fine</p> : <Bomb text={text} />}
          </ErrorBoundary>
        </div>
      );
    }
    const { container } = render(<Page />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The preview could not be shown (TypeError: cannot render 16 characters)');
    expect(alert.querySelector('pre')?.textContent).toBe('<b>raw</b> [[\ud800]]');
    expect(container.querySelector('b')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'edit' }));
    expect(screen.getByText('rendered fine')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    spy.mockRestore();
  });
});
