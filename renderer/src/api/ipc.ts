/** DossierApi over the preload bridge (desktop app): the bridge is the transport, envelopes arrive unchanged. */
import { call, createClient, type DossierApi, OPEN_EXTERNAL, type Transport } from '../../../electron/api';
import type { DossierBridge } from './bridge';

export interface Client extends DossierApi {
  /** Asks the user, then opens an http(s)/mailto link in the system browser. Resolves true if opened. */
  openExternal(url: string): Promise<boolean>;
}

export function createIpcApi(bridge: DossierBridge | undefined = window.dossier): Client {
  if (!bridge) throw new Error('window.dossier is missing: not running inside the desktop app');
  const transport: Transport = (method, params) => bridge.call(method, params);
  return {
    ...createClient(transport),
    openExternal: async (url: string) => (await call<boolean>(transport, OPEN_EXTERNAL, { url })) === true,
  };
}
