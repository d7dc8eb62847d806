/**
 * Lazy opens (issue 17): a note saved in a notebook opened lazily resolves its `[[Title]]` links
 * through the stored title index exactly as a full open resolves them through the catalog, and never
 * loads the catalog; a stale or missing title index makes the open load the catalog (and rewrite
 * the index), so links never resolve against old titles.
 */
import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodResults } from '../../../electron/api';
import { callMethod, createHandlers, importPaths, Notebook } from '../../../electron/notebook';
import type { Report } from '../../../electron/notebook';
import { StoredReportTitles, TITLE_DIR, writeTitlePart } from '../../../electron/notebook/storage/titles';
import { fold } from '../../../electron/notebook/text/fold';
import { writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';

async function caller(nb: Notebook) {
  const h = createHandlers(nb);
  return async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResults[M]> => {
    const out = await callMethod(h, method, input);
    if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
    return out.result;
  };
}

/** A notebook with reports titled as given (imported as real files), closed. */
async function notebookWith(titles: string[]): Promise<string> {
  const src = tmpDir();
  titles.forEach((t, i) => writeText(src, `r${String(i).padStart(3, '0')}.txt`, `${t}\n\nText of report ${i} about the convoy.`));
  const dir = path.join(tmpDir(), 'nb');
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  try {
    const res = await importPaths(nb, [src]);
    expect(res.imported).toHaveLength(titles.length);
  } finally {
    await nb.close();
  }
  return dir;
}

const BODY = 'See [[Khmeimim airbase]], [[KHMEIMIM Airbase|the base]], [[Tartus port]], [[Nowhere at all]] and [[Hama]].';

describe('lazy open', () => {
  it('saves a note without loading the catalog, and its links resolve as a full open resolves them', async () => {
    const dir = await notebookWith(['Khmeimim airbase', 'Tartus port', 'Hama', 'Hama', 'Convoy seen']);
    const full = await Notebook.open({ dir, writable: true, app: 'test' });
    let expected: MethodResults['notes.create'];
    try {
      expected = await (await caller(full))('notes.create', { title: 'Full', body: BODY });
      await (await caller(full))('notes.delete', { id: expected.id });
    } finally {
      await full.close();
    }
    const lazy = await Notebook.open({ dir, writable: true, app: 'test', lazy: true });
    try {
      const call = await caller(lazy);
      const n = await call('notes.create', { title: 'Lazy', body: BODY });
      expect(lazy.reportsLoaded).toBe(false);
      expect(n.links.outgoing).toEqual(expected.links.outgoing);
      expect(n.links.unresolved).toEqual([{ text: 'Nowhere at all', label: null }]);
      // Two reports titled "Hama": the older one wins, and the link says it is ambiguous.
      expect(n.links.ambiguous).toEqual(expected.links.ambiguous);
      expect(n.links.ambiguous[0]?.candidates).toHaveLength(2);
      const hama = n.links.ambiguous[0]?.resolvedTo.id ?? '';
      // By id, and in the links of a report: still without the catalog.
      const byId = await call('notes.create', { title: 'By id', body: `Quoting [[${hama}]].` });
      expect(byId.links.outgoing).toEqual([{ kind: 'report', id: hama, title: 'Hama' }]);
      expect((await call('notes.links', { id: hama })).backlinks.map((b) => b.id).sort()).toEqual([n.id, byId.id].sort());
      expect(lazy.reportsLoaded).toBe(false);
      // A method that reads reports loads the catalog, and links agree afterwards.
      expect((await call('reports.list', {})).length).toBe(5);
      expect(lazy.reportsLoaded).toBe(true);
      expect((await call('notes.get', { id: n.id })).links.outgoing).toEqual(expected.links.outgoing);
    } finally {
      await lazy.close();
    }
  });

  it('follows a renamed report: the title index is rewritten with the catalog part', async () => {
    const dir = await notebookWith(['Khmeimim airbase', 'Tartus port']);
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    const id = nb.reports.all().find((r) => r.title === 'Tartus port')?.id ?? '';
    await nb.reports.update(id, { title: 'Tartous naval base' });
    await nb.close();
    const lazy = await Notebook.open({ dir, writable: true, app: 'test', lazy: true });
    try {
      const n = await (await caller(lazy))('notes.create', { title: 'N', body: '[[Tartous Naval Base]] and [[Tartus port]]' });
      expect(lazy.reportsLoaded).toBe(false);
      expect(n.links.outgoing.map((r) => r.id)).toEqual([id]);
      expect(n.links.unresolved.map((u) => u.text)).toEqual(['Tartus port']);
    } finally {
      await lazy.close();
    }
  });

  it('loads the catalog when the title index is stale or missing, and rewrites it', async () => {
    const dir = await notebookWith(['Khmeimim airbase', 'Tartus port']);
    const part = path.join(dir, TITLE_DIR, '000001.tsv');
    const before = await fs.readFile(part, 'utf8');
    // A crash between the catalog write and the title write: the catalog part has a newer stamp.
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    const id = nb.reports.all().find((r) => r.title === 'Tartus port')?.id ?? '';
    await nb.reports.update(id, { title: 'Tartous naval base' });
    await nb.close();
    await fs.writeFile(part, before);
    const stale = await Notebook.open({ dir, writable: true, app: 'test', lazy: true });
    try {
      expect(stale.reportsLoaded).toBe(true);
      const n = await (await caller(stale))('notes.create', { title: 'N', body: '[[Tartous naval base]]' });
      expect(n.links.outgoing.map((r) => r.id)).toEqual([id]);
    } finally {
      await stale.close();
    }
    expect(await fs.readFile(part, 'utf8')).toContain('Tartous naval base');
    await fs.rm(path.join(dir, TITLE_DIR), { recursive: true });
    const missing = await Notebook.open({ dir, writable: false, lazy: true });
    try {
      expect(missing.reportsLoaded).toBe(true);
    } finally {
      await missing.close();
    }
    const again = await Notebook.open({ dir, writable: true, app: 'test', lazy: true });
    await again.close();
    const lazyAgain = await Notebook.open({ dir, writable: false, lazy: true });
    try {
      expect(readdirSync(path.join(dir, TITLE_DIR))).toEqual(['000001.tsv']);
      expect(lazyAgain.reportsLoaded).toBe(false);
    } finally {
      await lazyAgain.close();
    }
  });

  it('answers a search from a current index cache without loading the catalog, as a full open answers it', async () => {
    const dir = await notebookWith(['Khmeimim air base', 'Tartus naval facility', 'Hama front']);
    const writer = await Notebook.open({ dir, writable: true, app: 'test' });
    const full = await writer.search.search({ q: 'Khmeimim', limit: 10 }); // builds the cache
    await writer.close();
    const lazy = await Notebook.open({ dir, writable: false, lazy: true });
    try {
      const call = await caller(lazy);
      const res = await call('search.query', { q: 'Khmeimim', limit: 10 });
      expect(lazy.search.status?.source).toBe('cache');
      expect(lazy.reportsLoaded).toBe(false);
      expect(res.results.map((r) => [r.id, r.title, r.snippet])).toEqual(full.results.map((r) => [r.id, r.title, r.snippet]));
      expect(res.results[0]?.snippet).toMatch(/convoy/);
      expect((await call('search.quick', { q: 'tartus' })).map((r) => r.title)).toContain('Tartus naval facility');
      expect(lazy.reportsLoaded).toBe(false);
    } finally {
      await lazy.close();
    }
    // A stale cache (a report added since) is rebuilt, loading the catalog, and finds the new report.
    const src = tmpDir();
    writeText(src, 'new.txt', 'Khmeimim runway\n\nNew report about the convoy.');
    const w2 = await Notebook.open({ dir, writable: true, app: 'test', lazy: true });
    await w2.openReports();
    expect((await importPaths(w2, [src])).imported).toHaveLength(1);
    await w2.close();
    const again = await Notebook.open({ dir, writable: false, lazy: true });
    try {
      const res = await (await caller(again))('search.query', { q: 'Khmeimim', limit: 10 });
      expect(res.results.map((r) => r.title)).toContain('Khmeimim runway');
      expect(again.search.status?.source).toBe('rebuilt');
      expect(again.reportsLoaded).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('finds every title of several parts by bisecting, including titles that need escaping', async () => {
    const root = tmpDir();
    const report = (i: number, title: string): Report =>
      ({ id: `r_${String(i).padStart(10, '0')}`, title, importedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, bodyRef: `bodies/${i}.txt` }) as Report;
    const titles = (part: number): string[] =>
      Array.from({ length: 1500 }, (_, i) => (i % 7 === 0 ? `Şam post ${i % 50}` : i % 11 === 0 ? `tab\there \\ ${i}` : `Post ${part}-${i}`));
    for (const part of [1, 2]) {
      const list = titles(part).map((t, i) => report(part * 10_000 + i, t));
      await writeTitlePart(root, part, `rev${part}`, list);
      const file = path.join(root, part === 1 ? 'catalog.json' : 'catalog-000002.json');
      await fs.writeFile(file, JSON.stringify({ schemaVersion: 2, part, rev: `rev${part}`, reports: [] }));
    }
    const stored = await StoredReportTitles.load(root);
    expect(stored).not.toBeNull();
    const want = (key: string): string[] =>
      [1, 2].flatMap((part) => titles(part).flatMap((t, i) => (fold(t) === key ? [`r_${String(part * 10_000 + i).padStart(10, '0')}`] : []))).sort();
    for (const key of ['sam post 7', 'post 2-1499', 'post 1-0', 'tab\there \\ 11', 'post 3-1', 'a', 'zzz']) {
      expect(stored?.withKey(key).map((t) => t.id).sort()).toEqual(want(key));
    }
    expect(stored?.withKey('sam post 7').length).toBeGreaterThan(2);
    expect(stored?.byId('r_0000020011')?.title).toBe(titles(2)[11]);
    expect(stored?.byId('r_0000020011')?.bodyRef).toBe('bodies/20011.txt');
    // By id: the first lookups search the bytes, later ones a map of every line; both give every
    // record whole (escaped titles too) and nothing for an id that is not there.
    const ids = [1, 2].flatMap((part) => titles(part).map((t, i) => ({ id: `r_${String(part * 10_000 + i).padStart(10, '0')}`, t, bodyRef: `bodies/${part * 10_000 + i}.txt` })));
    for (const { id, t, bodyRef } of ids.filter((_, k) => k % 20 === 0 || k % 33 === 0)) {
      expect(stored?.byId(id)).toMatchObject({ id, title: t, key: fold(t), bodyRef });
      expect(stored?.byId(`${id}9`)).toBeUndefined();
      expect(stored?.byId(id.slice(0, -1))).toBeUndefined();
    }
    expect(stored?.fingerprint()).toBe('1:rev1:1500,2:rev2:1500');
    // A catalog part written after its title part (a crash in between) makes the index stale.
    await fs.writeFile(path.join(root, 'catalog-000002.json'), JSON.stringify({ schemaVersion: 2, part: 2, rev: 'newer', reports: [] }));
    expect(await StoredReportTitles.load(root)).toBeNull();
  });
});
