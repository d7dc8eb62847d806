/**
 * What the preload exposes as `window.dossier`: one function per contract method plus
 * `openExternal`. A failed call rejects with an Error whose message is `[CODE] message`
 * (contextBridge keeps only an Error's message), which `createIpcApi` turns back into an ApiError.
 * Keep in sync with electron/preload/index.ts.
 */
import type { DossierApi } from '../../../electron/api';

export interface AppBridge {
  /** Asks the user, then opens an http(s)/mailto link in the system browser. Resolves true if opened. */
  openExternal(url: string): Promise<boolean>;
}

export type DossierBridge = DossierApi & AppBridge;

export const BRIDGE_ERROR = /^(?:Error invoking remote method '[^']*': )?(?:Error: )?\[([A-Z_]+)\] ([\s\S]*)$/;

declare global {
  interface Window {
    dossier?: DossierBridge;
  }
}
