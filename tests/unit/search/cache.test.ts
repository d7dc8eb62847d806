/**
 * The on-disk index cache: round trip, and every way a cache file can be unusable is a miss
 * (null with a reason), never an exception.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchIndex, loadIndexCache, readIndexCache, saveIndexCache } from '../../../electron/notebook/search/index';
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
