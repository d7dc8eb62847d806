/**
 * The preload bridge: exposes exactly one object, `window.dossier`, with one function per contract
 * method plus `openExternal` (IPC channel dossier:app.openExternal). Each call goes to `dossier:<method>` in the main process and
 * unwraps the `{ ok, result } | { ok: false, error }` envelope; a failure rejects with
 * `[CODE] message` (contextBridge keeps only an Error's message). Imports nothing but `electron`
 * and the contract's method list.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { type DossierApi, METHOD_NAMES, type MethodName } from '../api/contract';

type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };
type Bridge = DossierApi & { openExternal(url: string): Promise<boolean> };

async function invoke(channel: string, input: unknown): Promise<unknown> {
  const answer = (await ipcRenderer.invoke(channel, input)) as Envelope;
  if (answer.ok) return answer.result;
  throw new Error(`[${answer.error.code}] ${answer.error.message}`);
}

const methods: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
for (const method of METHOD_NAMES) methods[method] = (input: unknown) => invoke(`dossier:${method}`, input ?? {});

const bridge: Bridge = {
  ...(methods as DossierApi),
  openExternal: async (url: string) => (await invoke('dossier:app.openExternal', { url })) === true,
};

contextBridge.exposeInMainWorld('dossier', Object.freeze(bridge));
