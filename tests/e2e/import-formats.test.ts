/**
 * The import dialog in real Chromium: files of the new formats are dropped in (a Word document, an
 * e-mail, a Telegram result.json), a Telegram export folder is imported by path in the background
 * with progress, and the reader shows a post's provenance. Nothing leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, openSession, ROOT, screenshot, tempDir, type Session } from './harness';

const FIX = path.join(ROOT, 'tests/fixtures/formats');
let s: Session;

beforeAll(async () => {
  ensureRendererBuilt();
  s = await openSession(tempDir('dossier-e2e-formats-'), { width: 1366, height: 768 });
  await s.page.goto(s.host.url);
}, 60_000);

afterAll(async () => {
  await s?.close();
});

describe('importing the new formats from the browser', () => {
  it('takes dropped .docx, .eml and result.json files and a Telegram folder by path, and shows a post\'s provenance', { timeout: 120_000 }, async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import reports' });
    await dialog.getByLabel('Choose files…').setInputFiles([
      { name: 'situation-report.docx', mimeType: 'application/octet-stream', buffer: readFileSync(path.join(FIX, 'office/situation-report.docx')) },
      { name: 'briefing.eml', mimeType: 'message/rfc822', buffer: readFileSync(path.join(FIX, 'email/briefing.eml')) },
    ]);
    await dialog.getByRole('button', { name: 'Import 2 files' }).click();
    const summary = dialog.getByRole('region', { name: 'Import summary' });
    await summary.waitFor({ timeout: 30_000 });
    const imported = summary.getByRole('list', { name: 'Imported' });
    await expect(imported.textContent()).resolves.toMatch(/Southern front situation report[\s\S]*Briefing notes: Zaporizhzhia NPP/);

    // A Telegram export folder by path: one background job, polled to the end.
    await dialog.getByLabel('Files or folders, one per line').fill(path.join(FIX, 'telegram-json'));
    await dialog.getByLabel('English').check();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(summary.getByRole('list', { name: 'Imported' }).textContent({ timeout: 30_000 })).resolves.toMatch(/Обстріл Херсона вночі/);
    for (const [w, h] of [[1024, 700], [1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await screenshot(page, `formats-import-${w}x${h}`);
    }
    await summary.getByRole('button', { name: /Обстріл Херсона вночі/ }).first().click();
    await page.getByRole('heading', { name: /Обстріл Херсона вночі/ }).waitFor();
    await page.getByText('Provenance (telegram)').click();
    const prov = page.locator('details.provenance');
    await expect(prov.textContent()).resolves.toMatch(/Linkt\.me\/c\/1234567890\/2[\s\S]*Views15,230/);
    for (const [w, h] of [[1024, 700], [1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await screenshot(page, `formats-reader-${w}x${h}`);
    }
    const origin = new URL(s.host.url).origin;
    const outside = s.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
    expect(outside).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
