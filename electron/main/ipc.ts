/**
 * The IPC transport of the RPC layer (electron/api/rpc.ts), main-process side: one channel
 * `dossier:<method>` per contract method, plus `dossier:app.openExternal`. Each handler checks that
 * the call comes from the app's own main frame and hands the call to the backend (the notebook
 * core), whose envelope goes back unchanged; nothing throws across IPC.
 */
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { type Envelope, failure, METHOD_NAMES, OPEN_EXTERNAL, type Transport } from '../api';
import { type AppOrigin, confirmAndOpenExternal, type ExternalDeps, isAppPage } from './security';

export const CHANNEL_PREFIX = 'dossier:';
export const OPEN_EXTERNAL_CHANNEL = `${CHANNEL_PREFIX}${OPEN_EXTERNAL}`;

export interface IpcOptions {
  origin: AppOrigin;
  /** Where calls go: the open notebook's core, or null while none is open. */
  backend(): Transport | null;
  external: ExternalDeps;
}

/** Is the sender the app's own top-level page? */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origin: AppOrigin): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppPage(frame.url, origin);
}

const forbidden = failure('FORBIDDEN', 'this frame may not call Dossier');

export function registerIpc(opts: IpcOptions): () => void {
  const channels: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = CHANNEL_PREFIX + method;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope> => {
      if (!isTrustedSender(event, opts.origin)) return forbidden;
      const backend = opts.backend();
      if (!backend) return failure('INTERNAL', 'no notebook is open');
      return backend(method, input);
    });
    channels.push(channel);
  }
  ipcMain.handle(OPEN_EXTERNAL_CHANNEL, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<boolean>> => {
    if (!isTrustedSender(event, opts.origin)) return forbidden;
    const url = typeof input === 'object' && input !== null ? (input as { url?: unknown }).url : undefined;
    if (typeof url !== 'string') return failure('INVALID_INPUT', 'expected { url }');
    try {
      return { ok: true, result: await confirmAndOpenExternal(url, opts.external) };
    } catch (err) {
      return failure('INTERNAL', err instanceof Error ? err.message : String(err));
    }
  });
  channels.push(OPEN_EXTERNAL_CHANNEL);
  return () => {
    for (const c of channels) ipcMain.removeHandler(c);
  };
}
