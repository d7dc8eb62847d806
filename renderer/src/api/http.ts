/** DossierApi over the browser host: `POST /api` with `{ method, params }` and the per-run token. */
import type { DossierApi, MethodName } from '../../../electron/api';
import { METHOD_NAMES } from '../../../electron/api';
import type { Client } from './ipc';
import { ApiError } from './errors';

const SAFE_LINK = /^(https?:|mailto:)/i;

export function createHttpApi(token: string, endpoint = '/api', fetchImpl: typeof fetch = (...a) => fetch(...a)): Client {
  async function call(method: MethodName, params: unknown): Promise<unknown> {
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
      throw new ApiError('IO_ERROR', 'Dossier is not reachable: is `dossier serve` still running?');
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ApiError('INTERNAL', `unexpected answer from Dossier (HTTP ${res.status})`);
    }
    const b = body as { ok?: unknown; result?: unknown; error?: unknown };
    if (b.ok === true) return b.result;
    throw ApiError.from(b.error);
  }
  const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) api[method] = (input: unknown) => call(method, input);
  return {
    ...(api as DossierApi),
    openExternal: async (url: string) => {
      if (!SAFE_LINK.test(url)) return false;
      if (!window.confirm(`Open this link in your browser?\n\n${url}`)) return false;
      window.open(url, '_blank', 'noopener,noreferrer');
      return true;
    },
  };
}
