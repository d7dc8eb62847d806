/**
 * The workspace at laptop and desktop sizes, in one Chromium session: every main view is
 * screenshot at 1024×700, 1366×768 and 1920×1080 and checked with axe; the report's reading
 * column is at least 480 px wide everywhere; panes collapse and keep their widths; Back/Forward
 * (buttons, Alt+Left/Right, the mouse's back button) move between opened items; reload keeps the
 * view and "Recent"; Ctrl+K then typing filters at once; a new note is saved only once it has
 * text; and over the whole journey the console shows no error and no warning (CSP included).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, importPaths, Notebook } from '../../electron/notebook';
import { axeProblems, ensureRendererBuilt, openSession, ROOT, screenshot, tempDir, type Session } from './harness';

const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

let s: Session;
let page: Page;
let notebookDir = '';

async function savedNoteTitles(): Promise<string[]> {
  const nb = await Notebook.open({ dir: notebookDir, writable: false });
  try {
    return nb.notes.all().map((n) => n.title);
  } finally {
    await nb.close();
  }
}
const ids: { khama: string; khmeimim: string; entity: string; note: string } = { khama: '', khmeimim: '', entity: '', note: '' };

async function check(name: string): Promise<void> {
  await page.waitForTimeout(150);
  await screenshot(page, name);
  expect(await axeProblems(page), `axe on ${name}`).toEqual([]);
}

async function hash(): Promise<string> {
  return page.evaluate(() => window.location.hash);
}

beforeAll(async () => {
  ensureRendererBuilt();
  const dir = tempDir('dossier-e2e-layout-');
  notebookDir = dir;
  const nb = await Notebook.open({ dir, writable: true, app: 'e2e' });
  const res = await importPaths(nb, readdirSync(FIXTURES).map((f) => path.join(FIXTURES, f)), { tags: ['syria'] });
  expect(res.failed).toEqual([]);
  const h = createHandlers(nb);
  const reports = await h['reports.list']({ sort: 'imported' });
  ids.khama = reports.find((r) => r.title === 'Khama offensive')?.id ?? '';
  ids.khmeimim = reports.find((r) => /Khmeimim/.test(r.title))?.id ?? '';
  const ent = await h['entities.create']({ name: 'Zhuravlyov', type: 'person', aliases: ['Zhuravlev'], notes: '', tags: [] });
  ids.entity = ent.entity.id;
  await h['entities.scan']({});
  const note = await h['notes.create']({
    title: 'Withdrawal timeline',
    body: '# Withdrawal\n\nGeneral [[Zhuravlyov]] ordered it, see [[Khama offensive]].\n\n> A quoted line\n\nOpen question: [[Missing dossier]] #logistics',
    tags: [],
  });
  ids.note = note.id;
  await nb.close();
  s = await openSession(dir, SIZES[0]);
  page = s.page;
  await page.goto(s.host.url);
  await page.getByRole('listbox', { name: 'Reports' }).getByRole('option').first().waitFor();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `failed-layout-${ctx.task.name.replace(/\W+/g, '-').slice(0, 40)}`);
});

afterAll(async () => {
  await s?.close();
});

describe('the workspace at laptop and desktop sizes', () => {
  for (const size of SIZES) {
    it(`shows every main view at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size);
      const tag = `${size.width}x${size.height}`;
      await page.evaluate(() => (window.location.hash = '#/'));
      await page.getByRole('heading', { name: 'Welcome to your notebook' }).waitFor();
      await check(`layout-${tag}-1-library`);

      await page.evaluate((id) => (window.location.hash = `#/report/${id}`), ids.khama);
      const text = page.locator('[data-testid="report-text"]');
      await text.getByText('Opposition fighters', { exact: false }).waitFor();
      const box = await text.boundingBox();
      expect(box?.width ?? 0, `reading column at ${tag}`).toBeGreaterThanOrEqual(480);
      // Capped for reading: no more than about 80 characters a line.
      const perLine = await text.evaluate((el) => {
        const ctx = document.createElement('canvas').getContext('2d');
        if (!ctx) return 0;
        ctx.font = getComputedStyle(el).font;
        const sample = 'the quick brown fox jumps over a lazy dog and reads the report ';
        return el.clientWidth / (ctx.measureText(sample).width / sample.length);
      });
      expect(perLine, `characters a line at ${tag}`).toBeLessThanOrEqual(85);
      expect(perLine, `characters a line at ${tag}`).toBeGreaterThanOrEqual(55);
      await check(`layout-${tag}-2-reader`);

      await page.evaluate((id) => (window.location.hash = `#/note/${id}`), ids.note);
      const editor = page.getByRole('textbox', { name: 'Note text (markdown)' });
      await editor.waitFor();
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      // The editor fills the height it has: down to near the bottom of the window.
      const ed = await page.getByTestId('note-editor').boundingBox();
      expect((ed?.y ?? 0) + (ed?.height ?? 0), `editor bottom at ${tag}`).toBeGreaterThan(size.height - 60);
      expect(ed?.width ?? 0).toBeGreaterThanOrEqual(300);
      await page.getByRole('button', { name: 'Split', exact: true }).click();
      await check(`layout-${tag}-3-note`);

      await page.evaluate((id) => (window.location.hash = `#/entity/${id}`), ids.entity);
      await page.getByRole('heading', { level: 2, name: 'Zhuravlyov' }).waitFor();
      await check(`layout-${tag}-4-entity`);

      await page.evaluate(() => (window.location.hash = '#/search?q=Hmeimim'));
      await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().waitFor();
      await check(`layout-${tag}-5-search`);

      await page.evaluate(() => (window.location.hash = '#/graph'));
      await page.locator('.graph-canvas canvas').first().waitFor();
      await page.waitForFunction(() => document.querySelector<HTMLElement>('.graph-canvas')?.dataset.layoutMs !== undefined);
      await check(`layout-${tag}-6-graph`);

      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Type a title, entity or command' }).waitFor();
      await check(`layout-${tag}-7-palette`);
      await page.keyboard.press('Escape');
    });
  }

  it('collapses and resizes panes and remembers the widths across a reload', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => (window.location.hash = '#/'));
    const split = page.getByRole('separator', { name: 'Resize the list' });
    const before = Number(await split.getAttribute('aria-valuenow'));
    await split.focus();
    await page.keyboard.press('ArrowRight');
    await expect(split.getAttribute('aria-valuenow')).resolves.toBe(String(before + 16));
    await page.getByRole('button', { name: 'List panel' }).click();
    await page.getByRole('listbox', { name: 'Reports' }).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to your notebook' }).waitFor();
    await expect(page.getByRole('listbox', { name: 'Reports' }).count()).resolves.toBe(0);
    await page.keyboard.press('Alt+l');
    await page.getByRole('listbox', { name: 'Reports' }).waitFor();
    await expect(page.getByRole('separator', { name: 'Resize the list' }).getAttribute('aria-valuenow')).resolves.toBe(String(before + 16));
    // Below 1200 px the library is a drawer: closed at first, the list stays beside the content.
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('navigation', { name: 'Library' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Library panel' }).click();
    await page.getByRole('navigation', { name: 'Library' }).waitFor();
    await screenshot(page, 'layout-1024x700-8-library-drawer');
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: 'Library' }).waitFor({ state: 'detached' });
  });

  it('moves Back and Forward between three opened items, by button, Alt+Left/Right and the mouse', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const list = page.getByRole('listbox', { name: 'Reports' });
    const opened: string[] = [];
    for (const title of ['Khama offensive', 'Khmeimim', 'Hostile briefing']) {
      await list.getByRole('option', { name: new RegExp(title) }).click();
      await page.getByRole('heading', { level: 2, name: new RegExp(title) }).waitFor();
      opened.push(await hash());
    }
    expect(new Set(opened).size).toBe(3);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /Khmeimim/ }).waitFor();
    expect(await hash()).toBe(opened[1]);
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByRole('heading', { level: 2, name: /Khama offensive/ }).waitFor();
    expect(await hash()).toBe(opened[0]);
    await page.keyboard.press('Alt+ArrowRight');
    await page.getByRole('heading', { level: 2, name: /Khmeimim/ }).waitFor();
    await page.getByRole('button', { name: 'Forward', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /Hostile briefing/ }).waitFor();
    // The mouse's back button (button 3).
    await page.mouse.move(700, 400);
    await page.evaluate(() => {
      window.dispatchEvent(new MouseEvent('mousedown', { button: 3, bubbles: true }));
      window.dispatchEvent(new MouseEvent('mouseup', { button: 3, bubbles: true }));
    });
    await page.getByRole('heading', { level: 2, name: /Khmeimim/ }).waitFor();
    expect(await hash()).toBe(opened[1]);
  });

  it('makes one history entry for a typed query: Back returns to what was open before the search', async () => {
    const before = await hash();
    await page.getByRole('searchbox').pressSequentially('Hmeimim', { delay: 20 });
    await page.locator('ol.hits[data-query="Hmeimim"]').waitFor();
    expect(await hash()).toBe('#/search?q=Hmeimim');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /Khmeimim/ }).waitFor();
    expect(await hash()).toBe(before);
    await page.getByRole('button', { name: 'Forward', exact: true }).click();
    await page.locator('ol.hits[data-query="Hmeimim"]').waitFor();
    expect(await page.getByRole('searchbox').inputValue()).toBe('Hmeimim');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /Khmeimim/ }).waitFor();
  });

  it('keeps the view and Recent across a reload', async () => {
    const at = await hash();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /Khmeimim/ }).waitFor();
    expect(await hash()).toBe(at);
    await page.getByRole('button', { name: 'Library panel', pressed: false }).count().then(async (n) => {
      if (n > 0) await page.getByRole('button', { name: 'Library panel' }).click();
    });
    const recent = page.getByRole('navigation', { name: 'Library' }).locator('.nav-list').last();
    await recent.getByText(/Hostile briefing/).waitFor();
    await expect(recent.getByText(/Khama offensive/).count()).resolves.toBe(1);
  });

  it('filters the palette as soon as Ctrl+K is followed by typing, commands first, with a line per item', async () => {
    await page.keyboard.press('Control+k');
    // No click: the input has the focus.
    await page.keyboard.type('khama', { delay: 10 });
    const options = page.getByRole('listbox', { name: 'Matches' }).getByRole('option');
    await options.first().waitFor();
    await expect(options.first().textContent()).resolves.toMatch(/Khama offensive/);
    await expect(options.first().locator('.palette-line').textContent()).resolves.toMatch(/report · .*2024/);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('delete');
    // "Delete this note" is off outside a note; reports whose titles merely contain d…e…l…e…t…e do not match.
    await page.getByRole('listbox', { name: 'Matches' }).getByText('No match.').waitFor();
    expect((await options.allTextContents()).join('\n')).not.toMatch(/displace/i);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('link ch');
    await expect(options.first().textContent()).resolves.toMatch(/Open link chart/);
    await page.keyboard.press('Escape');
  });

  it('keeps a new note a draft until it has text, then saves it under the text’s first line', async () => {
    const before = await savedNoteTitles();
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('status').filter({ hasText: 'Not saved until it has a title or text' }).waitFor();
    expect(await hash()).toBe('#/note/new');
    await page.waitForTimeout(900);
    expect(await savedNoteTitles()).toEqual(before);
    await page.keyboard.press('Alt+2');
    await page.getByRole('textbox', { name: 'Note text (markdown)' }).click();
    await page.keyboard.type('Convoy notes\n\nTrucks seen near [[Khama offensive]] #convoy and [[Nowhere yet]]', { delay: 5 });
    await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 10_000 });
    expect(await hash()).toMatch(/^#\/note\/n_/);
    expect((await savedNoteTitles()).filter((t) => !before.includes(t))).toEqual(['Convoy notes']);
    await expect(page.locator('#note-title').inputValue()).resolves.toBe('');
    await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /Convoy notes/ }).waitFor();
    // The unresolved link is styled apart; the inline tag is a tag of the note.
    await page.locator('.cm-wikilink-missing', { hasText: 'Nowhere yet' }).waitFor();
    await page.locator('.cm-hashtag', { hasText: '#convoy' }).waitFor();
    await page.getByRole('complementary').getByText('convoy').first().waitFor();
    await screenshot(page, 'layout-1366x768-9-new-note');
    // Clicking the unresolved link in the preview creates that note and opens it.
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.locator('.markdown-preview button.wikilink-missing', { hasText: 'Nowhere yet' }).click();
    await page.locator('#note-title[value="Nowhere yet"]').waitFor();
    await page.getByRole('button', { name: 'Split', exact: true }).click();
  });

  it('shows the local graph around an item, with depth, search and click-through', async () => {
    await page.evaluate((id) => (window.location.hash = `#/graph?focus=${id}&depth=1`), ids.entity);
    await page.getByRole('heading', { name: /Link chart around Zhuravlyov/ }).waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.graph-canvas')?.dataset.layoutMs !== undefined);
    const items = page.getByRole('list', { name: 'Items in the chart' });
    const depth1 = await items.getByRole('listitem').count();
    expect(depth1).toBeGreaterThan(1);
    await page.getByLabel('Depth').selectOption('2');
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Items in the chart"] li').length >= n, depth1);
    await page.getByLabel('Find in chart').fill('Khama');
    await screenshot(page, 'layout-1366x768-10-local-graph');
    await items.getByRole('button', { name: 'Khama offensive', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Khama offensive' }).waitFor();
  });

  it('logged no console error or warning (CSP included) over the whole journey', () => {
    expect(s.consoleProblems).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
