/**
 * The one IPC registration: `dossier:<method>` for every contract method, plus
 * `dossier:app.openExternal`. Each handler checks that the call comes from the app's own main
 * frame, validates the input with the contract (callMethod) and answers `{ ok, result }` or
 * `{ ok: false, error: { code, message } }`; nothing throws across IPC.
 */
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { ApiErrorShape, DossierHandlers } from '../api';
import { METHOD_NAMES } from '../api';
import { callMethod } from '../notebook';
import { type AppOrigin, confirmAndOpenExternal, type ExternalDeps, isAppPage } from './security';

export const CHANNEL_PREFIX = 'dossier:';
export const OPEN_EXTERNAL_CHANNEL = `${CHANNEL_PREFIX}app.openExternal`;

export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };

export interface IpcOptions {
  origin: AppOrigin;
  /** The open notebook's handlers, or null while none is open. */
  handlers(): DossierHandlers | null;
  external: ExternalDeps;
}

/** Is the sender the app's own top-level page? */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origin: AppOrigin): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppPage(frame.url, origin);
}

const forbidden: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'this frame may not call Dossier' } };

export function registerIpc(opts: IpcOptions): () => void {
  const channels: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = CHANNEL_PREFIX + method;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope> => {
      if (!isTrustedSender(event, opts.origin)) return forbidden;
      const handlers = opts.handlers();
      if (!handlers) return { ok: false, error: { code: 'INTERNAL', message: 'no notebook is open' } };
      return callMethod(handlers, method, input);
    });
    channels.push(channel);
  }
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<boolean>> => {
    if (!isTrustedSender(event, opts.origin)) return forbidden;
    const url = typeof input === 'object' && input !== null ? (input as { url?: unknown }).url : undefined;
    if (typeof url !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: 'expected { url }' } };
    try {
      return { ok: true, result: await confirmAndOpenExternal(url, opts.external) };
    } catch (err) {
      return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
    }
  });
  channels.push(OPEN_EXTERNAL_CHANNEL);
  return () => {
    for (const c of channels) ipcMain.removeHandler(c);
  };
}
