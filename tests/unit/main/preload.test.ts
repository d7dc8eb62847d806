/** The preload bridge (electron mocked) and the renderer's IPC client on top of it. */
import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ calls: [] as Array<[string, unknown]>, invoke: vi.fn<(channel: string, input: unknown) => Promise<unknown>>() }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.calls.push([key, value]) },
  ipcRenderer: { invoke: (channel: string, input: unknown) => exposed.invoke(channel, input) },
}));

await import('../../../electron/preload/index');
const { METHOD_NAMES } = await import('../../../electron/api');
const { createIpcApi } = await import('../../../renderer/src/api/ipc');
const { ApiError } = await import('../../../renderer/src/api/errors');

type Bridge = Record<string, (input?: unknown) => Promise<unknown>>;

describe('preload', () => {
  it('exposes exactly one frozen object, window.dossier, with one function per method plus openExternal', () => {
    expect(exposed.calls).toHaveLength(1);
    const [key, value] = exposed.calls[0] as [string, Bridge];
    expect(key).toBe('dossier');
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.keys(value).sort()).toEqual([...METHOD_NAMES, 'openExternal'].sort());
    for (const fn of Object.values(value)) expect(typeof fn).toBe('function');
  });

  it('invokes dossier:<method>, unwraps results and turns errors into [CODE] message', async () => {
    const bridge = exposed.calls[0]?.[1] as Bridge;
    exposed.invoke.mockResolvedValueOnce({ ok: true, result: [] });
    await expect(bridge['reports.list']?.({})).resolves.toEqual([]);
    expect(exposed.invoke).toHaveBeenLastCalledWith('dossier:reports.list', {});
    exposed.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'no report with id r_x' } });
    await expect(bridge['reports.get']?.({ id: 'r_x' })).rejects.toThrow('[NOT_FOUND] no report with id r_x');
    exposed.invoke.mockResolvedValueOnce({ ok: true, result: true });
    await expect(bridge.openExternal?.('https://example.org')).resolves.toBe(true);
    expect(exposed.invoke).toHaveBeenLastCalledWith('dossier:app.openExternal', { url: 'https://example.org' });
  });

  it('lets the renderer see the error code again', async () => {
    const api = createIpcApi(exposed.calls[0]?.[1] as never);
    exposed.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'no report with id r_x' } });
    const err = await api['reports.get']({ id: 'r_x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'no report with id r_x' });
  });
});
