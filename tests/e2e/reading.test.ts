/**
 * Reading, tagging and quoting where the researcher is, in real Chromium, on a report longer than
 * two screens: tag a name near the end from the selection toolbar (the form is visible and
 * focused), see every variant marked here and, after the background scan, in the other reports;
 * quote a passage near the end; find in the report with next and previous; open a search result
 * at its match with the variant marked whole; edit the date and see the list re-sort; delete the
 * report and restore it from the trash. Screenshots of each step go to tests/e2e/screenshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../electron/notebook';
import { ensureRendererBuilt, openSession, screenshot, selectInReport, tempDir, type Session } from './harness';

let s: Session;
let page: Page;

const FILLER = [
  'Residents described long queues for bread and fuel as the front line moved south along the M5 motorway.',
  'Local councils said water supplies were intermittent and that several clinics had closed for lack of staff.',
  'Analysts cautioned that claims from both sides could not be independently verified at the time of writing.',
  'Aid agencies asked for safe passage for convoys carrying food, blankets and medicine to the displaced.',
];

function longReport(): string {
  const paras: string[] = ['Rebels push south towards Homs', '', 'BBC Monitoring, December 3, 2024', ''];
  paras.push('Armed groups said on 1 December 2024 that they had entered Hama after a week of fighting.', '');
  for (let i = 0; i < 34; i++) paras.push(`${i + 1}. ${FILLER[i % FILLER.length]}`, '');
  paras.push('Russian aircraft were seen leaving the Khmeimim air base on the coast, according to satellite images.', '');
  paras.push('By evening the road from Khama to Homs was cut, and commanders in Khama ordered a withdrawal of heavy weapons.', '');
  return paras.join('\n');
}

/** The box is wholly inside the viewport. */
async function inViewport(loc: Locator): Promise<boolean> {
  const box = await loc.boundingBox();
  const vp = page.viewportSize();
  if (!box || !vp) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

const reader = () => page.locator('[data-testid="report-text"]');

/** Scrolls the content to the end of the report, as a reader would. */
async function toEnd(): Promise<void> {
  await page.evaluate(() => {
    const m = document.querySelector('main');
    if (m) m.scrollTop = m.scrollHeight;
  });
  await page.waitForTimeout(100);
}

async function openReport(title: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Reports', exact: false }).first().click();
  await page.getByRole('listbox', { name: 'Reports' }).getByRole('option', { name: title }).click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
  await reader().waitFor();
}

beforeAll(async () => {
  ensureRendererBuilt();
  const dir = tempDir('dossier-e2e-reading-');
  const src = tempDir('dossier-e2e-reading-src-');
  mkdirSync(src, { recursive: true });
  writeFileSync(path.join(src, 'rebels-homs.txt'), longReport());
  writeFileSync(path.join(src, 'hama-brief.txt'), 'Hama brief\n\nReuters, 28 November 2024\n\nShelling was reported near Hama and in the villages west of Khama.\n');
  writeFileSync(path.join(src, 'coast-notes.txt'), 'Coast notes\n\nNothing dated here: Latakia, Tartus and the Hmeimim runway.\n');
  const nb = await Notebook.open({ dir, writable: true, app: 'e2e' });
  const res = await importPaths(nb, [src]);
  expect(res.failed).toEqual([]);
  await nb.close();
  s = await openSession(dir, { width: 1366, height: 768 });
  page = s.page;
  await page.goto(s.host.url);
  await page.getByRole('listbox', { name: 'Reports' }).getByRole('option').first().waitFor();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `reading-failed-${ctx.task.name.replace(/\W+/g, '-').slice(0, 40)}`);
});

afterAll(async () => {
  await s?.close();
});

describe('reading, tagging and quoting in a long report', () => {
  it('keeps published and imported apart: the undated report says so', async () => {
    const row = page.getByRole('listbox', { name: 'Reports' }).getByRole('option', { name: /Coast notes/ });
    await expect(row.textContent()).resolves.toMatch(/undated · imported/);
    await expect(page.getByRole('listbox', { name: 'Reports' }).getByRole('option', { name: /Rebels push south/ }).textContent()).resolves.toMatch(/Dec 3, 2024/);
  });

  it('tags a name near the end from the toolbar: the form is in view and focused; every variant here is marked', async () => {
    await openReport(/Rebels push south/);
    const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
    expect(height).toBeGreaterThan(2 * 768);
    await toEnd();
    await selectInReport(page, 'Khama', 1);
    const toolbar = page.getByRole('toolbar', { name: 'Selection actions' });
    await toolbar.waitFor();
    expect(await inViewport(toolbar)).toBe(true);
    // Beside the selection: just above or below the selected word.
    const selBox = await page.evaluate(() => {
      const r = window.getSelection()?.getRangeAt(0).getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom } : null;
    });
    const barBox = await toolbar.boundingBox();
    expect(selBox && barBox && Math.min(Math.abs(barBox.y + barBox.height - selBox.top), Math.abs(barBox.y - selBox.bottom))).toBeLessThan(20);
    await screenshot(page, 'reading-01-toolbar');
    await toolbar.getByRole('button', { name: 'Tag…' }).click();
    const form = page.getByRole('form', { name: 'Tag as entity' });
    await form.waitFor();
    await form.getByLabel('Name').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('form[aria-label="Tag as entity"]') !== null);
    expect(await inViewport(page.getByRole('dialog', { name: 'Tag as entity' }))).toBe(true);
    await screenshot(page, 'reading-02-tag-form');
    await form.getByLabel('Type').selectOption('location');
    await form.getByRole('button', { name: 'Tag every occurrence' }).click();
    // Hama (once), Khama (twice): the name and its variants, all marked in this report.
    const marks = reader().locator('mark.mention.type-location');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-text"] mark.mention').length >= 3);
    await expect(marks.allTextContents()).resolves.toEqual(['Hama', 'Khama', 'Khama']);
    await page.getByText(/Scanned \d+ other reports?/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'reading-03-tagged');
  });

  it('sees the variants marked in the other reports after the scan, and lists the spellings found', async () => {
    await openReport(/Hama brief/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-text"] mark.mention').length >= 2);
    await expect(reader().locator('mark.mention').allTextContents()).resolves.toEqual(['Hama', 'Hama', 'Khama']);
    await reader().locator('mark.mention').first().click();
    await page.getByRole('heading', { level: 2, name: /Khama/ }).waitFor();
    await page.getByRole('list', { name: 'Spellings found' }).getByText('Hama', { exact: true }).waitFor();
    await screenshot(page, 'reading-04-entity-spellings');
  });

  it('quotes a passage near the end into a note', async () => {
    await openReport(/Rebels push south/);
    await toEnd();
    await selectInReport(page, 'Russian aircraft were seen leaving the Khmeimim air base');
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Quote…' }).click();
    const form = page.getByRole('form', { name: 'Quote into note' });
    await form.waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('form[aria-label="Quote into note"]') !== null);
    expect(await inViewport(page.getByRole('dialog', { name: 'Quote into note' }))).toBe(true);
    await screenshot(page, 'reading-05-quote-form');
    await form.getByRole('button', { name: 'Quote' }).click();
    await page.getByRole('textbox', { name: 'Note text (markdown)' }).waitFor();
    await expect(page.locator('.markdown-preview blockquote').textContent()).resolves.toContain('Russian aircraft were seen leaving');
  });

  it('finds in the report with Ctrl+F: count, next and previous, variants included', async () => {
    await openReport(/Rebels push south/);
    await reader().click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    const input = page.getByRole('searchbox', { name: 'Find in this report' });
    await input.waitFor();
    await input.fill('Hama');
    const count = page.locator('.find-count');
    await expect(count.filter({ hasText: '1 of 3 matches' }).waitFor()).resolves.toBeUndefined();
    await input.press('Enter');
    await count.filter({ hasText: '2 of 3 matches' }).waitFor();
    expect(await inViewport(reader().locator('mark.hl-find.current'))).toBe(true);
    await expect(reader().locator('mark.hl-find.current').textContent()).resolves.toBe('Khama');
    await input.press('Shift+Enter');
    await count.filter({ hasText: '1 of 3 matches' }).waitFor();
    // Half-way down the text the margin map stays in view and spans the visible pane, top to bottom.
    // Scrolls half-way; true when the pane already was there (on a loaded CI machine something
    // still scrolls the pane back to the top now and then after our scroll: see the closing note).
    const halfWay = () =>
      page.evaluate(() => {
        const m = document.querySelector('main');
        if (!m) return false;
        const target = Math.round((m.scrollHeight - m.clientHeight) / 2);
        if (Math.abs(m.scrollTop - target) <= 2) return true;
        m.scrollTop = target;
        return false;
      });
    const measureGap = () =>
      page.evaluate(() => {
        const map = document.querySelector('.minimap')?.getBoundingClientRect();
        const main = document.querySelector('main');
        const pane = main?.getBoundingClientRect();
        if (!map || !main || !pane) return null;
        const cs = getComputedStyle(main);
        // Measured from the pane's padding edges, where the text itself starts and ends.
        return { top: Math.round(map.top - pane.top - parseFloat(cs.paddingTop)), bottom: Math.round(pane.bottom - map.bottom - parseFloat(cs.paddingBottom)) };
      });
    await halfWay();
    // The sticky map follows on the next frame; a loaded machine may take a few.
    await expect
      .poll(async () => {
        if (!(await halfWay())) return 99;
        const g = await measureGap();
        return g ? Math.max(Math.abs(g.top), Math.abs(g.bottom)) : 99;
      }, { timeout: 10_000 })
      .toBeLessThanOrEqual(2);
    await screenshot(page, 'reading-06-find');
    await input.press('Escape');
    await expect(page.getByRole('searchbox', { name: 'Find in this report' }).count()).resolves.toBe(0);
  });

  it('selects with Shift+arrows and opens the toolbar with Alt+Enter', async () => {
    await reader().focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect(page.evaluate(() => window.getSelection()?.toString().length ?? 0)).resolves.toBeGreaterThan(0);
    await page.keyboard.press('Alt+Enter');
    const tag = page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Tag…' });
    await tag.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Tag…');
    await screenshot(page, 'reading-07-keyboard-toolbar');
    await page.keyboard.press('Escape');
  });

  it('opens a search result at its match, with the variant marked whole', async () => {
    const box = page.getByRole('searchbox', { name: 'Search reports, notes and entities' });
    await box.click();
    await box.fill('Hmeimim');
    const results = page.getByRole('list', { name: 'Search results' });
    const hit = results.getByRole('listitem').filter({ hasText: 'Rebels push south' }).filter({ has: page.locator('.kind-report') });
    await hit.waitFor({ timeout: 10_000 });
    await hit.locator('button.snippet').click();
    await page.getByRole('heading', { level: 2, name: /Rebels push south/ }).waitFor();
    const at = reader().locator('mark.hl-at');
    await at.waitFor();
    await expect(at.textContent()).resolves.toBe('Khmeimim');
    await page.waitForTimeout(300);
    expect(await inViewport(at)).toBe(true);
    await screenshot(page, 'reading-08-opened-at-match');
  });

  it('edits the published date and the list re-sorts', async () => {
    await page.getByRole('button', { name: 'Reports', exact: false }).first().click();
    const list = page.getByRole('listbox', { name: 'Reports' });
    await page.getByLabel('Sort by').selectOption('date-desc');
    await expect(list.getByRole('option').first().textContent()).resolves.toMatch(/Rebels push south/);
    await openReport(/Hama brief/);
    await page.getByRole('button', { name: 'Edit details…' }).click();
    const form = page.getByRole('form', { name: 'Edit report details' });
    await form.getByLabel('Published').fill('2025-01-15');
    await screenshot(page, 'reading-09-edit-details');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved the report’s details.').waitFor();
    await page.waitForFunction(() => document.querySelector('[role="listbox"][aria-label="Reports"] [role="option"]')?.textContent?.includes('Hama brief') === true);
    await screenshot(page, 'reading-10-resorted');
  });

  it('deletes a report and restores it from the trash', async () => {
    await page.getByRole('button', { name: 'Delete report' }).click();
    await page.getByText(/Moved “Hama brief” to the trash/).waitFor();
    const list = page.getByRole('listbox', { name: 'Reports' });
    await page.waitForFunction(() => ![...document.querySelectorAll('[role="option"]')].some((o) => o.textContent?.includes('Hama brief')));
    await page.getByRole('button', { name: 'Trash' }).click();
    const trash = page.getByRole('region', { name: 'Trash' }).or(page.locator('section.trash'));
    await trash.getByText('Hama brief').waitFor();
    await screenshot(page, 'reading-11-trash');
    await trash.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('heading', { level: 2, name: /Hama brief/ }).waitFor();
    await list.getByRole('option', { name: /Hama brief/ }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-text"] mark.mention').length >= 3);
    await screenshot(page, 'reading-12-restored');
  });

  it('raised no page errors (console CSP notices from the note editor are the workspace issue’s)', () => {
    expect(s.pageErrors).toEqual([]);
    expect(s.consoleErrors.filter((e) => !/Failed to load resource|Applying inline style violates/.test(e))).toEqual([]);
  });
});
