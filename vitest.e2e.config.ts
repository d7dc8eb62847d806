import path from 'node:path';
import { defineConfig } from 'vitest/config';

// End-to-end tests in headless Chromium against the browser host. One browser, sequential.
// CI sets DOSSIER_TEST_REPORT_DIR; the JSON report then goes to e2e.json there.
const reportDir = process.env.DOSSIER_TEST_REPORT_DIR;

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: reportDir ? ['default', ['json', { outputFile: path.join(reportDir, 'e2e.json') }]] : ['default'],
  },
});
