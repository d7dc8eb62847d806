/**
 * The messages between the main process and the notebook core's process (core-host.ts forks
 * core-child.ts as an Electron utility process). Calls carry the contract's method and params;
 * answers carry the core's RPC envelope unchanged (electron/api/rpc.ts), so the renderer sees the
 * same `{ ok, result } | { ok: false, error: { code, message } }` it saw when the core ran in main.
 * Types only: both sides import this, neither pulls in the other.
 */
import type { ApiErrorShape, Envelope } from '../api';
import type { Recovery } from '../notebook';

export type ToCore =
  | { type: 'open'; dir?: string; app: string }
  | { type: 'call'; id: number; method: string; params: unknown }
  | { type: 'close' };

export type FromCore =
  | { type: 'opened'; dir: string; recoveries: Recovery[] }
  | { type: 'open-failed'; error: ApiErrorShape }
  | { type: 'answer'; id: number; envelope: Envelope }
  | { type: 'closed' };
