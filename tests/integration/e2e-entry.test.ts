/**
 * `npm run test:e2e` on a machine without a browser: the real entry (tests/e2e/run.ts) with the PATH
 * stripped, HOME empty and the install locations moved to an empty folder. Outside CI it prints one
 * line saying how to install a browser and exits 0; under CI=true it fails, and .ci/summary.mjs
 * counts the failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'tests/e2e/run.ts');

function runEntry(env: Record<string, string>, args: string[] = []): { code: number; stdout: string; stderr: string } {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['CI', 'DOSSIER_CHROMIUM', 'DOSSIER_CHROMIUM_SEARCH_ROOT', 'PLAYWRIGHT_BROWSERS_PATH', 'XDG_CACHE_HOME', 'DOSSIER_TEST_REPORT_DIR']) delete base[k];
  for (const k of Object.keys(base)) if (k.startsWith('VITEST')) delete base[k];
  const empty = tmpDir('dossier-nobrowser-');
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...base, PATH: '', HOME: empty, USERPROFILE: empty, DOSSIER_CHROMIUM_SEARCH_ROOT: empty, ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the e2e stage without a browser', () => {
  it('is skipped with one line saying how to install one (exit 0)', () => {
    const r = runEntry({});
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^e2e: skipped, no Chrome or Chromium found/);
    expect(lines[0]).toMatch(/install .*DOSSIER_CHROMIUM/);
  });

  it('is skipped when DOSSIER_CHROMIUM points nowhere, naming the setting', () => {
    const r = runEntry({ DOSSIER_CHROMIUM: '/nowhere/chromium' });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^e2e: skipped, DOSSIER_CHROMIUM is set to \/nowhere\/chromium, which is not an executable file; install/);
  });

  it('fails under CI=true, and the CI summary counts it as a failed test', () => {
    const out = tmpDir('dossier-ci-out-');
    const r = runEntry({ CI: 'true', DOSSIER_CHROMIUM: '/nowhere/chromium', DOSSIER_TEST_REPORT_DIR: out });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/e2e: FAILED under CI, DOSSIER_CHROMIUM is set to \/nowhere\/chromium/);
    expect(runEntry({ CI: 'true' }).code).not.toBe(0);

    writeFileSync(path.join(out, 'unit.json'), JSON.stringify({ success: true, numPassedTests: 12, numFailedTests: 0 }));
    const summary = spawnSync(process.execPath, [path.join(ROOT, '.ci/summary.mjs'), out, 'unit', 'e2e'], { encoding: 'utf8' });
    expect(summary.stdout.trim()).toBe('12 passed, 1 failed');
    expect(summary.status).toBe(1);
  });

  it('a stage that wrote no report is a failure in the CI summary', () => {
    const out = tmpDir('dossier-ci-out-');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'unit.json'), JSON.stringify({ success: true, numPassedTests: 5, numFailedTests: 0 }));
    const missing = spawnSync(process.execPath, [path.join(ROOT, '.ci/summary.mjs'), out, 'unit', 'e2e'], { encoding: 'utf8' });
    expect(missing.stdout.trim()).toBe('5 passed, 1 failed');
    expect(missing.status).toBe(1);
    const complete = spawnSync(process.execPath, [path.join(ROOT, '.ci/summary.mjs'), out, 'unit'], { encoding: 'utf8' });
    expect(complete.stdout.trim()).toBe('5 passed, 0 failed');
    expect(complete.status).toBe(0);
  });

  it('runs vitest with the browser it found when there is one', () => {
    // Any executable file stands in for the browser; the filter matches no test, so vitest exits at once.
    const r = runEntry({ DOSSIER_CHROMIUM: process.execPath }, ['--passWithNoTests', 'no-such-e2e-file']);
    expect(r.stdout).toContain(`e2e: browser ${process.execPath} (DOSSIER_CHROMIUM)`);
    expect(r.stdout).not.toContain('skipped');
    expect(r.code).toBe(0);
  });
});
