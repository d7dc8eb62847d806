/**
 * End-to-end harness: a temp notebook filled through the core, the browser host on 127.0.0.1, and
 * the Chromium or Chrome that tests/helpers/browser.ts finds, driven by playwright-core (no browser download). Records every request,
 * page error and dialog so tests can assert nothing leaves the machine and hostile content never runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHost, type RunningHost } from '../../electron/host';
import { browserPathOrThrow } from '../helpers/browser';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function ensureRendererBuilt(): void {
  if (existsSync(path.join(ROOT, 'out/renderer/index.html'))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Session {
  host: RunningHost;
  browser: Browser;
  page: Page;
  requests: string[];
  pageErrors: string[];
  dialogs: string[];
  consoleErrors: string[];
  /** Every console message of type error or warning, with where it came from. */
  consoleProblems: string[];
  close(): Promise<void>;
}

export async function openSession(notebookDir: string, viewport = { width: 1440, height: 900 }): Promise<Session> {
  const host = await startHost({ notebookDir, port: 0 });
  const browser = await chromium.launch({ executablePath: browserPathOrThrow(), args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const s: Session = {
    host,
    browser,
    page,
    requests: [],
    pageErrors: [],
    dialogs: [],
    consoleErrors: [],
    consoleProblems: [],
    close: async () => {
      await browser.close().catch(() => undefined);
      await host.close();
    },
  };
  page.on('request', (r) => s.requests.push(r.url()));
  page.on('pageerror', (e) => s.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') s.consoleErrors.push(m.text());
    if (m.type() === 'error' || m.type() === 'warning') s.consoleProblems.push(`${m.type()}: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on('dialog', (d) => {
    s.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return s;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Serious or critical axe violations, formatted for an assertion message. */
export async function axeProblems(page: Page): Promise<string[]> {
  const res = await new AxeBuilder({ page }).analyze();
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Selects `needle` (its n-th occurrence) in the reader's text like a user's drag would, then fires mouseup. */
export async function selectInReport(page: Page, needle: string, occurrence = 0): Promise<{ start: number; end: number }> {
  return page.evaluate(
    ([text, nth]) => {
      const root = document.querySelector('[data-testid="report-text"]');
      if (!root) throw new Error('no report text');
      const full = root.textContent ?? '';
      let start = -1;
      for (let i = 0, from = 0; i <= nth; i++) {
        start = full.indexOf(text, from);
        from = start + 1;
      }
      if (start < 0) throw new Error(`"${text}" is not in the report`);
      const end = start + text.length;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let pos = 0;
      let sNode: Text | null = null;
      let sOff = 0;
      let eNode: Text | null = null;
      let eOff = 0;
      while (walker.nextNode()) {
        const n = walker.currentNode as Text;
        const len = n.data.length;
        if (!sNode && start < pos + len) {
          sNode = n;
          sOff = start - pos;
        }
        if (!eNode && end <= pos + len) {
          eNode = n;
          eOff = end - pos;
          break;
        }
        pos += len;
      }
      if (!sNode || !eNode) throw new Error('selection out of range');
      const range = document.createRange();
      range.setStart(sNode, sOff);
      range.setEnd(eNode, eOff);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return { start, end };
    },
    [needle, occurrence] as const,
  );
}
