/** IPC registration with `electron` mocked and a real notebook on a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown, input?: unknown) => Promise<unknown>;
const registered = vi.hoisted(() => new Map<string, (event: unknown, input?: unknown) => Promise<unknown>>());

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, fn);
    },
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { METHOD_NAMES } = await import('../../../electron/api');
const { coreTransport, createHandlers, Notebook } = await import('../../../electron/notebook');
const { registerIpc, OPEN_EXTERNAL_CHANNEL } = await import('../../../electron/main/ipc');
type NotebookT = Awaited<ReturnType<typeof Notebook.open>>;

const root = mkdtempSync(path.join(os.tmpdir(), 'dossier-ipc-'));
const rendererDir = path.join(root, 'out', 'renderer');
const appUrl = `file://${rendererDir}/index.html`;
const origin = { rendererDir };
let nb: NotebookT;
let unregister: () => void;
const confirm = vi.fn<(url: string) => Promise<boolean>>();
const open = vi.fn<(url: string) => Promise<void>>();

const fromApp = { senderFrame: { url: appUrl, parent: null } };

function call(channel: string, input: unknown, event: unknown = fromApp): Promise<unknown> {
  const fn = registered.get(channel);
  if (!fn) throw new Error(`no handler for ${channel}`);
  return fn(event, input);
}

beforeAll(async () => {
  nb = await Notebook.open({ dir: path.join(root, 'nb'), writable: true, app: 'test' });
  const handlers = createHandlers(nb);
  unregister = registerIpc({ origin, backend: () => coreTransport(handlers), external: { confirm, open } });
});

afterAll(async () => {
  unregister();
  await nb.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  confirm.mockReset();
  open.mockReset();
});

describe('IPC registration', () => {
  it('registers every contract method as dossier:<method>, plus app.openExternal, and nothing else', () => {
    const expected = [...METHOD_NAMES.map((m) => `dossier:${m}`), OPEN_EXTERNAL_CHANNEL].sort();
    expect([...registered.keys()].sort()).toEqual(expected);
  });

  it('answers a valid call from the app page with { ok, result }', async () => {
    expect(await call('dossier:notebook.info', {})).toMatchObject({ ok: true, result: { writable: true, reports: 0 } });
    expect(await call('dossier:reports.list', {})).toEqual({ ok: true, result: [] });
  });

  it('validates input with the contract: INVALID_INPUT, never a throw', async () => {
    const r = await call('dossier:reports.get', { id: 42 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extra = await call('dossier:notebook.info', { surprise: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('maps domain errors to { code, message }', async () => {
    expect(await call('dossier:reports.get', { id: 'r_nothere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses calls from a subframe, a foreign page or a destroyed frame with FORBIDDEN', async () => {
    const iframe = { senderFrame: { url: appUrl, parent: { url: appUrl } } };
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const otherFile = { senderFrame: { url: 'file:///etc/passwd', parent: null } };
    for (const event of [iframe, foreign, otherFile, { senderFrame: null }]) {
      expect(await call('dossier:reports.list', {}, event)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(OPEN_EXTERNAL_CHANNEL, { url: 'https://example.org' }, event)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(confirm).not.toHaveBeenCalled();
  });

  it('opens an external https link only after the user confirms', async () => {
    confirm.mockResolvedValueOnce(false);
    expect(await call(OPEN_EXTERNAL_CHANNEL, { url: 'https://www.reuters.com/world/' })).toEqual({ ok: true, result: false });
    expect(open).not.toHaveBeenCalled();
    confirm.mockResolvedValueOnce(true);
    expect(await call(OPEN_EXTERNAL_CHANNEL, { url: 'https://www.reuters.com/world/' })).toEqual({ ok: true, result: true });
    expect(open).toHaveBeenCalledWith('https://www.reuters.com/world/');
  });

  it('never opens javascript:, file: or other schemes, and does not even ask', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi', 'smb://server/share', 'not a url']) {
      expect(await call(OPEN_EXTERNAL_CHANNEL, { url })).toEqual({ ok: true, result: false });
    }
    expect(await call(OPEN_EXTERNAL_CHANNEL, 'https://example.org')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(confirm).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });
});

describe('IPC without a notebook', () => {
  it('answers with an error while no notebook is open', async () => {
    unregister();
    const off = registerIpc({ origin, backend: () => null, external: { confirm, open } });
    try {
      expect(await call('dossier:reports.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'no notebook is open' } });
    } finally {
      off();
      const handlers = createHandlers(nb);
      unregister = registerIpc({ origin, backend: () => coreTransport(handlers), external: { confirm, open } });
    }
  });
});
