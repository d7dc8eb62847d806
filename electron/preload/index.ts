/**
 * The preload bridge: exposes exactly one object, `window.dossier` (the `DossierBridge` of
 * electron/api/rpc.ts), whose `call(method, params)` invokes `dossier:<method>` in the main process
 * and hands back its `{ ok, result } | { ok: false, error: { code, message } }` envelope unchanged.
 * Unknown names never reach IPC. Imports nothing but `electron` and the zod-free method list.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isMethodName, OPEN_EXTERNAL } from '../api/methods';
import type { DossierBridge, Envelope } from '../api/rpc';

const bridge: DossierBridge = {
  call: async (method: string, params?: unknown): Promise<Envelope> => {
    if (!isMethodName(method) && method !== OPEN_EXTERNAL) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${String(method).slice(0, 100)}` } };
    }
    return (await ipcRenderer.invoke(`dossier:${method}`, params ?? {})) as Envelope;
  },
};

contextBridge.exposeInMainWorld('dossier', Object.freeze(bridge));
