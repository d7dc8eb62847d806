// @vitest-environment happy-dom
/** The note preview never renders raw HTML and drops javascript:/data:/vbscript: links. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarkdownPreview } from '../../../renderer/src/features/notes/MarkdownPreview';
import { dossierMarkupToMarkdown, safeUrl } from '../../../renderer/src/features/notes/urls';

afterEach(cleanup);

const handlers = () => ({ onLink: vi.fn(), onCite: vi.fn(), onExternal: vi.fn() });

describe('markdown preview', () => {
  it('drops raw HTML: script, img with onerror, iframe, svg', () => {
    const body = [
      'Intro',
      '',
      '<script>window.__pwned = 1</script>',
      '',
      '<img src="x" onerror="window.__pwned = 2">',
      '',
      '<iframe src="https://evil.example"></iframe>',
      '',
      '<svg onload="window.__pwned = 3"></svg>',
      '',
      'Inline <b onclick="x()">bold</b> text',
    ].join('\n');
    const { container } = render(<MarkdownPreview body={body} handlers={handlers()} />);
    expect(container.querySelector('script, img, iframe, svg, b')).toBeNull();
    expect(container.textContent).toContain('Intro');
    expect(container.textContent).not.toContain('__pwned');
  });

  it('renders javascript:, data: and vbscript: links as dead text, web links as buttons', () => {
    const h = handlers();
    const body = '[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) [c](vbscript:msgbox) [d](JaVa\tScRiPt:alert(1)) [web](https://example.org/x)';
    const { container } = render(<MarkdownPreview body={body} handlers={h} />);
    expect(container.querySelector('a')).toBeNull();
    for (const label of ['a', 'b', 'c']) expect(screen.getByText(label).tagName).toBe('SPAN');
    fireEvent.click(screen.getByRole('button', { name: 'web' }));
    expect(h.onExternal).toHaveBeenCalledWith('https://example.org/x');
  });

  it('shows images as text so nothing is fetched', () => {
    const { container } = render(<MarkdownPreview body={'![map](https://example.org/map.png) ![x](data:image/svg+xml;base64,PHN2Zz4=)'} handlers={handlers()} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('[image: map]');
  });

  it('turns [[links]] and citations into buttons that open records', () => {
    const h = handlers();
    render(<MarkdownPreview body={'See [[Khama offensive]] and [[e_abc|the general]].\n\n> quoted\n> — [[r_x1|Report]] ^cite(r_x1:10-25)'} handlers={h} />);
    fireEvent.click(screen.getByRole('button', { name: 'Khama offensive' }));
    expect(h.onLink).toHaveBeenCalledWith('Khama offensive');
    fireEvent.click(screen.getByRole('button', { name: 'the general' }));
    expect(h.onLink).toHaveBeenCalledWith('e_abc');
    fireEvent.click(screen.getByRole('button', { name: '↩ cited passage' }));
    expect(h.onCite).toHaveBeenCalledWith('r_x1', 10, 25);
  });

  it('keeps only safe URL schemes', () => {
    expect(safeUrl('https://a.example')).toBe('https://a.example');
    expect(safeUrl('mailto:x@y.z')).toBe('mailto:x@y.z');
    expect(safeUrl('#link:r_1')).toBe('#link:r_1');
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(safeUrl(' data:text/html,x')).toBe('');
    expect(safeUrl('file:///etc/passwd')).toBe('');
    expect(safeUrl('relative/path.png')).toBe('');
    expect(dossierMarkupToMarkdown('`[[not a link]]`')).toBe('`[[not a link]]`');
  });
});
