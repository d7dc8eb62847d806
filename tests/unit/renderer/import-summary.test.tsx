// @vitest-environment happy-dom
/** The import summary tells the user what was imported, what was a duplicate and what failed, and why. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportSummary } from '../../../renderer/src/features/import/ImportSummary';

afterEach(cleanup);

describe('import summary', () => {
  it('lists imported, duplicate and failed files with reasons', () => {
    const onOpen = vi.fn();
    render(
      <ImportSummary
        onOpen={onOpen}
        result={{
          imported: [
            { path: '/in/khama.md', id: 'r_1', title: 'Khama offensive' },
            { path: '/in/base.txt', id: 'r_2', title: 'Russian jets leave Khmeimim' },
          ],
          duplicates: [{ path: '/in/copy-of-khama.md', id: 'r_1' }],
          failed: [
            { path: '/in/scan.pdf', error: { code: 'EMPTY', message: 'the PDF has no text layer (scanned?)' } },
            { path: '/in/photo.jpg', error: { code: 'UNSUPPORTED_TYPE', message: 'not a supported type: .jpg' } },
          ],
        }}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('2 imported · 1 duplicate · 2 failed');
    const imported = screen.getByRole('list', { name: 'Imported' });
    expect(within(imported).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.click(within(imported).getByRole('button', { name: 'Khama offensive' }));
    expect(onOpen).toHaveBeenCalledWith('r_1');
    expect(within(screen.getByRole('list', { name: 'Duplicates' })).getByText(/copy-of-khama\.md/).textContent).toContain('copy-of-khama.md');
    const failed = screen.getByRole('list', { name: 'Failed' });
    expect(failed.textContent).toContain('scan.pdf: the PDF has no text layer (scanned?)');
    expect(failed.textContent).toContain('(UNSUPPORTED_TYPE)');
  });

  it('says nothing failed when all went well', () => {
    render(<ImportSummary result={{ imported: [{ path: 'a.txt', id: 'r_1', title: 'A' }], duplicates: [], failed: [] }} />);
    expect(screen.getByRole('status').textContent).toBe('1 imported · 0 duplicates · 0 failed');
    expect(screen.queryByRole('list', { name: 'Failed' })).toBeNull();
  });
});
