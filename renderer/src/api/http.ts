/**
 * DossierApi over the browser host: `POST /api` with `{ method, params }` and the per-run token.
 * The host answers every call, success or failure, with the RPC envelope as JSON.
 */
import { createClient, type Envelope, failure, type Transport } from '../../../electron/api';
import type { Client } from './ipc';

const SAFE_LINK = /^(https?:|mailto:)/i;

export function httpTransport(token: string, endpoint = '/api', fetchImpl: typeof fetch = (...a) => fetch(...a)): Transport {
  return async (method, params) => {
    let res: Response;
    try {
      res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token },
        body: JSON.stringify({ method, params: params ?? {} }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return failure('IO_ERROR', 'Dossier is not reachable: is `dossier serve` still running?');
    }
    try {
      return (await res.json()) as Envelope;
    } catch {
      return failure('INTERNAL', `unexpected answer from Dossier (HTTP ${res.status})`);
    }
  };
}

export function createHttpApi(token: string, endpoint = '/api', fetchImpl: typeof fetch = (...a) => fetch(...a)): Client {
  return {
    ...createClient(httpTransport(token, endpoint, fetchImpl)),
    openExternal: async (url: string) => {
      if (!SAFE_LINK.test(url)) return false;
      if (!window.confirm(`Open this link in your browser?\n\n${url}`)) return false;
      window.open(url, '_blank', 'noopener,noreferrer');
      return true;
    },
  };
}
