#!/usr/bin/env node
// Electronegativity 1.10.x over the desktop shell's sources (main, preload, renderer); exits 1 on
// any HIGH or MEDIUM finding or on a file it could not parse. Usage: node electron/main/security-scan.mjs
//
// Why a wrapper instead of the `electronegativity` CLI:
// - its CLI requires `commander` without declaring it and breaks on the hoisted commander 14
//   (`_commander2.default.version is not a function`), so we call its runner directly;
// - it must run offline: it fetches translations and Electron's release list with `got`; a stub
//   that fails at once makes both fall back to the copies bundled in the package (no network).
//
// Excluded checks, and only these:
// - PRELOAD_JS_CHECK fires on any preload script at all (it is a prompt to review the preload, not a
//   finding); ours is electron/preload/index.ts, which exposes one frozen object of IPC calls.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The runner takes construct names: PreloadJSCheck is the check reported as PRELOAD_JS_CHECK.
const EXCLUDED = ['PreloadJSCheck'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = createRequire(path.join(root, 'package.json'));
const engDir = path.dirname(load.resolve('@doyensec/electronegativity/package.json'));
const engLoad = createRequire(path.join(engDir, 'package.json'));

// No network: replace `got` (as electronegativity resolves it) with a stub that fails immediately.
const offline = () => Promise.reject(new Error('offline: Dossier runs Electronegativity without network'));
offline.head = offline;
offline.get = offline;
const gotPath = engLoad.resolve('got');
const stub = new Module(gotPath);
stub.filename = gotPath;
stub.loaded = true;
stub.exports = Object.assign(offline, { default: offline });
Module._cache[gotPath] = stub;

const run = engLoad('./dist/runner.js');
const electronVersion = load('electron/package.json').version;

// One scan over the whole desktop shell, so that the global checks (navigation limits, permission
// handlers, CSP) see the main process and the renderer together. Copied to a temp folder so that
// the domain core, the CLI and the tests (no Electron code) stay out of the report.
const SCANNED = ['package.json', 'electron/main', 'electron/preload', 'renderer/index.html', 'renderer/src'];
const scanDir = mkdtempSync(path.join(os.tmpdir(), 'dossier-electronegativity-'));
for (const rel of SCANNED) cpSync(path.join(root, rel), path.join(scanDir, rel), { recursive: true, filter: (src) => !src.endsWith('.mjs') });

const quiet = console.log;
let result;
try {
  console.log = () => undefined; // the runner chats about fetching releases; keep the report readable
  result = await run({
    input: scanDir,
    customScan: [],
    excludeFromScan: EXCLUDED,
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} finally {
  console.log = quiet;
  rmSync(scanDir, { recursive: true, force: true });
}
const blocking = result.issues.filter((i) => i.severity.value >= 2);
console.log(
  `electronegativity (${SCANNED.slice(1).join(', ')}; Electron ${electronVersion}): ${result.atomicChecks + result.globalChecks} checks, ` +
    `${blocking.length} HIGH/MEDIUM, ${result.issues.length - blocking.length} LOW/INFORMATIONAL, ${result.errors.length} unparsed`,
);
for (const i of result.issues) {
  console.log(`  ${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id}  ${i.file}:${i.location.line}:${i.location.column}${i.manualReview ? '  (review)' : ''}`);
}
for (const e of result.errors) console.log(`  UNPARSED  ${JSON.stringify(e)}`);
if (blocking.length > 0 || result.errors.length > 0) {
  console.error('electronegativity: HIGH or MEDIUM findings (or unparsed files) above');
  process.exit(1);
}
console.log('electronegativity: no HIGH or MEDIUM findings');
