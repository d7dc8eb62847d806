/**
 * One rule for tags (electron/api/tags.ts): a tag that differs only in case is the same tag in
 * search filters, report lists, `tags`, `stats` and `check`, through every front door: the CLI,
 * the browser host over HTTP and the desktop IPC (electron mocked). The UI's side is in
 * tests/unit/renderer/tag-case.test.tsx.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningHost } from '../../electron/host';
import { dossier, dossierJson } from '../helpers/cli';
import { writeText } from '../helpers/files';
import { tmpDir } from '../helpers/tmp';

const registered = vi.hoisted(() => new Map<string, (event: unknown, input?: unknown) => Promise<unknown>>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input?: unknown) => Promise<unknown>) => registered.set(channel, fn),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

interface Hit {
  id: string;
  kind: string;
}

const nbDir = path.join(tmpDir(), 'notebook');
const src = tmpDir();

beforeAll(() => {
  writeText(src, 'hama.txt', 'Russian forces regroup near Hama\n\nAircraft from the Khmeimim base struck positions north of Hama.\n');
  writeText(src, 'tartus.txt', 'Tartus briefing\n\nThe naval facility at Tartus was partially evacuated.\n');
  expect(dossier(nbDir, ['import', path.join(src, 'hama.txt'), '--tag', 'syria']).code).toBe(0);
  expect(dossier(nbDir, ['import', path.join(src, 'tartus.txt'), '--tag', 'Navy']).code).toBe(0);
  expect(dossier(nbDir, ['note', 'add', '--title', 'Hama notes', '--body', 'Hama again.', '--tag', 'SYRIA']).code).toBe(0);
}, 90_000);

// Each step runs the real command a few times: generous timeouts for a loaded machine.
describe('tags differing only in case, through the CLI', { timeout: 90_000 }, () => {
  it('search --tag finds what `tags` lists, whatever the case', () => {
    for (const tag of ['Syria', ' SYRIA ']) {
      const hits = dossierJson<{ results: Hit[] }>(nbDir, ['search', 'Hama', '--tag', tag]).results;
      expect(hits.map((h) => h.kind).sort()).toEqual(['note', 'report']);
    }
    expect(dossierJson<{ results: Hit[] }>(nbDir, ['search', 'Tartus', '--tag', 'Syria']).results).toHaveLength(0);
  });

  it('reports --tag, tags and stats count one tag', () => {
    expect(dossierJson<unknown[]>(nbDir, ['reports', '--tag', 'Syria'])).toHaveLength(1);
    const tags = dossierJson<Array<{ tag: string; count: number }>>(nbDir, ['tags']);
    expect(tags).toEqual([
      { tag: 'syria', count: 2 },
      { tag: 'Navy', count: 1 },
    ]);
    expect(dossierJson<{ tags: number }>(nbDir, ['stats']).tags).toBe(2);
    expect(dossierJson<{ ok: boolean }>(nbDir, ['check']).ok).toBe(true);
  });

  it('untag removes a tag given in another case', () => {
    const id = dossierJson<Array<{ id: string }>>(nbDir, ['reports', '--tag', 'navy'])[0]!.id;
    expect(dossier(nbDir, ['untag', id, 'NAVY']).code).toBe(0);
    expect(dossierJson<unknown[]>(nbDir, ['reports', '--tag', 'Navy'])).toHaveLength(0);
    expect(dossier(nbDir, ['tag', id, 'Navy']).code).toBe(0);
  });
});

describe('tags differing only in case, through the browser host and IPC', () => {
  let host: RunningHost;
  beforeAll(async () => {
    const { startHost } = await import('../../electron/host');
    host = await startHost({ notebookDir: nbDir, rendererDir: tmpDir(), port: 0 });
  });
  afterAll(async () => host?.close());

  async function http(method: string, params: unknown): Promise<unknown> {
    const res = await fetch(`http://127.0.0.1:${host.port}/api`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': host.token },
      body: JSON.stringify({ method, params }),
    });
    const body = (await res.json()) as { ok: boolean; result?: unknown };
    expect(body.ok).toBe(true);
    return body.result;
  }

  it('HTTP: search.query and reports.list filter by tag case-insensitively', async () => {
    const found = (await http('search.query', { q: 'Hama', tags: ['Syria'] })) as { results: Hit[] };
    expect(found.results).toHaveLength(2);
    expect(await http('reports.list', { tag: 'SYRIA' })).toHaveLength(1);
  });

  it('IPC: the same answers over dossier:<method>', async () => {
    const { registerIpc } = await import('../../electron/main/ipc');
    const { coreTransport, createHandlers } = await import('../../electron/notebook');
    const handlers = createHandlers(host.notebook);
    const rendererDir = tmpDir();
    const off = registerIpc({ origin: { rendererDir }, backend: () => coreTransport(handlers), external: { confirm: async () => false, open: async () => undefined } });
    try {
      const event = { senderFrame: { url: `file://${rendererDir}/index.html`, parent: null } };
      const search = registered.get('dossier:search.query')!;
      const answer = (await search(event, { q: 'Hama', tags: ['sYrIa'] })) as { ok: boolean; result: { results: Hit[] } };
      expect(answer.ok).toBe(true);
      expect(answer.result.results).toHaveLength(2);
      const list = (await registered.get('dossier:reports.list')!(event, { tag: 'Syria' })) as { ok: boolean; result: unknown[] };
      expect(list.result).toHaveLength(1);
    } finally {
      off();
    }
  });
});
