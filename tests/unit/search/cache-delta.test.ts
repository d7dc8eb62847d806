/**
 * The search cache's delta: a write after a change appends what changed instead of rewriting the
 * whole cache, a load gives back the index as it was written, and a delta cut short, damaged or
 * belonging to another base is never applied wrongly: it is a stale or corrupt cache (a rebuild),
 * or the records before the damage.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendIndexDelta, deltaFileOf, readIndexCache, saveIndexCache, SearchIndex, type CacheState, type SearchDoc } from '../../../electron/notebook/search/index';
import { DOCS } from './fixtures';

let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-search-delta-'));
  file = join(dir, 'search.idx');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const report = (id: string, title: string, text: string, tags: string[] = []): SearchDoc => ({ kind: 'report', id, title, text, tags, date: '2024-12-20', entityIds: [] });
const MORE: SearchDoc[] = [
  report('r_d1', 'Convoy near Prokhorovka', 'The convoy passed Prokhorovka and Dzhankoi at night, heading for Tartous.', ['convoy']),
  report('r_d2', 'Khmeymim runway repairs', 'Repairs on the runway at Khmeymim continued; Zhuravlyov was not seen.'),
  report('r_d3', 'Port of Tartus emptied', 'Ships left the port of Tartus; the quay at Tartous stood empty.'),
];
const QUERIES = ['Tartus', 'Khmeimim', 'Zhuravlev', 'Prokhorovka', 'Prohorovka', 'Dzhanoki', 'convoy', 'Хмеймим', 'runway repairs', 'Prokh', '"the port"'];

const answers = (ix: SearchIndex, q: string): unknown => ix.search({ q, limit: 50 }).results.map((r) => [r.id, r.score, r.title]);
function same(a: SearchIndex, b: SearchIndex): void {
  expect(a.size).toBe(b.size);
  for (const q of QUERIES) expect(answers(a, q)).toEqual(answers(b, q));
  expect(answers(a, '')).toEqual(answers(b, ''));
  expect(a.search({ q: '', tags: ['convoy'] }).results.map((r) => r.id)).toEqual(b.search({ q: '', tags: ['convoy'] }).results.map((r) => r.id));
  expect(a.quick('Tartus')).toEqual(b.quick('Tartus'));
  expect(a.versionsOfKind('report')).toEqual(b.versionsOfKind('report'));
}

function built(docs: SearchDoc[] = DOCS): SearchIndex {
  const ix = new SearchIndex();
  for (const d of docs) ix.upsert(d);
  return ix;
}

async function load(fp: string): Promise<{ index: SearchIndex; state: CacheState }> {
  const r = await readIndexCache(file, fp);
  if (r.index === null) throw new Error(`cache miss: ${r.reason} ${r.detail}`);
  return { index: r.index, state: r.state };
}

describe('search cache delta', () => {
  it('a write after an import appends what was added; the base is not rewritten, and a load gives the same index', async () => {
    await saveIndexCache(file, 'fp-0', built());
    const baseBefore = readFileSync(file);
    const { index, state } = await load('fp-0');
    for (const d of MORE) index.upsert(d);
    const next = await appendIndexDelta(file, 'fp-1', index, state);
    expect(next).not.toBeNull();
    expect(readFileSync(file).equals(baseBefore)).toBe(true);
    expect(statSync(deltaFileOf(file)).size).toBe(next!.deltaBytes);
    const back = await load('fp-1');
    expect(back.state.records).toBe(1);
    same(back.index, built([...DOCS, ...MORE]));
    // the fingerprint of the base is no longer the cache's
    expect((await readIndexCache(file, 'fp-0')).reason).toBe('fingerprint');
  });

  it('records chain: additions, replacements and removals over several writes, each loaded as written', async () => {
    await saveIndexCache(file, 'fp-0', built());
    let { index, state } = await load('fp-0');
    const want = built();
    const steps: Array<(ix: SearchIndex) => void> = [
      (ix) => ix.upsert(MORE[0]!),
      (ix) => {
        ix.upsert(MORE[1]!);
        ix.remove(DOCS[0]!.id); // a document of the base
      },
      (ix) => {
        ix.upsert({ ...MORE[0]!, title: 'Convoy turned back at Prokhorovka', version: 'v2' }); // a replacement of a delta document
        ix.upsert(MORE[2]!);
        ix.remove(MORE[2]!.id); // added and removed within one write
        ix.upsert({ ...DOCS[1]!, text: `${DOCS[1]!.text} Later: the convoy reached Tartous.` }); // a replacement of a base document
      },
    ];
    for (let i = 0; i < steps.length; i++) {
      steps[i]!(index);
      steps[i]!(want);
      const next = await appendIndexDelta(file, `fp-${i + 1}`, index, state);
      expect(next).not.toBeNull();
      const back = await load(`fp-${i + 1}`);
      expect(back.state.records).toBe(i + 1);
      same(back.index, want);
      // carry on from the loaded index, as the next process would
      index = back.index;
      state = back.state;
    }
    // a removal after loading (the document's terms are read back from the delta's postings)
    index.remove(MORE[0]!.id);
    want.remove(MORE[0]!.id);
    same(index, want);
    expect(index.search({ q: 'Prokhorovka' }).results).toEqual([]);
    // written whole again, the delta is gone and the index the same
    await saveIndexCache(file, 'fp-w', index);
    expect(existsSync(deltaFileOf(file))).toBe(false);
    same((await load('fp-w')).index, want);
  });

  it('an index compacted since it was loaded is written whole, not as a delta', async () => {
    await saveIndexCache(file, 'fp-0', built());
    const { index, state } = await load('fp-0');
    index.upsert(MORE[0]!);
    index.compact();
    expect(index.wholeWriteNeeded()).toBe(true);
    expect(await appendIndexDelta(file, 'fp-1', index, state)).toBeNull();
  });

  it.each([
    ['cut short in its last record', (b: Buffer, lastStart: number): Buffer => b.subarray(0, lastStart + Math.floor((b.length - lastStart) / 2))],
    ['cut short in the last record\'s head', (b: Buffer, lastStart: number): Buffer => b.subarray(0, lastStart + 6)],
    ['a flipped byte in its last record', (b: Buffer): Buffer => {
      const c = Buffer.from(b);
      c[c.length - 3] = (c[c.length - 3] ?? 0) ^ 0x5a;
      return c;
    }],
    ['zeros where its last record was (a crash before the data reached the disk)', (b: Buffer, lastStart: number): Buffer => Buffer.concat([b.subarray(0, lastStart), Buffer.alloc(b.length - lastStart)])],
  ])('a delta %s keeps the records before it: stale for the notebook after it, never wrong', async (_name, damage) => {
    await saveIndexCache(file, 'fp-0', built());
    const loaded = await load('fp-0');
    const index = loaded.index;
    let state = loaded.state;
    index.upsert(MORE[0]!);
    state = (await appendIndexDelta(file, 'fp-1', index, state))!;
    const lastStart = state.deltaBytes;
    index.upsert(MORE[1]!);
    state = (await appendIndexDelta(file, 'fp-2', index, state))!;
    writeFileSync(deltaFileOf(file), damage(readFileSync(deltaFileOf(file)), lastStart));
    // the notebook is at fp-2: the cache is stale (rebuilt by the caller), not an index without MORE[1]
    expect((await readIndexCache(file, 'fp-2')).reason).toBe('fingerprint');
    // what the first record held still loads as it was
    const back = await load('fp-1');
    same(back.index, built([...DOCS, MORE[0]!]));
    // and is not appended to past the damage: the next write is whole
    expect(back.state.deltaBytes).toBe(-1);
    back.index.upsert(MORE[1]!);
    expect(await appendIndexDelta(file, 'fp-2', back.index, back.state)).toBeNull();
  });

  it('a delta of another base (the base rewritten by another process) is not applied', async () => {
    await saveIndexCache(file, 'fp-0', built());
    const { index, state } = await load('fp-0');
    index.upsert(MORE[0]!);
    await appendIndexDelta(file, 'fp-1', index, state);
    const delta = readFileSync(deltaFileOf(file));
    // another base, written under the fingerprint the delta would have led to
    await saveIndexCache(file, 'fp-1', built(DOCS.slice(0, 3)));
    writeFileSync(deltaFileOf(file), delta); // a delta left from before (as a crash between the two writes would leave it)
    const r = await load('fp-1');
    expect(r.state.records).toBe(0);
    same(r.index, built(DOCS.slice(0, 3)));
    // and a writer holding the old base's state does not append to the new base
    index.upsert(MORE[1]!);
    expect(await appendIndexDelta(file, 'fp-2', index, state)).toBeNull();
  });

  it('a delta file that is not one (garbage, empty, another version) is ignored', async () => {
    await saveIndexCache(file, 'fp-0', built());
    for (const junk of [Buffer.from('not a delta at all, just some text'), Buffer.alloc(0)]) {
      writeFileSync(deltaFileOf(file), junk);
      const r = await load('fp-0');
      same(r.index, built());
      expect(r.state.records).toBe(0);
    }
    const { index, state } = await load('fp-0');
    truncateSync(deltaFileOf(file), 0);
    index.upsert(MORE[0]!);
    const next = await appendIndexDelta(file, 'fp-1', index, state);
    expect(next).not.toBeNull();
    const buf = readFileSync(deltaFileOf(file));
    buf.writeUInt32LE(99, 4); // the delta's version
    writeFileSync(deltaFileOf(file), buf);
    expect((await readIndexCache(file, 'fp-1')).reason).toBe('fingerprint');
  });
});
