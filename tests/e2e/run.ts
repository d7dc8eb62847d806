/**
 * `npm run test:e2e`: finds a browser (tests/helpers/browser.ts), then runs the end-to-end suite
 * with vitest (extra arguments go to vitest, e.g. one test file). Without a browser it prints one
 * line saying how to install one and exits 0, so `npm test` passes on a machine with only Node and
 * npm; under CI=true a missing browser is a failure (and, when DOSSIER_TEST_REPORT_DIR is set, the
 * e2e report says so, so .ci/summary.mjs counts it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser, installHint } from '../helpers/browser';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ci = process.env.CI === 'true' || process.env.CI === '1';
const browser = findBrowser();

if (!browser.found) {
  const line = `${browser.reason}; ${installHint(process.platform)}.`;
  if (!ci) {
    console.log(`e2e: skipped, ${line}`);
    process.exit(0);
  }
  console.error(`e2e: FAILED under CI, ${line}`);
  const reportDir = process.env.DOSSIER_TEST_REPORT_DIR;
  if (reportDir) {
    mkdirSync(reportDir, { recursive: true });
    const report = { success: false, numTotalTests: 0, numPassedTests: 0, numFailedTests: 1, testResults: [], reason: line };
    writeFileSync(path.join(reportDir, 'e2e.json'), JSON.stringify(report));
  }
  process.exit(1);
}

console.log(`e2e: browser ${browser.path} (${browser.via})`);
const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
const res = spawnSync(process.execPath, [vitest, 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, DOSSIER_CHROMIUM: browser.path },
});
process.exit(res.status ?? 1);
