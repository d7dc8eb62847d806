/** The preload bridge (electron mocked) and the renderer's IPC client on top of it: envelopes pass unchanged, errors keep their code. */
import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ calls: [] as Array<[string, unknown]>, invoke: vi.fn<(channel: string, input: unknown) => Promise<unknown>>() }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.calls.push([key, value]) },
  ipcRenderer: { invoke: (channel: string, input: unknown) => exposed.invoke(channel, input) },
}));

await import('../../../electron/preload/index');
const { createIpcApi } = await import('../../../renderer/src/api/ipc');
const { ApiError } = await import('../../../renderer/src/api/errors');

type Bridge = { call(method: string, params?: unknown): Promise<unknown> };

describe('preload', () => {
  it('exposes exactly one frozen object, window.dossier, with one function: call', () => {
    expect(exposed.calls).toHaveLength(1);
    const [key, value] = exposed.calls[0] as [string, Bridge];
    expect(key).toBe('dossier');
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.keys(value)).toEqual(['call']);
  });

  it('invokes dossier:<method> and forwards the envelope unchanged, errors included', async () => {
    const bridge = exposed.calls[0]?.[1] as Bridge;
    exposed.invoke.mockResolvedValueOnce({ ok: true, result: [] });
    await expect(bridge.call('reports.list', {})).resolves.toEqual({ ok: true, result: [] });
    expect(exposed.invoke).toHaveBeenLastCalledWith('dossier:reports.list', {});
    const failure = { ok: false, error: { code: 'NOT_FOUND', message: 'no report with id r_x' } };
    exposed.invoke.mockResolvedValueOnce(failure);
    await expect(bridge.call('reports.get', { id: 'r_x' })).resolves.toEqual(failure);
    exposed.invoke.mockResolvedValueOnce({ ok: true, result: true });
    await expect(bridge.call('app.openExternal', { url: 'https://example.org' })).resolves.toEqual({ ok: true, result: true });
    expect(exposed.invoke).toHaveBeenLastCalledWith('dossier:app.openExternal', { url: 'https://example.org' });
  });

  it('never sends an unknown name over IPC', async () => {
    const bridge = exposed.calls[0]?.[1] as Bridge;
    exposed.invoke.mockClear();
    for (const name of ['app.quit', 'reports.list/../x', '__proto__', '']) {
      await expect(bridge.call(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(exposed.invoke).not.toHaveBeenCalled();
  });

  it('lets the renderer see the error code and message as sent, with no string parsing', async () => {
    const api = createIpcApi(exposed.calls[0]?.[1] as never);
    exposed.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'no report with id r_x [INTERNAL] not a code' } });
    const err = await api['reports.get']({ id: 'r_x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'no report with id r_x [INTERNAL] not a code' });
    exposed.invoke.mockResolvedValueOnce({ ok: true, result: true });
    await expect(api.openExternal('https://example.org')).resolves.toBe(true);
    exposed.invoke.mockResolvedValueOnce('garbage');
    await expect(api['reports.list']({})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
