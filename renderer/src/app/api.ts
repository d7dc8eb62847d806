/**
 * The api the workspace programs against: the contract's DossierApi with every method, plus
 * `openExternal`, which both backends provide (renderer/src/api: the desktop bridge and the
 * browser host). Types are the contract's own (electron/api).
 */
import type { Client } from '../api';

export type AppApi = Client;

export function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err && typeof (err as { message: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}
