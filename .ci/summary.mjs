// Reads the JSON reports written by the test stages (vitest's JSON reporter, and tests/e2e/run.ts
// when CI has no browser) and prints one line: "N passed, N failed". Exits 1 when any test failed,
// a stage named on the command line wrote no report, or no test ran.
//   node .ci/summary.mjs DIR [STAGE…]     e.g. node .ci/summary.mjs .ci/out unit e2e
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.ci/out';
const expected = process.argv.slice(3);
let passed = 0;
let failed = 0;
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  files = [];
}
for (const f of files) {
  try {
    const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    passed += Number(r.numPassedTests ?? 0);
    failed += Number(r.numFailedTests ?? 0);
    if (r.success === false && !r.numFailedTests) failed += 1;
  } catch {
    failed += 1;
  }
}
for (const stage of expected) {
  if (!files.includes(`${stage}.json`)) {
    console.error(`ci: the ${stage} stage wrote no report`);
    failed += 1;
  }
}
if (files.length === 0 && expected.length === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
