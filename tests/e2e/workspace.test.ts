/**
 * The researcher's journey in real Chromium against the browser host: find a report by a
 * transliterated name, read it, tag an entity from a selection, quote a passage into a new note
 * that links an entity, see the backlink, open the link chart, export the note — while nothing
 * leaves 127.0.0.1, hostile report and note content never runs, and axe finds no serious issue.
 */
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, importPaths, Notebook } from '../../electron/notebook';
import { axeProblems, ensureRendererBuilt, openSession, ROOT, screenshot, selectInReport, tempDir, type Session } from './harness';

const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
const HOSTILE_NOTE = [
  '# Hostile note',
  '',
  '<script>window.__pwned = "note-script"</script>',
  '<img src="x" onerror="window.__pwned=\'note-img\'">',
  '[run](javascript:window.__pwned=\'note-link\') and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<iframe src="javascript:parent.__pwned=\'note-iframe\'"></iframe>',
  '<svg onload="window.__pwned=\'note-svg\'"></svg>',
  '[vb](vbscript:msgbox) [web](https://example.org/outside)',
].join('\n\n');

let s: Session;
let page: Page;
let exportDir: string;

async function expectAccessible(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await axeProblems(page), `axe on ${name}`).toEqual([]);
}

async function pwned(): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

beforeAll(async () => {
  ensureRendererBuilt();
  const dir = tempDir('dossier-e2e-');
  exportDir = tempDir('dossier-e2e-export-');
  const nb = await Notebook.open({ dir, writable: true, app: 'e2e' });
  const res = await importPaths(nb, readdirSync(FIXTURES).map((f) => path.join(FIXTURES, f)), { tags: ['syria'] });
  expect(res.failed).toEqual([]);
  await createHandlers(nb)['notes.create']({ title: 'Hostile note', body: HOSTILE_NOTE, tags: [] });
  await nb.close();
  s = await openSession(dir);
  page = s.page;
  await page.goto(s.host.url);
  await page.getByRole('listbox', { name: 'Reports' }).getByRole('option').first().waitFor();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `failed-${ctx.task.name.replace(/\W+/g, '-').slice(0, 40)}`);
});

afterAll(async () => {
  await s?.close();
});

describe('the researcher workspace in Chromium', () => {
  it('shows the library with landmarks and the imported reports', async () => {
    await expect(page.getByRole('banner').count()).resolves.toBe(1);
    await expect(page.getByRole('navigation', { name: 'Library' }).count()).resolves.toBe(1);
    await expect(page.getByRole('main').count()).resolves.toBe(1);
    const options = page.getByRole('listbox', { name: 'Reports' }).getByRole('option');
    await expect(options.count()).resolves.toBe(4);
    await expect(page.getByRole('separator', { name: 'Resize the list' }).getAttribute('aria-valuenow')).resolves.toBe('300');
    await page.getByRole('separator', { name: 'Resize the list' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('separator', { name: 'Resize the list' }).getAttribute('aria-valuenow')).resolves.toBe('316');
    await expectAccessible('01-library');
  });

  it('finds the Khmeimim report by typing "Hmeimim"', async () => {
    const box = page.getByRole('searchbox', { name: 'Search reports, notes and entities' });
    await box.click();
    await box.pressSequentially('Hmeimim', { delay: 30 });
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button', { name: /Khmeimim/ }).first().waitFor({ timeout: 10_000 });
    await expect(results.locator('mark').count()).resolves.toBeGreaterThan(0);
    await expectAccessible('02-search-results');
    await results.getByRole('button', { name: /Khmeimim/ }).first().click();
    await page.getByRole('heading', { level: 2, name: /Khmeimim air base/ }).waitFor();
  });

  it('reads the report as text with its metadata; the URL is not a live link', async () => {
    const article = page.getByRole('article');
    // The heading comes with the metadata; the body text arrives in its own request.
    await article.getByText('Latakia', { exact: false }).first().waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid="report-text"] a').count()).resolves.toBe(0);
    await expect(page.locator('a[href^="http"]').count()).resolves.toBe(0);
    await expectAccessible('03-reader');
  });

  it('tags an entity from a text selection', async () => {
    const { start, end } = await selectInReport(page, 'Zhuravlev');
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Tag…' }).click();
    const form = page.getByRole('form', { name: 'Tag as entity' });
    await expect(form.getByLabel('Name').inputValue()).resolves.toBe('Zhuravlev');
    await form.getByLabel('Type').selectOption('person');
    await form.getByRole('button', { name: 'Tag every occurrence' }).click();
    const mark = page.locator('[data-testid="report-text"] mark.mention.type-person');
    await mark.first().waitFor();
    await expect(mark.first().textContent()).resolves.toBe('Zhuravlev');
    await expect(mark.first().getAttribute('data-start')).resolves.toBe(String(start));
    expect(end - start).toBe('Zhuravlev'.length);
    await screenshot(page, '04-tagged');
  });

  it('quotes a passage into a new note, links the entity with [[ and autosaves', async () => {
    await selectInReport(page, 'Satellite images show Russian aircraft departing the Khmeimim air base');
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Quote…' }).click();
    await page.getByRole('form', { name: 'Quote into note' }).getByRole('button', { name: 'Quote' }).click();
    const editor = page.getByRole('textbox', { name: 'Note text (markdown)' });
    await editor.waitFor();
    await expect(page.locator('.markdown-preview blockquote').textContent()).resolves.toContain('Satellite images');
    await editor.click();
    await page.keyboard.press('Control+End');
    // The lookup of the whole typed word: until it answers, the list may still change under the
    // Enter below.
    const lastLookup = page.waitForResponse((r) => {
      const body = r.request().postData() ?? '';
      return body.includes('"search.quick"') && body.includes('"q":"Zhur"');
    });
    await page.keyboard.type('\nThe general [[Zhur', { delay: 20 });
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'Zhuravlev' });
    await lastLookup;
    await option.first().waitFor();
    // CodeMirror ignores Enter for 75 ms after the list changes (its interactionDelay), so that a
    // list appearing under the finger is not accepted by accident: a user sees it first.
    await page.waitForTimeout(200);
    await screenshot(page, '05-autocomplete');
    await page.keyboard.press('Enter');
    await expect(editor.textContent()).resolves.toContain('[[Zhuravlev]]');
    await page.keyboard.type(' #airbase', { delay: 20 });
    await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 10_000 });
    await page.locator('.markdown-preview button.wikilink', { hasText: 'Zhuravlev' }).waitFor();
    // The inline #tag is one of the note's tags, shown as written in the text, with no × to press.
    const tags = page.getByRole('list', { name: 'Tags' });
    await tags.getByText('#airbase').waitFor({ timeout: 10_000 });
    expect(await tags.getByRole('button', { name: 'Remove tag airbase' }).count()).toBe(0);
    await expectAccessible('06-note-editor');
  });

  it('shows the backlink on the entity page and on the report', async () => {
    const noteTitle = await page.locator('#note-title').inputValue();
    await page.locator('.markdown-preview button.wikilink', { hasText: 'Zhuravlev' }).click();
    await page.getByRole('heading', { level: 2, name: 'Zhuravlev' }).waitFor();
    await page.getByRole('list', { name: 'Notes linking here' }).getByRole('button', { name: noteTitle }).waitFor();
    await expectAccessible('07-entity-page');
    // The citation in the note opens the report at the quoted passage.
    await page.getByRole('list', { name: 'Notes linking here' }).getByRole('button', { name: noteTitle }).click();
    await page.locator('.markdown-preview button.citation').first().click();
    await page.locator('mark.cite').first().waitFor();
    await expect(page.locator('mark.cite').first().textContent()).resolves.toContain('Satellite images');
    await page.getByRole('list', { name: 'Backlinks' }).getByRole('button', { name: noteTitle }).waitFor();
    await screenshot(page, '08-citation');
  });

  it('opens the link chart and clicks through', async () => {
    await page.getByRole('button', { name: 'Link chart' }).click();
    await page.getByRole('heading', { name: 'Link chart' }).waitFor();
    await page.locator('.graph-canvas canvas').first().waitFor();
    await page.waitForTimeout(300);
    await expectAccessible('09-graph');
    await page.getByRole('list', { name: 'Items in the chart' }).getByRole('button', { name: 'Zhuravlev', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Zhuravlev' }).waitFor();
  });

  it('finds reports, notes and entities with Ctrl+K', async () => {
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Type a title, entity or command' });
    await input.waitFor();
    await input.fill('Khama');
    await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: /Khama offensive/ }).waitFor();
    await screenshot(page, '10-palette');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Khama offensive' }).waitFor();
    // Another spelling of a name finds it too, through the core's quick switcher.
    await page.keyboard.press('Control+k');
    await input.fill('Zhuravlyov');
    await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: /Zhuravlev/ }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('exports the note to a folder', async () => {
    await page.getByRole('button', { name: 'Notes', exact: false }).first().click();
    await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /Quote from/ }).click();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export notes' });
    await dialog.getByLabel(/Destination folder/).fill(exportDir);
    await dialog.getByRole('button', { name: 'Export' }).click();
    await dialog.getByText(/Wrote \d+ files? to/).waitFor();
    await screenshot(page, '11-export');
    const notes = readdirSync(path.join(exportDir, 'notes')).filter((f) => f.endsWith('.md'));
    expect(notes.length).toBe(1);
    expect(readFileSync(path.join(exportDir, 'notes', notes[0] ?? ''), 'utf8')).toContain('Satellite images');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('imports files picked from this computer and lists imported, duplicate and failed ones, each file on its own', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import reports' });
    const picked = tempDir('dossier-e2e-pick-');
    writeFileSync(path.join(picked, 'palmyra.txt'), 'Palmyra airfield abandoned\n\nThe T4 airbase near Palmyra was abandoned on 8 December 2024.\n');
    writeFileSync(path.join(picked, 'khmeimim-again.txt'), readFileSync(path.join(FIXTURES, 'khmeimim-airbase.txt')));
    writeFileSync(path.join(picked, 'slides.pptx'), 'not a report');
    // Over the 50 MB file limit (a sparse file): refused in the list, the others still import.
    writeFileSync(path.join(picked, 'archive-dump.txt'), '');
    truncateSync(path.join(picked, 'archive-dump.txt'), 51 * 1024 * 1024);
    await dialog.getByLabel('Choose files…').setInputFiles(['palmyra.txt', 'archive-dump.txt', 'khmeimim-again.txt', 'slides.pptx'].map((f) => path.join(picked, f)));
    await dialog.getByRole('button', { name: 'Import 4 files' }).click();
    const summary = dialog.getByRole('region', { name: 'Import summary' });
    await summary.waitFor({ timeout: 15_000 });
    await expect(summary.getByRole('list', { name: 'Imported' }).textContent()).resolves.toContain('Palmyra airfield abandoned');
    await expect(summary.getByRole('list', { name: 'Duplicates' }).textContent()).resolves.toContain('khmeimim-again.txt');
    await expect(summary.getByRole('list', { name: 'Failed' }).textContent()).resolves.toMatch(/slides\.pptx.*unsupported file type \.pptx/s);
    await expect(summary.getByRole('list', { name: 'Failed' }).textContent()).resolves.toMatch(/archive-dump\.txt.*the file is 51\.0 MB; the limit is 50\.0 MB/s);
    await screenshot(page, '11b-import-summary');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('never runs hostile report or note content', async () => {
    for (const title of ['Hostile briefing on Tartus', 'Hostile markdown dispatch']) {
      await page.getByRole('button', { name: /^Reports/ }).click();
      await page.getByRole('listbox', { name: 'Reports' }).getByRole('option', { name: new RegExp(title) }).click();
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      await page.waitForTimeout(200);
      expect(await pwned()).toBeUndefined();
    }
    await screenshot(page, '12-hostile-report');
    await page.getByRole('button', { name: /^Notes/ }).click();
    await page.getByRole('listbox', { name: 'Notes' }).getByRole('option', { name: /Hostile note/ }).click();
    await page.locator('.markdown-preview').waitFor();
    await page.waitForTimeout(200);
    await expect(page.locator('.markdown-preview script, .markdown-preview img, .markdown-preview iframe, .markdown-preview svg, .markdown-preview a').count()).resolves.toBe(0);
    // The javascript: link is dead text; clicking it does nothing.
    await page.locator('.markdown-preview').getByText('run').click();
    await screenshot(page, '13-hostile-note');
    expect(await pwned()).toBeUndefined();
    expect(s.dialogs).toEqual([]);
  });

  it('made no request off 127.0.0.1 and threw no page errors', () => {
    const foreign = s.requests.filter((u) => new URL(u).hostname !== '127.0.0.1');
    expect(foreign).toEqual([]);
    expect(s.requests.length).toBeGreaterThan(5);
    expect(s.pageErrors).toEqual([]);
  });
});
