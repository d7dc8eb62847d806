/**
 * The layering rules of eslint.config.js (docs/DESIGN.md section 2) fire on each kind of import they
 * forbid, static or dynamic, and stay quiet on the imports each area is allowed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundary messages ESLint reports for `code` written at `filePath` (relative to the repository). */
async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  const messages = result?.messages ?? [];
  // Anything else (a parse error, an unused name) would make a "stays quiet" case pass for the wrong reason.
  const others = messages.filter((m) => m.ruleId !== 'no-restricted-imports' && m.ruleId !== 'no-restricted-syntax');
  expect(others.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
  return messages.map((m) => m.message);
}

const staticImport = (spec: string): string => `import { thing } from '${spec}';\nexport const used = thing;\n`;
const dynamicImport = (spec: string): string => `export const loaded = import('${spec}');\n`;
const reExport = (spec: string): string => `export { thing } from '${spec}';\n`;
const typeImport = (spec: string): string => `import type { Thing } from '${spec}';\nexport type Used = Thing;\n`;

describe('renderer', () => {
  const file = 'renderer/src/features/search/Example.tsx';

  it.each([
    ['the bare core folder', staticImport('../../../../electron/notebook')],
    ['the core index file', staticImport('../../../../electron/notebook/index')],
    ['a core module', staticImport('../../../../electron/notebook/search/engine')],
    ['a core type', typeImport('../../../../electron/notebook/schema/v1')],
    ['the core, dynamically', dynamicImport('../../../../electron/notebook')],
    ['the core, re-exported', reExport('../../../../electron/notebook')],
    ['the main process', staticImport('../../../../electron/main/ipc')],
    ['Electron', staticImport('electron')],
    ['a Node module', staticImport('node:fs')],
  ])('may not import %s', async (_what, code) => {
    expect(await boundaryMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['the contract', staticImport('../../../../electron/api')],
    ['a contract module', typeImport('../../../../electron/api/types')],
    ['its own modules', staticImport('../../app/api')],
    ['a UI package', staticImport('@tanstack/react-query')],
  ])('may import %s', async (_what, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});

describe('contract (electron/api)', () => {
  const file = 'electron/api/example.ts';

  it.each([
    ['another package', staticImport('fuse.js')],
    ["another package's types", typeImport('commander')],
    ['a package, dynamically', dynamicImport('chrono-node')],
    ['a Node module', staticImport('node:path')],
    ['the core', staticImport('../notebook')],
    ['a front door', staticImport('../main/ipc')],
    ['a path out of its folder', staticImport('./../notebook/ids')],
  ])('may not import %s', async (_what, code) => {
    expect(await boundaryMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['zod', staticImport('zod')],
    ['its own files', staticImport('./ids')],
    ['its own types', typeImport('./types')],
  ])('may import %s', async (_what, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});

describe('front doors', () => {
  it.each([
    ['electron/cli/context.ts', staticImport('../notebook/search/engine')],
    ['electron/cli/commands/search.ts', typeImport('../../notebook/schema/v1')],
    ['electron/cli/context.ts', dynamicImport('../notebook/service')],
    ['electron/host/server.ts', staticImport('../notebook/services/reports')],
    ['electron/host/server.ts', reExport('../notebook/errors')],
    ['electron/main/index.ts', staticImport('../notebook/paths')],
    ['electron/main/index.ts', dynamicImport('../notebook/notebook')],
    ['electron/preload/index.ts', staticImport('../notebook/ids')],
    ['electron/main/state.ts', staticImport('../notebook/storage/packs')],
    ['electron/host/server.ts', staticImport('../notebook/storage/atomic')],
  ])('%s may not deep-import the core', async (file, code) => {
    expect(await boundaryMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['electron/cli/context.ts', staticImport('../notebook')],
    ['electron/cli/context.ts', dynamicImport('../notebook')],
    ['electron/cli/commands/search.ts', typeImport('../../notebook')],
    ['electron/cli/main.ts', staticImport('./commands/notebook')],
    ['electron/host/server.ts', staticImport('../notebook/index')],
    ['electron/main/index.ts', staticImport('../notebook')],
    ['electron/main/index.ts', staticImport('../api/rpc')],
    ['electron/main/state.ts', staticImport('../notebook/storage/atomic')],
    ['electron/cli/commands/serve.ts', staticImport('../../host')],
  ])('%s may import the core index, the contract and its own files', async (file, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });

  it.each([
    ['electron/main/index.ts', staticImport('../cli/main')],
    ['electron/host/server.ts', dynamicImport('../cli/context')],
  ])('%s may not import the CLI', async (file, code) => {
    expect(await boundaryMessages(file, code)).toHaveLength(1);
  });
});

describe('core (electron/notebook)', () => {
  it.each([
    ['electron/notebook/service.ts', staticImport('electron')],
    ['electron/notebook/search/engine.ts', staticImport('react')],
    ['electron/notebook/service.ts', staticImport('node:http')],
    ['electron/notebook/service.ts', staticImport('../main/ipc')],
    ['electron/notebook/services/reports.ts', dynamicImport('../../host')],
  ])('%s may not import a front door, Electron, React or a server', async (file, code) => {
    expect(await boundaryMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['electron/notebook/service.ts', staticImport('../api')],
    ['electron/notebook/services/reports.ts', staticImport('../search/engine')],
    ['electron/notebook/storage/atomic.ts', staticImport('node:fs/promises')],
    ['electron/notebook/import/extract.ts', staticImport('mammoth')],
  ])('%s may import the contract, its own modules, Node and libraries', async (file, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});
