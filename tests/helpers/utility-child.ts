/**
 * The child side of utility-process.ts: gives a `child_process.fork` child the `process.parentPort`
 * Electron gives a utility process, then runs the entry (argv[2]) with the rest as its arguments.
 */
import { pathToFileURL } from 'node:url';

type Listener = (e: { data: unknown; ports: [] }) => void;

const entry = process.argv[2];
if (!entry) throw new Error('usage: utility-child.ts ENTRY [ARGS…]');
process.argv.splice(2, 1);
const parentPort = {
  on(event: 'message', listener: Listener) {
    if (event === 'message') process.on('message', (data) => listener({ data, ports: [] }));
    return parentPort;
  },
  postMessage(message: unknown) {
    process.send?.(message as object);
  },
};
Object.assign(process, { parentPort });
// The IPC channel holds the process open; Electron ends a utility process when its parent goes.
process.on('disconnect', () => process.exit(0));
await import(pathToFileURL(entry).href);
