/**
 * The report list of a notebook of a few thousand reports, in the browser, keyboard only, at
 * 1024×700 and 1920×1080: the list shows the total the back end counts, holds only the rows on
 * screen, pages from the back end (no answer carries every report), goes to the bottom with End
 * and opens the last report with Enter, moves by PageDown/PageUp and Home, and its filter box
 * narrows the count to what the core finds.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notebook, importPaths } from '../../electron/notebook';
import { writeText } from '../helpers/files';
import { ensureRendererBuilt, openSession, screenshot, tempDir, type Session } from './harness';

const N = 2500;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PLACES = ['Hama', 'Homs', 'Tartus', 'Latakia', 'Idlib'];

let notebookDir = '';
/** The list's default order (published, newest first, undated last), as the core gives it. */
let order: Array<{ id: string; title: string }> = [];
let hamaCount = 0;

beforeAll(async () => {
  ensureRendererBuilt();
  const src = tempDir('dossier-e2e-paged-src-');
  for (let i = 0; i < N; i++) {
    const place = PLACES[i % PLACES.length] ?? 'Hama';
    // Every third report states no date: those go last.
    const dated = i % 3 !== 0 ? `Reuters, ${1 + (i % 28)} ${MONTHS[i % 12]} ${2000 + (i % 25)}\n\n` : '';
    writeText(src, `r${String(i).padStart(5, '0')}.txt`, `Convoy report ${String(i).padStart(5, '0')} from ${place}\n\n${dated}Trucks moved through ${place} at dawn, report ${i}.`);
  }
  notebookDir = path.join(tempDir('dossier-e2e-paged-'), 'nb');
  const nb = await Notebook.open({ dir: notebookDir, writable: true, app: 'e2e' });
  try {
    const res = await importPaths(nb, [src]);
    expect(res.failed).toEqual([]);
    order = nb.reports.list({ sort: 'published' }).map((r) => ({ id: r.id, title: r.title }));
    hamaCount = nb.reports.list().filter((r) => r.title.includes('Hama')).length;
  } finally {
    await nb.close();
  }
  expect(order).toHaveLength(N);
}, 240_000);

async function pressUntilFocused(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The title of the row the list's keyboard cursor is on. */
async function cursorTitle(page: Page): Promise<string> {
  return page.evaluate(() => {
    const list = document.querySelector('[role="listbox"][aria-label="Reports"]');
    const id = list?.getAttribute('aria-activedescendant');
    return (id ? document.getElementById(id)?.querySelector('.row-title')?.textContent : null) ?? '';
  });
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
]) {
  describe(`the paged report list at ${size.width}×${size.height}`, () => {
    let s: Session;
    const answers: Array<{ method: string; bytes: number }> = [];

    beforeAll(async () => {
      s = await openSession(notebookDir, size);
      s.page.on('response', (r) => {
        const body = r.request().postData();
        if (!body || !r.url().includes('/api')) return;
        const method = (JSON.parse(body) as { method?: string }).method ?? '';
        void r.body().then(
          (b) => answers.push({ method, bytes: b.length }),
          () => undefined,
        );
      });
      await s.page.goto(s.host.url);
    }, 60_000);

    afterAll(async () => {
      await s?.close();
    });

    it('shows the total, only the rows on screen, and receives pages rather than every report', async () => {
      const { page } = s;
      const list = page.getByRole('listbox', { name: 'Reports' });
      await list.getByRole('option').first().waitFor();
      await expect.poll(() => page.locator('#list-heading .count').textContent()).toBe('2,500'); // with the thousands separator the browser's locale (en-US) uses
      expect(await list.getByRole('option').count()).toBeLessThan(60);
      await expect.poll(() => list.getByRole('option').first().locator('.row-title').textContent()).toBe(order[0]?.title);
      await screenshot(page, `paged-list-top-${size.width}`);
      // Not one answer holds the list: the biggest is a page (100 rows), far below N reports.
      expect(answers.some((a) => a.method === 'reports.page')).toBe(true);
      expect(answers.filter((a) => a.method === 'reports.list')).toEqual([]);
      expect(Math.max(...answers.map((a) => a.bytes))).toBeLessThan(100_000);
    });

    it('goes to the bottom with End and opens the last report with Enter, keyboard only', async () => {
      const { page } = s;
      await pressUntilFocused(page, '[role="listbox"][aria-label="Reports"]');
      await page.keyboard.press('PageDown');
      await expect.poll(() => cursorTitle(page)).toBe(order[10]?.title);
      await page.keyboard.press('PageUp');
      await expect.poll(() => cursorTitle(page)).toBe(order[0]?.title);
      await page.keyboard.press('End');
      const last = order[N - 1];
      await expect.poll(() => cursorTitle(page)).toBe(last?.title);
      await expect(page.getByRole('listbox', { name: 'Reports' }).getByRole('option', { name: last?.title })).toBeTruthy();
      await screenshot(page, `paged-list-bottom-${size.width}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#reader-title').textContent()).toBe(last?.title);
      expect(await page.evaluate(() => window.location.hash)).toContain(last?.id ?? '?');
      await screenshot(page, `paged-list-opened-last-${size.width}`);
      await pressUntilFocused(page, '[role="listbox"][aria-label="Reports"]');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => cursorTitle(page)).toBe(order[N - 2]?.title);
      await page.keyboard.press('Home');
      await expect.poll(() => cursorTitle(page)).toBe(order[0]?.title);
    });

    it('narrows the count with the filter box and opens a filtered row', async () => {
      const { page } = s;
      await pressUntilFocused(page, '#list-filter');
      await page.keyboard.type('hama');
      await expect.poll(() => page.locator('#list-heading .count').textContent()).toBe(hamaCount.toLocaleString('en-US'));
      await pressUntilFocused(page, '[role="listbox"][aria-label="Reports"]');
      await page.keyboard.press('End');
      const lastHama = order.filter((r) => r.title.includes('Hama')).at(-1);
      await expect.poll(() => cursorTitle(page)).toBe(lastHama?.title);
      await screenshot(page, `paged-list-filtered-${size.width}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#reader-title').textContent()).toBe(lastHama?.title);
      expect(s.pageErrors).toEqual([]);
      expect(s.consoleErrors).toEqual([]);
    });
  });
}
