/** Shared setup for notes/entities tests: a real notebook in a temp folder, reports imported from real files. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodResults } from '../../../electron/api';
import { callMethod, createHandlers, importPaths, Notebook } from '../../../electron/notebook';

export interface Fixture {
  dir: string;
  nb: Notebook;
  call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodResults[M]>;
  fail: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<{ code: string; message: string }>;
  addReport: (name: string, text: string) => Promise<string>;
  reopen: () => Promise<void>;
  close: () => Promise<void>;
}

export async function tempDir(prefix = 'dossier-notes-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function openFixture(): Promise<Fixture> {
  const dir = await tempDir();
  const src = await tempDir('dossier-src-');
  const state = { nb: await Notebook.open({ dir: path.join(dir, 'nb'), writable: true, app: 'test' }) };
  let handlers = createHandlers(state.nb);
  let n = 0;
  const f: Fixture = {
    dir,
    get nb() {
      return state.nb;
    },
    call: async (method, input) => {
      const out = await callMethod(handlers, method, input);
      if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
      return out.result;
    },
    fail: async (method, input) => {
      const out = await callMethod(handlers, method, input);
      if (out.ok) throw new Error(`${method} unexpectedly succeeded`);
      return out.error;
    },
    addReport: async (name, text) => {
      const file = path.join(src, `${String(n++).padStart(3, '0')}-${name}.txt`);
      await fs.writeFile(file, text);
      const res = await importPaths(state.nb, [file]);
      const id = res.imported[0]?.id;
      if (!id) throw new Error(`import failed: ${JSON.stringify(res)}`);
      return id;
    },
    reopen: async () => {
      await state.nb.close();
      state.nb = await Notebook.open({ dir: path.join(dir, 'nb'), writable: true, app: 'test' });
      handlers = createHandlers(state.nb);
    },
    close: async () => {
      await state.nb.close();
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rm(src, { recursive: true, force: true });
    },
  };
  return f;
}
