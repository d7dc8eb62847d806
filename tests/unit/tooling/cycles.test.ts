/**
 * `npm run cycles` (tests/tooling/cycles.mjs) fails on an import cycle — through a folder's index, a
 * re-export, a dynamic import() or types alone — names the files in it, and passes a tree without
 * one; --runtime leaves type-only imports out.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../../helpers/tmp';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tooling/cycles.mjs');

/** Writes `files` (relative path -> source) into a fresh folder and runs the check on its src/. */
function check(files: Record<string, string>, ...flags: string[]): { status: number | null; output: string } {
  const root = tmpDir('dossier-cycles-');
  for (const [name, text] of Object.entries(files)) {
    const full = path.join(root, 'src', name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  const run = spawnSync(process.execPath, [script, ...flags, '--root', root, 'src'], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('import cycle check', () => {
  it('passes a tree whose imports all point one way', () => {
    const r = check({
      'a.ts': "import { b } from './lib';\nexport const a = b + 1;\n",
      'lib/index.ts': "export { b } from './b';\n",
      'lib/b.ts': "import { c } from '../c';\nexport const b = c;\n",
      'c.ts': "import { z } from 'zod';\nexport const c = typeof z;\n",
    });
    expect(r.status).toBe(0);
    expect(r.output).toContain('no import cycle');
  });

  it('fails on two modules importing each other through a folder index', () => {
    const r = check({
      'a.ts': "import { b } from './lib';\nexport const a = 1;\nexport const viaB = b;\n",
      'lib/index.ts': "import { a } from '../a';\nexport const b = a + 1;\n",
    });
    expect(r.status).toBe(1);
    expect(r.output).toContain('1 import cycle');
    expect(r.output).toContain('src/a.ts -> src/lib/index.ts -> src/a.ts');
  });

  it('fails on a longer cycle closed by a re-export and a dynamic import', () => {
    const r = check({
      'one.ts': "export { two } from './two';\n",
      'two.ts': "export const two = 2;\nexport const load = () => import('./three');\n",
      'three.tsx': "import { two } from './one';\nexport const three = two + 1;\n",
      'apart.ts': "import { two } from './one';\nexport const apart = two;\n",
    });
    expect(r.status).toBe(1);
    expect(r.output).toContain('src/one.ts -> src/two.ts -> src/three.tsx -> src/one.ts');
    expect(r.output).not.toContain('apart');
  });

  it('fails on a module importing itself', () => {
    const r = check({ 'self.ts': "import * as me from './self';\nexport const x = 1;\nexport const y = me.x;\n" });
    expect(r.status).toBe(1);
    expect(r.output).toContain('src/self.ts -> src/self.ts');
  });

  it('counts modules that import only each other\'s types, unless --runtime is asked for', () => {
    const files = {
      'shape.ts': "import type { Store } from './store';\nexport interface Shape { store: Store }\n",
      'store.ts': "import { type Shape } from './shape';\nexport interface Store { shapes: Shape[] }\n",
    };
    const all = check(files);
    expect(all.status).toBe(1);
    expect(all.output).toContain('src/shape.ts -> src/store.ts -> src/shape.ts');
    const runtime = check(files, '--runtime');
    expect(runtime.status).toBe(0);
    expect(runtime.output).toContain('type-only imports left out');
  });
});
