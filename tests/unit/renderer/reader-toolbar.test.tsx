// @vitest-environment happy-dom
/**
 * The reader's floating toolbar stays inside the viewport at every edge, and the reader marks
 * search matches at the search engine's offsets: whole words for exact, variant, typo and prefix
 * matches ("Khama" is marked whole, never "hama" inside it; "Hmeimim" finds all of "Khmeimim").
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../../electron/api';
import { SearchIndex } from '../../../electron/notebook/search';
import { Floating } from '../../../renderer/src/features/reader/Floating';
import { MARGIN, placeFloating, type Rect } from '../../../renderer/src/features/reader/placement';
import { Reader } from '../../../renderer/src/features/reader/Reader';
import { fakeApi, renderInWorkspace } from './helpers';

afterEach(cleanup);

const VIEW = { width: 1024, height: 700 };
const BOX = { width: 360, height: 44 };

function inside(p: { left: number; top: number }, box: { width: number; height: number }, view = VIEW): boolean {
  return p.left >= MARGIN && p.top >= MARGIN && p.left + box.width <= view.width - MARGIN && p.top + box.height <= view.height - MARGIN;
}

describe('toolbar placement', () => {
  it('floats above the selection when there is room, centred on it', () => {
    const anchor: Rect = { left: 400, top: 300, width: 100, height: 20 };
    const p = placeFloating(anchor, BOX, VIEW);
    expect(p.side).toBe('above');
    expect(p.top + BOX.height).toBeLessThanOrEqual(anchor.top);
    expect(p.left + BOX.width / 2).toBe(450);
  });

  it('goes below a selection at the top edge, and above one at the bottom edge', () => {
    expect(placeFloating({ left: 400, top: 4, width: 80, height: 20 }, BOX, VIEW).side).toBe('below');
    const low = placeFloating({ left: 400, top: 680, width: 80, height: 18 }, BOX, VIEW);
    expect(low.side).toBe('above');
    expect(inside(low, BOX)).toBe(true);
  });

  it('stays inside at the left and right edges', () => {
    const left = placeFloating({ left: 0, top: 300, width: 30, height: 20 }, BOX, VIEW);
    expect(left.left).toBe(MARGIN);
    const right = placeFloating({ left: 1010, top: 300, width: 14, height: 20 }, BOX, VIEW);
    expect(right.left).toBe(VIEW.width - MARGIN - BOX.width);
  });

  it('stays inside when the selection is scrolled partly or wholly out of view', () => {
    for (const top of [-500, -10, 690, 2000]) {
      const p = placeFloating({ left: 200, top, width: 300, height: 40 }, BOX, VIEW);
      expect(inside(p, BOX), `anchor top ${top}`).toBe(true);
    }
  });

  it('a form taller than the room on either side is still wholly visible (it scrolls inside)', () => {
    const tall = { width: 420, height: 900 };
    const p = placeFloating({ left: 500, top: 350, width: 60, height: 20 }, tall, VIEW);
    expect(p.maxHeight).toBe(VIEW.height - 2 * MARGIN);
    expect(inside(p, { width: tall.width, height: p.maxHeight ?? 0 })).toBe(true);
  });

  it('never leaves the viewport, wherever the selection is (a sweep over the screen and beyond)', () => {
    for (let x = -100; x <= 1100; x += 50) {
      for (let y = -100; y <= 800; y += 25) {
        for (const view of [VIEW, { width: 1366, height: 768 }, { width: 1920, height: 1080 }, { width: 400, height: 300 }]) {
          const box = { width: Math.min(BOX.width, view.width - 2 * MARGIN), height: BOX.height };
          const p = placeFloating({ left: x, top: y, width: 120, height: 22 }, BOX, view);
          expect(inside(p, box, view), `${x},${y} in ${view.width}x${view.height}`).toBe(true);
        }
      }
    }
  });

  describe('rendered', () => {
    const sizes = { offsetWidth: BOX.width, scrollHeight: BOX.height };
    const saved: Record<string, PropertyDescriptor | undefined> = {};
    beforeEach(() => {
      for (const [k, v] of Object.entries(sizes)) {
        saved[k] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, k);
        Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
      }
      Object.assign(window, { innerWidth: VIEW.width, innerHeight: VIEW.height });
    });
    afterEach(() => {
      for (const k of Object.keys(sizes)) {
        const d = saved[k];
        if (d) Object.defineProperty(HTMLElement.prototype, k, d);
        else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[k];
      }
    });

    it.each([
      ['top-left corner', { left: 0, top: 0, width: 40, height: 18 }],
      ['top-right corner', { left: 1000, top: 0, width: 24, height: 18 }],
      ['bottom-left corner', { left: 0, top: 682, width: 40, height: 18 }],
      ['bottom-right corner', { left: 990, top: 682, width: 34, height: 18 }],
    ])('at the %s the toolbar is placed wholly inside the viewport', async (_name, anchor) => {
      render(
        <Floating anchor={() => anchor} label="Selection actions" role="toolbar">
          <button type="button">Tag…</button>
        </Floating>,
      );
      const bar = screen.getByRole('toolbar');
      await waitFor(() => expect(bar.style.visibility).not.toBe('hidden'));
      const left = parseFloat(bar.style.left);
      const top = parseFloat(bar.style.top);
      expect(inside({ left, top }, BOX)).toBe(true);
    });
  });
});

const TEXT =
  'Rebels entered Khama on Thursday, and the road from Hama to Homs was cut.\n\n' +
  'Russian aircraft left Khmeimim; the Hmeimim apron was empty. General Zhuravlyov was recalled.';

const report: ReportRecord = {
  id: 'r_1',
  title: 'Hama and Khmeimim',
  source: null,
  author: null,
  publishedAt: null,
  importedAt: '2024-12-04T10:00:00.000Z',
  updatedAt: '2024-12-04T10:00:00.000Z',
  tags: [],
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

describe('highlight offsets in the reader', () => {
  const index = new SearchIndex({ keepText: true });
  index.upsert({ kind: 'report', id: 'r_1', title: report.title, text: TEXT, tags: [], date: null, entityIds: [] });
  // Other documents, so the vocabulary is not only this report's.
  index.upsert({ kind: 'report', id: 'r_2', title: 'Homs', text: 'Homs and Latakia, Tartus and Damascus.', tags: [], date: null, entityIds: [] });

  function api() {
    return fakeApi({
      'reports.get': async () => report,
      'reports.body': async () => ({ id: 'r_1', text: TEXT }),
      'entities.list': async () => [],
      'reports.mentions': async () => [],
      'notes.links': async () => ({ outgoing: [], backlinks: [], unresolved: [], ambiguous: [] }),
      'search.locate': async (input: { q: string }) => index.locate(input.q, TEXT),
    });
  }

  async function marked(q: string): Promise<string[]> {
    renderInWorkspace(<Reader id="r_1" q={q} />, api());
    await screen.findByTestId('report-text');
    let out: string[] = [];
    await waitFor(() => {
      out = [...document.querySelectorAll('mark.hl-search')].map((m) => m.textContent ?? '');
      expect(out.length).toBeGreaterThan(0);
    });
    cleanup();
    return out;
  }

  it.each([
    ['exact', 'Thursday', ['Thursday']],
    ['variant, both spellings whole (never "hama" inside "Khama")', 'Khama', ['Khama', 'Hama']],
    ['variant with the first letter dropped in the query', 'Hmeimim', ['Khmeimim', 'Hmeimim']],
    ['typo', 'Khmeimin', ['Khmeimim', 'Hmeimim']],
    ['prefix', 'Zhurav', ['Zhuravlyov']],
  ])('%s: %s', async (_kind, q, words) => {
    expect(await marked(q)).toEqual(words);
  });

  it('marks the search hit’s own match as the one opened at', async () => {
    const at = TEXT.indexOf('Hmeimim');
    renderInWorkspace(<Reader id="r_1" q="Khmeimim" at={{ start: at, end: at + 7 }} />, api());
    await waitFor(() => expect(document.querySelector('mark.hl-at')?.textContent).toBe('Hmeimim'));
  });
});
