/** `window.dossier` in the desktop app: the contract's one bridge type (electron/api/rpc.ts), set by the preload. */
import type { DossierBridge } from '../../../electron/api';

declare global {
  interface Window {
    dossier?: DossierBridge;
  }
}

export type { DossierBridge };
