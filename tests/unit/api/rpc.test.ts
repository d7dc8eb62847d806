/** The RPC layer (electron/api/rpc.ts) over an in-process transport to a real notebook: envelopes and error objects end to end. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, dispatch, METHOD_NAMES, type DossierApi, type DossierHandlers } from '../../../electron/api';
import { contract } from '../../../electron/api/contract';
import { coreTransport, createHandlers, Notebook } from '../../../electron/notebook';

const root = mkdtempSync(path.join(os.tmpdir(), 'dossier-rpc-'));
let nb: Notebook;
let handlers: DossierHandlers;
let api: DossierApi;

beforeAll(async () => {
  nb = await Notebook.open({ dir: path.join(root, 'nb'), writable: true, app: 'test' });
  handlers = createHandlers(nb);
  api = createClient(coreTransport(handlers));
});
afterAll(async () => {
  await nb.close();
  rmSync(root, { recursive: true, force: true });
});

describe('rpc', () => {
  it('has one method list: the zod-free names are exactly the contract schemas and the handlers', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('dispatch answers unknown methods, bad input and domain errors with { code, message }, never throwing', async () => {
    expect(await dispatch(handlers, 'reports.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(handlers, 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(handlers, 'reports.get', { id: 7 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^invalid input for reports\.get: id: /) } });
    expect(await dispatch(handlers, 'notes.get', { id: 'n_missing' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no note with id n_missing' } });
    expect(await dispatch(handlers, 'reports.list', {})).toEqual({ ok: true, result: [] });
  });

  it('createClient resolves with results and rejects with an ApiError carrying the code', async () => {
    const note = await api['notes.create']({ title: 'Air power at Hama', body: 'Strikes flew from [[Khmeimim]].' });
    expect(note.links.unresolved).toEqual([{ text: 'Khmeimim', label: null }]);
    const err = await api['notes.get']({ id: 'n_missing' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'no note with id n_missing' });
  });

  it('a transport that fails becomes IO_ERROR; a non-envelope answer becomes INTERNAL', async () => {
    const down = createClient(async () => {
      throw new Error('socket hang up');
    });
    await expect(down['reports.list']({})).rejects.toMatchObject({ code: 'IO_ERROR', message: /socket hang up/ });
    const odd = createClient(async () => ({ hello: 1 }) as never);
    await expect(odd['reports.list']({})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
