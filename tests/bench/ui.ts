/**
 * UI latency bench in real Chromium against the browser host on an existing (e.g. 10k-report)
 * notebook: scrolling the virtualized report list (frame times, long tasks) and the time from
 * the last keystroke in the search box to the results on screen.
 * Run alone: node --import tsx tests/bench/ui.ts NOTEBOOK_DIR
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { browserPathOrThrow } from '../helpers/browser';
import { startHost } from '../../electron/host';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const QUERIES = ['Hama', 'Khmeimim', 'Zhuravlyov', 'government', 'river', 'election', 'coast', 'army'];
const SEARCH_BUDGET_MS = 100;

export interface UiBenchRow {
  metric: string;
  value: string;
  budget: string;
  ok: boolean;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

export async function runUiBench(notebookDir: string): Promise<UiBenchRow[]> {
  if (!existsSync(path.join(ROOT, 'out/renderer/index.html'))) throw new Error('the renderer is not built: run `npm run build` first');
  const host = await startHost({ notebookDir, port: 0 });
  const browser = await chromium.launch({ executablePath: browserPathOrThrow(), args: ARGS, headless: true });
  const rows: UiBenchRow[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(60_000);
    // tsx (esbuild keepNames) wraps named functions in __name(); give evaluated code a no-op one.
    await page.addInitScript('window.__name = (f) => f');
    const t0 = Date.now();
    await page.goto(host.url);
    await page.locator('[role="listbox"] [role="option"]').first().waitFor();
    const firstList = Date.now() - t0;
    rows.push({ metric: 'ui: open to first report list', value: `${firstList} ms`, budget: '<= 1500 ms', ok: firstList <= 1500 });

    // Scroll the report list for ~3 s, one step per frame; record frame intervals and long tasks.
    const scroll = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('.list-scroll');
      if (!el) throw new Error('no report list');
      const long: number[] = [];
      const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
      try {
        obs.observe({ type: 'longtask', buffered: false });
      } catch {
        /* no long task API */
      }
      const frames: number[] = [];
      let last = performance.now();
      const end = last + 3000;
      await new Promise<void>((resolve) => {
        const step = (t: number) => {
          frames.push(t - last);
          last = t;
          el.scrollTop += 120;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) el.scrollTop = 0;
          if (t < end) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      obs.disconnect();
      return { frames: frames.slice(1), long, rows: el.querySelectorAll('[role="option"]').length };
    });
    const p95 = pct(scroll.frames, 95);
    rows.push({ metric: 'ui: list scroll frame time p95', value: `${p95.toFixed(1)} ms (${scroll.frames.length} frames)`, budget: '<= 50 ms', ok: p95 <= 50 });
    rows.push({ metric: 'ui: long tasks while scrolling', value: `${scroll.long.length}${scroll.long.length ? ` (max ${Math.max(...scroll.long).toFixed(0)} ms)` : ''}`, budget: '<= 2', ok: scroll.long.length <= 2 });
    rows.push({ metric: 'ui: list rows in the DOM (virtualized)', value: String(scroll.rows), budget: '<= 60', ok: scroll.rows <= 60 });

    // Search: time from the last keystroke to results for that query on screen, and the part after the query was sent
    // (a key typed while an earlier query is out waits for it).
    await page.evaluate(() => {
      const w = window as unknown as { __sent: Record<string, number> };
      w.__sent = {};
      const orig = window.fetch.bind(window);
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        if (typeof init?.body === 'string' && init.body.includes('"search.query"')) {
          const q = (JSON.parse(init.body) as { params: { q: string } }).params.q;
          w.__sent[q] = performance.now();
        }
        return orig(input, init);
      };
    });
    const box = page.getByRole('searchbox');
    // The first query may build or load the search index on the host: measured separately.
    const cold = Date.now();
    await box.fill('warmup');
    await page.locator('.search-status').filter({ hasText: /^\d+ results?/ }).waitFor({ timeout: 120_000 });
    const coldMs = Date.now() - cold;
    rows.push({ metric: 'ui: first search (cold index)', value: `${coldMs} ms`, budget: '<= 1500 ms', ok: coldMs <= 1500 });
    const total: number[] = [];
    const afterSent: number[] = [];
    for (const q of QUERIES) {
      await box.fill('');
      await box.pressSequentially(q.slice(0, -1), { delay: 40 });
      const m = await page.evaluate(
        async ([query, lastKey]) => {
          const input = document.querySelector<HTMLInputElement>('input[type="search"]');
          if (!input) throw new Error('no search box');
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
          const start = performance.now();
          setter?.call(input, query);
          input.dispatchEvent(new InputEvent('input', { bubbles: true, data: lastKey, inputType: 'insertText' }));
          const done = await new Promise<number>((resolve) => {
            const check = () => {
              const ol = document.querySelector('ol.hits');
              const status = document.querySelector('.search-status')?.textContent ?? '';
              if ((ol && ol.getAttribute('data-query') === query) || (/^0 results/.test(status) && !status.includes('updating'))) resolve(performance.now());
              else requestAnimationFrame(check);
            };
            check();
          });
          const sent = (window as unknown as { __sent: Record<string, number> }).__sent[query] ?? start;
          return { total: done - start, afterSent: done - sent };
        },
        [q, q.slice(-1)] as const,
      );
      total.push(m.total);
      afterSent.push(m.afterSent);
    }
    const p95After = pct(afterSent, 95);
    rows.push({
      metric: 'ui: last keystroke → results shown p95',
      value: `${pct(total, 95).toFixed(0)} ms (median ${pct(total, 50).toFixed(0)})`,
      budget: `<= ${SEARCH_BUDGET_MS} ms`,
      ok: pct(total, 95) <= SEARCH_BUDGET_MS,
    });
    rows.push({
      metric: 'ui: query sent → results rendered p95',
      value: `${p95After.toFixed(0)} ms (median ${pct(afterSent, 50).toFixed(0)})`,
      budget: `<= ${SEARCH_BUDGET_MS} ms`,
      ok: p95After <= SEARCH_BUDGET_MS,
    });
  } finally {
    await browser.close().catch(() => undefined);
    await host.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node --import tsx tests/bench/ui.ts NOTEBOOK_DIR\n');
    process.exit(2);
  }
  runUiBench(dir).then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
