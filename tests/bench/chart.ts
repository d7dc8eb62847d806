/**
 * Link chart bench in real Chromium: a notebook with 500 chart items (150 entities mentioned in 200
 * reports, 150 notes linking them), the chart opened at 1920×1080: time to lay it out (seeded fcose),
 * time to reopen it (remembered positions), whether the positions stayed put, and how many labels
 * the default zoom shows. Saves a screenshot (tests/e2e/screenshots/bench-chart-500.png).
 * Run alone: node --import tsx tests/bench/chart.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { browserPathOrThrow } from '../helpers/browser';
import { createHandlers, importFiles, Notebook } from '../../electron/notebook';
import { startHost } from '../../electron/host';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LAYOUT_BUDGET_MS = 3000;

export interface ChartBenchRow {
  metric: string;
  value: string;
  budget: string;
  ok?: boolean;
}

const SYL = ['ka', 'lo', 'mi', 'ra', 'ten', 'sul', 'vor', 'bi', 'dan', 'esh'];
function name(i: number): string {
  const w = `${SYL[i % 10]}${SYL[Math.floor(i / 10) % 10]}${SYL[Math.floor(i / 100) % 10]}ov`;
  return w[0]?.toUpperCase() + w.slice(1);
}

export async function buildChartNotebook(dir: string, entities = 150, reports = 200, notes = 150): Promise<void> {
  const nb = await Notebook.open({ dir, writable: true, app: 'bench' });
  try {
    const files = Array.from({ length: reports }, (_, i) => {
      const who = [name((i * 7) % entities), name((i * 13 + 3) % entities), name((i * 29 + 5) % entities)];
      const text = `Report ${i + 1}: field notes\n\nOn day ${i + 1}, ${who[0]} met ${who[1]} near the river. Later ${who[2]} was seen at the depot.\n`;
      return { name: `report-${String(i + 1).padStart(3, '0')}.txt`, bytes: Buffer.from(text) };
    });
    await importFiles(nb, files, { tags: [] });
    const h = createHandlers(nb);
    for (let i = 0; i < entities; i++) await h['entities.create']({ name: name(i), type: i % 3 === 0 ? 'person' : i % 3 === 1 ? 'organization' : 'location', aliases: [], notes: '', tags: [] });
    await h['entities.scan']({});
    for (let i = 0; i < notes; i++) {
      const body = `Links: [[${name((i * 11) % entities)}]], [[${name((i * 17 + 1) % entities)}]] and [[Report ${(i % reports) + 1}: field notes]].`;
      await h['notes.create']({ title: `Note ${i + 1}`, body, tags: [] });
    }
  } finally {
    await nb.close();
  }
}

export async function runChartBench(): Promise<ChartBenchRow[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-chart-'));
  const dir = path.join(tmp, 'nb');
  await buildChartNotebook(dir);
  const host = await startHost({ notebookDir: dir, port: 0 });
  const browser = await chromium.launch({ executablePath: browserPathOrThrow(), args: ARGS, headless: true });
  const rows: ChartBenchRow[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.setDefaultTimeout(120_000);
    await page.goto(host.url);
    await page.locator('[role="listbox"] [role="option"]').first().waitFor();
    const open = async () => {
      const t0 = Date.now();
      await page.evaluate(() => (window.location.hash = '#/graph'));
      await page.waitForFunction(() => document.querySelector<HTMLElement>('.graph-canvas')?.dataset.layoutMs !== undefined);
      const total = Date.now() - t0;
      const d = await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('.graph-canvas')?.dataset }));
      return { total, layout: Number(d.layoutMs), nodes: Number(d.nodes), labels: Number(d.labels), zoom: Number(d.zoom) };
    };
    const first = await open();
    mkdirSync(path.join(ROOT, 'tests/e2e/screenshots'), { recursive: true });
    const shot = path.join(ROOT, 'tests/e2e/screenshots/bench-chart-500.png');
    await page.screenshot({ path: shot });
    const firstPositions = await page.evaluate(async () => {
      const res = await fetch('/api', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': sessionStorage.getItem('dossier.token') ?? '' }, body: JSON.stringify({ method: 'ui.get', params: {} }) });
      return JSON.stringify(((await res.json()) as { result: { chart: unknown } }).result.chart);
    });
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.reload();
    await page.locator('[role="listbox"] [role="option"]').first().waitFor();
    const again = await open();
    const secondPositions = await page.evaluate(async () => {
      const res = await fetch('/api', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': sessionStorage.getItem('dossier.token') ?? '' }, body: JSON.stringify({ method: 'ui.get', params: {} }) });
      return JSON.stringify(((await res.json()) as { result: { chart: unknown } }).result.chart);
    });
    rows.push({ metric: `chart: first layout, ${first.nodes} items (seeded fcose)`, value: `${first.layout} ms (open to drawn ${first.total} ms)`, budget: `<= ${LAYOUT_BUDGET_MS} ms`, ok: first.layout <= LAYOUT_BUDGET_MS });
    rows.push({ metric: 'chart: reopen after reload (remembered positions)', value: `${again.layout} ms (open to drawn ${again.total} ms)`, budget: `<= ${LAYOUT_BUDGET_MS} ms`, ok: again.layout <= LAYOUT_BUDGET_MS });
    rows.push({ metric: 'chart: positions unchanged after reopen', value: firstPositions === secondPositions ? 'yes' : 'no', budget: 'yes', ok: firstPositions === secondPositions });
    rows.push({ metric: 'chart: labels shown at default zoom', value: `${first.labels} of ${first.nodes} at zoom ${first.zoom} (screenshot ${path.relative(ROOT, shot)})`, budget: '>= 20, zoom >= 0.9', ok: first.labels >= 20 && first.zoom >= 0.89 });
  } finally {
    await browser.close().catch(() => undefined);
    await host.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runChartBench().then(
    (rows) => console.table(rows),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
