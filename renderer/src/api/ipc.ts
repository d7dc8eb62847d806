/** DossierApi over the preload bridge (desktop app). */
import type { DossierApi, MethodName } from '../../../electron/api';
import { isApiErrorShape, METHOD_NAMES } from '../../../electron/api';
import { type AppBridge, BRIDGE_ERROR, type DossierBridge } from './bridge';
import { ApiError } from './errors';

export type Client = DossierApi & AppBridge;

function toApiError(err: unknown): ApiError {
  if (isApiErrorShape(err)) return new ApiError(err.code, err.message);
  const message = err instanceof Error ? err.message : String(err);
  const m = BRIDGE_ERROR.exec(message);
  if (m?.[1] && m[2] !== undefined) return ApiError.from({ code: m[1], message: m[2] });
  return new ApiError('INTERNAL', message);
}

export function createIpcApi(bridge: DossierBridge | undefined = window.dossier): Client {
  if (!bridge) throw new Error('window.dossier is missing: not running inside the desktop app');
  const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const fn = bridge[method] as (input: unknown) => Promise<unknown>;
    api[method] = async (input: unknown) => {
      try {
        return await fn(input);
      } catch (err) {
        throw toApiError(err);
      }
    };
  }
  return {
    ...(api as DossierApi),
    // The bridge functions are standalone (no `this`): pass it through as is.
    openExternal: bridge.openExternal,
  };
}
