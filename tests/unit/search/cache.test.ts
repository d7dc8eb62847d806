/**
 * The on-disk index cache: round trip, and every way a cache file can be unusable is a miss
 * (null with a reason), never an exception.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchIndex, loadIndexCache, readIndexCache, saveIndexCache, type SearchDoc } from '../../../electron/notebook/search/index';
import { decodeImage, encodeImage, type IndexImage } from '../../../electron/notebook/search/format';
import { DOCS } from './fixtures';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-search-cache-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function built(): SearchIndex {
  const ix = new SearchIndex();
  for (const d of DOCS) ix.upsert(d);
  return ix;
}

describe('index cache', () => {
  it('saves atomically and loads the same index', async () => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp-1', built());
    expect(readdirSync(dir)).toEqual(['search.idx']); // no temp files left behind
    const ix = await loadIndexCache(file, 'fp-1');
    expect(ix).not.toBeNull();
    expect(ix!.size).toBe(DOCS.length);
    expect(ix!.search({ q: 'Хмеймим' }).results.map((r) => r.id)).toEqual(built().search({ q: 'Хмеймим' }).results.map((r) => r.id));
  });

  it('reports a missing file', async () => {
    const reasons: string[] = [];
    const ix = await loadIndexCache(join(dir, 'none.idx'), 'fp', { onMiss: (r) => reasons.push(r) });
    expect(ix).toBeNull();
    expect(reasons).toEqual(['missing']);
  });

  it('rejects a stale fingerprint', async () => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp-old', built());
    const r = await readIndexCache(file, 'fp-new');
    expect(r.index).toBeNull();
    expect(r.reason).toBe('fingerprint');
  });

  it('rejects another cache version', async () => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp', built());
    const buf = readFileSync(file);
    buf.writeUInt32LE(999, 4);
    writeFileSync(file, buf);
    expect((await readIndexCache(file, 'fp')).reason).toBe('version');
  });

  it.each([
    ['flipped byte', (b: Buffer): Buffer => {
      const c = Buffer.from(b);
      c[c.length - 5] = (c[c.length - 5] ?? 0) ^ 0x5a;
      return c;
    }],
    ['truncated', (b: Buffer): Buffer => b.subarray(0, Math.floor(b.length / 2))],
    ['garbage', (): Buffer => Buffer.from('this is not an index at all')],
    ['empty', (): Buffer => Buffer.alloc(0)],
  ])('rejects a corrupt file (%s) without throwing', async (_name, damage) => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp', built());
    writeFileSync(file, damage(readFileSync(file)));
    const r = await readIndexCache(file, 'fp');
    expect(r.index).toBeNull();
    expect(r.reason).toBe('corrupt');
  });

  it('overwrites an existing cache', async () => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp', built());
    const small = new SearchIndex();
    small.upsert(DOCS[0]!);
    await saveIndexCache(file, 'fp2', small);
    expect((await loadIndexCache(file, 'fp2'))!.size).toBe(1);
  });
});

/**
 * The lookup tables a first query needs (typo neighbours, variant skeletons) are stored in the
 * cache: a loaded index answers as the index it was saved from, also for words added after it was
 * loaded, and tables that do not fit the rest of the cache make it a miss, never wrong results.
 */
describe('stored lookup tables', () => {
  const QUERIES = ['Zhuravelv', 'Hmeimm', 'Khmeymim', 'Tartous', 'Хмеймим', 'Kiev', 'Zhurav'];
  // (`why` is left out: it is read from the texts, which a cache does not hold.)
  const answers = (ix: SearchIndex, q: string): unknown => ix.search({ q }).results.map((r) => [r.id, r.score]);
  const extra: SearchDoc = { kind: 'report', id: 'r_extra', title: 'Convoy near Prokhorovka', text: 'The convoy passed Prokhorovka and Dzhankoi at night.', tags: [], date: null, entityIds: [] };

  it('a loaded index finds the same typos and variants as the index it was saved from', async () => {
    const file = join(dir, 'search.idx');
    const ix = built();
    await saveIndexCache(file, 'fp', ix);
    const back = await loadIndexCache(file, 'fp');
    for (const q of QUERIES) expect(answers(back!, q)).toEqual(answers(ix, q));
  });

  it('words added after loading are found as written, with their typos and variants, also after saving and loading again', async () => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp', built());
    const loaded = (await loadIndexCache(file, 'fp'))!;
    loaded.upsert(extra);
    const fresh = built();
    fresh.upsert(extra);
    // a typo (two edits) and a variant one skeleton letter away of a word the loaded tables did not have
    const mine = ['Prokhorovka', 'Prokhlorovna', 'Prokhorovna', 'Prohorovka', 'Dzhanoki'];
    for (const q of [...QUERIES, ...mine]) expect(answers(loaded, q)).toEqual(answers(fresh, q));
    for (const q of mine) expect(loaded.search({ q }).results.map((r) => r.id)).toEqual(['r_extra']);
    await saveIndexCache(file, 'fp2', loaded);
    const again = (await loadIndexCache(file, 'fp2'))!;
    for (const q of [...QUERIES, ...mine]) expect(answers(again, q)).toEqual(answers(fresh, q));
    for (const q of mine) expect(again.search({ q }).results.map((r) => r.id)).toEqual(['r_extra']);
  });

  it.each([
    ['a typo table entry naming a key that does not exist', (img: IndexImage): void => void (img.typo!.ids[0] = img.keys.length + 5), 'corrupt'],
    ['a typo table of the wrong size', (img: IndexImage): void => void (img.typo = { ...img.typo!, bits: img.typo!.bits + 1 }), 'corrupt'],
    ['a variant table entry naming a skeleton that does not exist', (img: IndexImage): void => void (img.variants!.keySkel[0] = img.variants!.skels.length + 5), 'corrupt'],
    ['skeletons made another way', (img: IndexImage): void => void (img.variants!.skels = img.variants!.skels.map((s) => `${s}x`)), 'version'],
    ['keys made by another folding', (img: IndexImage): void => void (img.keys = img.keys.map((k) => `${k}q`)), 'version'],
    ['a word table entry naming a term that does not exist', (img: IndexImage): void => void (img.termTable.slots[img.termTable.slots.findIndex((v) => v > 0)] = img.terms.length + 5), 'corrupt'],
    ['a word table hashed another way', (img: IndexImage): void => void img.keyTable.slots.reverse(), 'version'],
    ['a skeleton table hashed another way', (img: IndexImage): void => void img.variants!.skelTable.slots.reverse(), 'version'],
  ])('a cache with %s (checksum intact) is a miss', async (_name, damage, reason) => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp', built());
    const buf = readFileSync(file);
    const start = (12 + buf.readUInt32LE(8) + 3) & ~3;
    const img = decodeImage(new Uint8Array(buf.subarray(start)));
    damage(img);
    writeFileSync(file, Buffer.concat([buf.subarray(0, start), Buffer.from(encodeImage(img))]));
    const r = await readIndexCache(file, 'fp');
    expect(r.index).toBeNull();
    expect(r.reason).toBe(reason);
  });

  it('a cache of the format before the stored tables is a version miss', async () => {
    const file = join(dir, 'search.idx');
    await saveIndexCache(file, 'fp', built());
    const buf = readFileSync(file);
    const start = (12 + buf.readUInt32LE(8) + 3) & ~3;
    buf.writeUInt32LE(2, start + 4); // the index format's own version, before the stored tables
    writeFileSync(file, buf);
    expect((await readIndexCache(file, 'fp')).reason).toBe('version');
  });
});

describe('stored documents', () => {
  it('a loaded index gives every document back as it was: titles, kinds, dates, tags, entities, aliases and versions', async () => {
    const file = join(dir, 'search.idx');
    const docs: SearchDoc[] = [
      ...DOCS,
      { kind: 'note', id: 'n_v', title: 'Line one\nline two — «Хама»', text: 'A note on Khama.', tags: ['draft', 'syria'], date: null, entityIds: ['e_khmeimim'], version: '2024-12-13T10:00:00.000Z' },
      { kind: 'report', id: 'r_plain', title: '', text: 'Untitled text about Tartus.', tags: [], date: null, entityIds: [] },
    ];
    const ix = new SearchIndex();
    for (const d of docs) ix.upsert(d);
    await saveIndexCache(file, 'fp', ix);
    const back = (await loadIndexCache(file, 'fp'))!;
    const strip = (r: SearchIndex, q: Parameters<SearchIndex['search']>[0]): unknown =>
      r.search({ limit: 100, ...q }).results.map((h) => [h.kind, h.id, h.title, h.date, h.tags, h.score]);
    for (const q of [
      { q: 'Khama' },
      { q: 'Tartus' },
      { q: '', tags: ['syria'] },
      { q: '', entityId: 'e_khmeimim' },
      { q: '', from: '2024-12-10' },
      { q: 'Hmeimim', kinds: ['entity' as const] },
    ]) {
      expect(strip(back, q)).toEqual(strip(ix, q));
    }
    expect(back.quick('Хмеймим')).toEqual(ix.quick('Хмеймим'));
    expect(back.quick('Line one')).toEqual(ix.quick('Line one'));
    for (const kind of ['report', 'note', 'entity'] as const) expect(back.versionsOfKind(kind)).toEqual(ix.versionsOfKind(kind));
    // saved again from the loaded documents, nothing changes
    await saveIndexCache(file, 'fp2', back);
    const again = (await loadIndexCache(file, 'fp2'))!;
    expect(strip(again, { q: '', tags: ['draft'] })).toEqual(strip(ix, { q: '', tags: ['draft'] }));
    expect(again.versionsOfKind('note')).toEqual(ix.versionsOfKind('note'));
  });
});
