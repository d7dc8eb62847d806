/**
 * The notebook core's own process: an Electron utility process forked by core-host.ts. It opens
 * one notebook as the writer, answers each call with the core's RPC envelope (`coreTransport`),
 * and closes the notebook (flushing writes, releasing the lock) when asked or when it is told to
 * stop. Searches, imports, index builds and PDF extraction all run here, so none of them can hold
 * up the main process, which only forwards envelopes.
 *
 * Plain Node: it talks through `process.parentPort` (which Electron sets in a utility process,
 * https://www.electronjs.org/docs/latest/api/parent-port) and never imports `electron`.
 */
import type { Transport } from '../api';
import { coreTransport, createHandlers, Notebook, resolveNotebookDir, toErrorShape } from '../notebook';
import type { FromCore, ToCore } from './core-protocol';

/** The part of Electron's `process.parentPort` used here. */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: FromCore): void;
}

const port = (process as NodeJS.Process & { parentPort?: ParentPort | null }).parentPort;
if (!port) throw new Error('core-child runs only as a utility process (process.parentPort is missing)');
const parent: ParentPort = port;

let notebook: Notebook | null = null;
let transport: Transport | null = null;
let closing: Promise<void> | null = null;

function close(): Promise<void> {
  closing ??= (async () => {
    transport = null;
    await notebook?.close().catch(() => undefined);
    notebook = null;
  })();
  return closing;
}

async function onMessage(msg: ToCore): Promise<void> {
  switch (msg.type) {
    case 'open': {
      try {
        const nb = await Notebook.open({ dir: resolveNotebookDir(msg.dir), writable: true, app: msg.app });
        notebook = nb;
        transport = coreTransport(createHandlers(nb));
        parent.postMessage({ type: 'opened', dir: nb.dir, recoveries: [...nb.recoveries] });
      } catch (err) {
        parent.postMessage({ type: 'open-failed', error: toErrorShape(err) });
      }
      return;
    }
    case 'call': {
      const envelope = transport
        ? await transport(msg.method, msg.params)
        : { ok: false as const, error: { code: 'INTERNAL' as const, message: closing ? 'the notebook is closing' : 'no notebook is open' } };
      parent.postMessage({ type: 'answer', id: msg.id, envelope });
      return;
    }
    case 'close': {
      await close();
      parent.postMessage({ type: 'closed' });
      process.exit(0);
    }
  }
}

parent.on('message', (e) => {
  void onMessage(e.data as ToCore);
});

// Told to stop by the system: close cleanly so the lock is released and writes are flushed.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void close().finally(() => process.exit(0));
  });
}
