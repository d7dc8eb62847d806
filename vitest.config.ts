import path from 'node:path';
import { defineConfig } from 'vitest/config';

// CI sets DOSSIER_TEST_REPORT_DIR; each test stage then also writes vitest's JSON report there,
// from which .ci/run derives its "N passed, N failed" line.
const reportDir = process.env.DOSSIER_TEST_REPORT_DIR;

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts', 'tests/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: reportDir ? ['default', ['json', { outputFile: path.join(reportDir, 'unit.json') }]] : ['default'],
  },
});
