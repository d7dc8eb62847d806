/**
 * The one RPC layer of Dossier: every front door speaks it, whatever carries the bytes.
 *
 * - An answer is an `Envelope`: `{ ok: true, result }` or `{ ok: false, error: { code, message } }`.
 *   Errors stay `{ code, message }` objects end to end; nothing is flattened into a string.
 * - `dispatch` is the server side: method name check, input validation with the contract's zod
 *   schema, the handler call, and the mapping of any failure to `{ code, message }`. It never throws.
 * - A `Transport` carries one call to the server side and brings back its envelope: IPC
 *   (preload → main), HTTP (browser → host) and an in-process call are each a few lines.
 * - `createClient(transport)` is the client side: a `DossierApi` whose methods resolve with the
 *   result or reject with an `ApiError` carrying the code.
 *
 * The method names themselves live in methods.ts, which the preload imports without zod.
 */
import { parseInput, type DossierApi, type DossierHandlers, type MethodResults } from './contract';
import { type ApiErrorShape, type ErrorCode, isApiErrorShape } from './errors';
import { isMethodName, METHOD_NAMES, type MethodName } from './methods';

export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };

/** Carries one call (a contract method, or `app.openExternal` on the desktop) and resolves with its envelope. */
export type Transport = (method: string, params: unknown) => Promise<Envelope>;

/** What the desktop preload exposes as `window.dossier`: a transport that forwards envelopes unchanged. */
export interface DossierBridge {
  call(method: string, params?: unknown): Promise<Envelope>;
}

export function failure(code: ErrorCode, message: string): { ok: false; error: ApiErrorShape } {
  return { ok: false, error: { code, message } };
}

/** A failed call as the client sees it: an Error with the contract's code. */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(shape: unknown): ApiError {
    if (isApiErrorShape(shape)) return new ApiError(shape.code, shape.message);
    return new ApiError('INTERNAL', 'unexpected answer from Dossier');
  }
}

/** `{ code, message }` of anything thrown: kept when it already is one, else INTERNAL. The core passes its own, richer mapping. */
export function errorShapeOf(err: unknown): ApiErrorShape {
  if (isApiErrorShape(err)) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** Validates and runs one call against the core's handlers; never throws. */
export async function dispatch(
  handlers: DossierHandlers,
  method: unknown,
  params: unknown,
  mapError: (err: unknown) => ApiErrorShape = errorShapeOf,
): Promise<Envelope> {
  if (!isMethodName(method)) return failure('UNKNOWN_METHOD', `unknown method ${String(method).slice(0, 100)}`);
  let input: unknown;
  try {
    input = parseInput(method, params);
  } catch (err) {
    return failure('INVALID_INPUT', err instanceof Error ? err.message : String(err));
  }
  try {
    const handler = handlers[method] as (i: unknown) => Promise<MethodResults[MethodName]>;
    return { ok: true, result: await handler(input) };
  } catch (err) {
    return { ok: false, error: mapError(err) };
  }
}

/** The result of an envelope, or an ApiError; anything that is not an envelope is an INTERNAL error. */
export function unwrap<T>(answer: unknown): T {
  if (typeof answer === 'object' && answer !== null && 'ok' in answer) {
    const env = answer as Envelope<T>;
    if (env.ok === true) return env.result;
    if (env.ok === false) throw ApiError.from(env.error);
  }
  throw new ApiError('INTERNAL', 'unexpected answer from Dossier');
}

/** Calls through a transport; a transport that throws is reported as IO_ERROR. */
export async function call<T>(transport: Transport, method: string, params: unknown): Promise<T> {
  let answer: Envelope;
  try {
    answer = await transport(method, params ?? {});
  } catch (err) {
    throw new ApiError('IO_ERROR', `Dossier is not reachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  return unwrap<T>(answer);
}

/** A DossierApi over any transport. */
export function createClient(transport: Transport): DossierApi {
  const api: Partial<Record<MethodName, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) api[method] = (input?: unknown) => call(transport, method, input);
  return api as DossierApi;
}
