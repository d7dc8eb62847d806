import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callMethod, createHandlers, importPaths, Notebook } from '../../electron/notebook';
import { SEARCH_CACHE } from '../../electron/notebook/searcher';
import { dossier } from '../helpers/cli';
import { writeText } from '../helpers/files';
import { tmpDir } from '../helpers/tmp';

const REPORTS: Record<string, string> = {
  'hama.txt': 'Russian forces regroup near Hama\n\nOn December 1, 2024, Russian aircraft flying from the Khmeimim base struck positions north of Hama. General Zhuravlev was reported to be in command.\n',
  'khama.md': '# Rebels reach the outskirts of Khama\n\nOpposition fighters advanced on Khama on 3 December 2024 while jets from Hmeimim circled overhead.\n',
  'tartus.md': '# Tartus naval facility\n\nSatellite images from 10 December 2024 show ships leaving the port of Tartous.\n',
  'libya.txt': 'Wagner in Libya\n\nAfter the fall of Qadhafi, contractors linked to Prigozhin moved aircraft to al-Jufra.\n',
  'kyiv.txt': 'Air defence over Kyiv\n\nUkraine said on 2 November 2024 that missiles were intercepted over Kyiv.\n',
  'bread.txt': 'Bread prices in Damascus\n\nThe price of bread in Damascus doubled during the autumn, traders said.\n',
};

async function titles(nb: Notebook, q: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const r = await nb.search.search({ q, limit: 10, ...extra });
  return r.results.map((h) => h.title);
}

describe('searching a notebook', () => {
  const dir = tmpDir();
  const ids = new Map<string, string>();

  beforeAll(async () => {
    const src = tmpDir();
    for (const [name, text] of Object.entries(REPORTS)) writeText(src, name, text);
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    const res = await importPaths(nb, [src]);
    for (const i of res.imported) ids.set(path.basename(i.path), i.id);
    await nb.reports.tag(ids.get('khama.md') ?? '', ['frontline']);
    await nb.close();
  });

  it('finds the report whatever the transliteration, script or typo', async () => {
    const nb = await Notebook.open({ dir, writable: false });
    expect((await titles(nb, 'Khama')).slice(0, 2).sort()).toEqual(['Rebels reach the outskirts of Khama', 'Russian forces regroup near Hama']);
    expect(await titles(nb, 'Hmeimim')).toContain('Russian forces regroup near Hama');
    expect(await titles(nb, 'Хмеймим')).toContain('Russian forces regroup near Hama');
    expect((await titles(nb, 'Zhuravlyov'))[0]).toBe('Russian forces regroup near Hama');
    expect((await titles(nb, 'Gaddafi'))[0]).toBe('Wagner in Libya');
    expect((await titles(nb, 'Kiev'))[0]).toBe('Air defence over Kyiv');
    expect((await titles(nb, 'Tartus'))[0]).toBe('Tartus naval facility');
    expect((await titles(nb, 'Damscus'))[0]).toBe('Bread prices in Damascus');
    expect((await titles(nb, 'Zhuravelv'))[0]).toBe('Russian forces regroup near Hama');
    await nb.close();
  });

  it('ranks an exact title match first and shows the match in the snippet', async () => {
    const nb = await Notebook.open({ dir, writable: false });
    const r = await nb.search.search({ q: 'Hmeimim', limit: 5 });
    const hit = r.results.find((h) => h.title.includes('Khama'));
    expect(hit).toBeDefined();
    const spans = (hit?.matches ?? []).map((m) => hit?.snippet.slice(m.start, m.end));
    expect(spans).toContain('Hmeimim');
    await nb.close();
  });

  it('matches exact phrases and prefixes', async () => {
    const nb = await Notebook.open({ dir, writable: false });
    expect(await titles(nb, '"price of bread"')).toEqual(['Bread prices in Damascus']);
    expect(await titles(nb, '"damascus bread"')).toEqual([]);
    expect(await titles(nb, 'Prigo*')).toEqual(['Wagner in Libya']);
    await nb.close();
  });

  it('narrows results with tag, kind and date filters', async () => {
    const nb = await Notebook.open({ dir, writable: false });
    expect(await titles(nb, 'Khama', { tags: ['frontline'] })).toEqual(['Rebels reach the outskirts of Khama']);
    expect(await titles(nb, 'Khama', { from: '2024-12-02', to: '2024-12-31' })).toEqual(['Rebels reach the outskirts of Khama']);
    expect(await titles(nb, 'Khama', { kinds: ['note'] })).toEqual([]);
    await nb.close();
  });

  it('keeps the index current incrementally on import, retitle and delete', async () => {
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    await nb.search.ensure();
    const src = tmpDir();
    writeText(src, 'palmyra.txt', 'Palmyra airfield\n\nThe T4 airbase near Palmyra was abandoned.\n');
    const res = await importPaths(nb, [src]);
    const id = res.imported[0]?.id ?? '';
    expect(await titles(nb, 'Palmira')).toEqual(['Palmyra airfield']);
    await nb.reports.update(id, { title: 'Tiyas airbase' });
    expect(await titles(nb, 'Tiyas')).toEqual(['Tiyas airbase']);
    await nb.reports.delete(id);
    expect(await titles(nb, 'Palmyra')).toEqual([]);
    await nb.close();
    // The cache written at close matches the notebook, so the next open uses it as it is.
    const again = await Notebook.open({ dir, writable: false });
    expect(await titles(again, 'Palmyra')).toEqual([]);
    expect(again.search.status?.source).toBe('cache');
    await again.close();
  });

  it('prepares the index before the first search, and an import after that leaves a current cache', async () => {
    // A notebook filled without ever searching (an import from the command line) has no search cache.
    const fresh = tmpDir();
    const src = tmpDir();
    for (const name of ['hama.txt', 'tartus.md']) writeText(src, name, REPORTS[name] ?? '');
    const filler = await Notebook.open({ dir: fresh, writable: true, app: 'test' });
    await importPaths(filler, [src]);
    await filler.close();
    const cache = path.join(fresh, SEARCH_CACHE);
    expect(existsSync(cache)).toBe(false);

    const nb = await Notebook.open({ dir: fresh, writable: true, app: 'test' });
    const handlers = createHandlers(nb);
    // Asking answers at once (the app polls it to say "Preparing search…") and starts the load.
    expect(await callMethod(handlers, 'search.prepare', {})).toEqual({ ok: true, result: { ready: false, docs: null, source: null } });
    const meanwhile = callMethod(handlers, 'search.query', { q: 'Hmeimim' });
    await nb.prepareSearch();
    expect(await callMethod(handlers, 'search.prepare', {})).toEqual({ ok: true, result: { ready: true, docs: 2, source: 'rebuilt' } });
    expect(existsSync(cache)).toBe(true);
    const first = await meanwhile;
    expect(first.ok && first.result.results.map((h) => h.title)).toEqual(['Russian forces regroup near Hama']);

    // The index is in memory, so a later import updates it and closing writes a cache that matches.
    const more = tmpDir();
    writeText(more, 'libya.txt', REPORTS['libya.txt'] ?? '');
    await importPaths(nb, [more]);
    expect(await titles(nb, 'Jufra')).toEqual(['Wagner in Libya']);
    await nb.close();
    const again = await Notebook.open({ dir: fresh, writable: false });
    expect(await titles(again, 'Jufra')).toEqual(['Wagner in Libya']);
    expect(again.search.status?.source).toBe('cache');
    await again.close();
  });

  it('a note saved by a command that never loads the index updates the cache instead of rebuilding it; a report change rebuilds', async () => {
    const own = tmpDir();
    const src = tmpDir();
    for (const name of ['hama.txt', 'bread.txt']) writeText(src, name, REPORTS[name] ?? '');
    const warm = await Notebook.open({ dir: own, writable: true, app: 'test' });
    const imported = await importPaths(warm, [src]);
    await warm.search.ensure();
    await warm.close();
    const added = dossier(own, ['note', 'add', '--title', 'Hmeimim diary', '--body', 'Jets over the coast again.']);
    expect(added.code).toBe(0);
    const nb = await Notebook.open({ dir: own, writable: true, app: 'test' });
    expect(await titles(nb, 'Khmeimim', { kinds: ['note'] })).toEqual(['Hmeimim diary']);
    expect(nb.search.status?.source).toBe('cache');
    expect((await titles(nb, 'Hama'))[0]).toBe('Russian forces regroup near Hama');
    await nb.close();
    // The brought-up-to-date cache was written back: the next open uses it as it is.
    const again = await Notebook.open({ dir: own, writable: false });
    expect(await titles(again, 'Hmeimim', { kinds: ['note'] })).toEqual(['Hmeimim diary']);
    expect(again.search.status?.source).toBe('cache');
    const diary = again.notes.all().find((n) => n.title === 'Hmeimim diary')?.id ?? '';
    await again.close();
    // Another note added, the first one edited, then trashed: each change shows, still from the cache.
    expect(dossier(own, ['note', 'add', '--title', 'Tartus log', '--body', 'Ships in port.']).code).toBe(0);
    expect(dossier(own, ['note', 'edit', diary, '--body', 'Jets over Latakia.']).code).toBe(0);
    const edited = await Notebook.open({ dir: own, writable: false });
    expect(await titles(edited, 'Latakia', { kinds: ['note'] })).toEqual(['Hmeimim diary']);
    expect(await titles(edited, 'coast', { kinds: ['note'] })).toEqual([]);
    expect(await titles(edited, 'Tartus', { kinds: ['note'] })).toEqual(['Tartus log']);
    expect(edited.search.status?.source).toBe('cache');
    await edited.close();
    expect(dossier(own, ['note', 'rm', diary]).code).toBe(0);
    const trashed = await Notebook.open({ dir: own, writable: false });
    expect(await titles(trashed, 'Latakia', { kinds: ['note'] })).toEqual([]);
    expect(await titles(trashed, 'Tartus', { kinds: ['note'] })).toEqual(['Tartus log']);
    expect(trashed.search.status?.source).toBe('cache');
    await trashed.close();
    // A report retitled while no index was loaded: the cache cannot know which, so it is rebuilt.
    const bread = imported.imported.find((i) => path.basename(i.path) === 'bread.txt')?.id ?? '';
    const w = await Notebook.open({ dir: own, writable: true, app: 'test' });
    await w.reports.update(bread, { title: 'Bread and flour prices in Damascus' });
    await w.close();
    const after = await Notebook.open({ dir: own, writable: false });
    expect(await titles(after, 'flour')).toEqual(['Bread and flour prices in Damascus']);
    expect(after.search.status).toMatchObject({ source: 'rebuilt', reason: 'fingerprint' });
    await after.close();
  });

  it('rebuilds the index when the cache is corrupt or stale', async () => {
    const cache = path.join(dir, SEARCH_CACHE);
    expect(existsSync(cache)).toBe(true);
    const bytes = readFileSync(cache);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(cache, bytes);
    const nb = await Notebook.open({ dir, writable: false });
    expect((await titles(nb, 'Tartous'))[0]).toBe('Tartus naval facility');
    expect(nb.search.status).toMatchObject({ source: 'rebuilt', reason: 'corrupt' });
    await nb.close();
    writeFileSync(cache, 'garbage');
    const stale = await Notebook.open({ dir, writable: false });
    expect((await titles(stale, 'bread'))[0]).toBe('Bread prices in Damascus');
    await stale.close();
  });

  it('CLI: search with --json and the batch form with one JSON line per query', () => {
    const one = dossier(dir, ['search', 'Khmeimim', '--json', '--limit', '3']);
    expect(one.code).toBe(0);
    const parsed = JSON.parse(one.stdout) as { query: string; results: Array<{ kind: string; id: string; title: string; score: number; snippet: string }> };
    expect(parsed.query).toBe('Khmeimim');
    expect(parsed.results[0]).toMatchObject({ kind: 'report', id: ids.get('hama.txt'), title: 'Russian forces regroup near Hama' });
    expect(parsed.results[0]?.snippet).toContain('Khmeimim');
    const khama = parsed.results.find((r) => r.title === 'Rebels reach the outskirts of Khama') as { why?: unknown } | undefined;
    expect(khama?.why).toEqual([{ query: 'Khmeimim', spelling: 'Hmeimim', how: 'variant' }]);
    const qfile = path.join(tmpDir(), 'queries.txt');
    writeFileSync(qfile, 'Khama\n\nTartous\n"price of bread"\n');
    const batch = dossier(dir, ['search', '--queries', qfile, '--json']);
    expect(batch.code).toBe(0);
    const lines = batch.stdout.trim().split('\n').map((l) => JSON.parse(l) as { query: string; results: unknown[] });
    expect(lines.map((l) => l.query)).toEqual(['Khama', 'Tartous', '"price of bread"']);
    expect(lines.every((l) => l.results.length > 0)).toBe(true);
    const human = dossier(dir, ['search', 'Khama', '--kind', 'report', '--from', '2024-12-02']);
    expect(human.stdout).toMatch(/1 result for "Khama"/);
    expect(human.stdout).toMatch(/Rebels reach the outskirts of Khama/);
    const variant = dossier(dir, ['search', 'Khmeimim', '--kind', 'report']);
    expect(variant.stdout).toContain('matched: Khmeimim ≈ Hmeimim (variant)');
    const bad = dossier(dir, ['search', 'Khama', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dossier: error: from: expected a date as YYYY-MM-DD/);
  }, 120_000);
});
