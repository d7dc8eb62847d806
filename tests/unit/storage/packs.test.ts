import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Blobs, PACKED_MAX_BYTES } from '../../../electron/notebook/storage/blobs';
import { PACK_DIR, PackStore } from '../../../electron/notebook/storage/packs';
import { tmpDir } from '../../helpers/tmp';

const sha = (b: string | Uint8Array): string => createHash('sha256').update(b).digest('hex');
const text = (i: number): string => `Report ${i}: convoy passed Khmeimim on day ${i}. ${'Routine traffic on the coast road. '.repeat(20 + (i % 30))}`;

async function filled(n: number): Promise<{ dir: string; blobs: Blobs; refs: string[] }> {
  const dir = tmpDir();
  const blobs = new Blobs(dir, true);
  const refs: string[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const ref = blobs.bodyRef(sha(text(i)));
      refs[i] = ref;
      await blobs.put(ref, text(i));
    }),
  );
  await blobs.sync();
  return { dir, blobs, refs };
}

const packFile = (dir: string): string => path.join(dir, PACK_DIR, 'pack-000001.dpk');

describe('packed texts', () => {
  it('stores many texts in one pack, reads each back after a reopen, and stores a repeat once', async () => {
    const { dir, blobs, refs } = await filled(200);
    await blobs.put(refs[5] ?? '', text(5));
    await blobs.sync();
    blobs.close();
    expect(readdirSync(path.join(dir, PACK_DIR)).sort()).toEqual(['pack-000001.dpk', 'pack-000001.idx']);
    const again = new Blobs(dir, false);
    for (const [i, ref] of refs.entries()) expect(await again.readText(ref)).toBe(text(i));
    expect(again.packs.stats().records).toBe(200);
    // ~1 KB texts cost their size plus a small header, not a file-system block each.
    const total = refs.reduce((s, _, i) => s + Buffer.byteLength(text(i)), 0);
    expect(statSync(packFile(dir)).size).toBeLessThan(total * 1.06);
  });

  it('finds each of thousands of texts spread over many packs after a reopen, and no text it never stored', async () => {
    const prev = process.env.DOSSIER_PACK_MAX_BYTES;
    process.env.DOSSIER_PACK_MAX_BYTES = String(256 * 1024);
    try {
      const { dir, blobs, refs } = await filled(3000);
      blobs.close();
      expect(readdirSync(path.join(dir, PACK_DIR)).filter((f) => f.endsWith('.dpk')).length).toBeGreaterThan(5);
      const again = new Blobs(dir, false);
      expect(again.packs.stats().records).toBe(3000);
      for (const [i, ref] of refs.entries()) if (i % 7 === 0 || i > 2990) expect(await again.readText(ref)).toBe(text(i));
      expect(again.packs.has(sha('never stored'))).toBe(false);
      expect(again.packs.read(sha('never stored'))).toBeNull();
    } finally {
      if (prev === undefined) delete process.env.DOSSIER_PACK_MAX_BYTES;
      else process.env.DOSSIER_PACK_MAX_BYTES = prev;
    }
  });

  it('a read-only store reads its first texts from the index files, and every later one from the whole index, the same', async () => {
    const prev = process.env.DOSSIER_PACK_MAX_BYTES;
    process.env.DOSSIER_PACK_MAX_BYTES = String(256 * 1024);
    try {
      const { dir, blobs, refs } = await filled(1500);
      const reader = new Blobs(dir, false);
      expect(reader.packs.read(sha('never stored'))).toBeNull();
      // 100 reads: the first ones answered from the index files' bytes, the rest once the index is loaded.
      for (let k = 0; k < 100; k++) {
        const i = (k * 397) % refs.length;
        expect(await reader.readText(refs[i] ?? '')).toBe(text(i));
      }
      // A text the writer stores after the reader's first reads is still found.
      const fresh = new Blobs(dir, false);
      expect(await fresh.readText(refs[7] ?? '')).toBe(text(7));
      const ref = blobs.bodyRef(sha('written later'));
      await blobs.put(ref, 'written later');
      await blobs.sync();
      expect(await fresh.readText(ref)).toBe('written later');
      // A damaged record still reads as damaged on a reader's first read.
      const at = blobs.packs.locate(sha(text(3)));
      if (!at) throw new Error('not packed');
      const bytes = readFileSync(at.file);
      bytes[at.dataOffset + 3] = (bytes[at.dataOffset + 3] ?? 0) ^ 0xff;
      writeFileSync(at.file, bytes);
      await expect(new Blobs(dir, false).readText(refs[3] ?? '')).rejects.toMatchObject({ code: 'CORRUPT' });
      blobs.close();
    } finally {
      if (prev === undefined) delete process.env.DOSSIER_PACK_MAX_BYTES;
      else process.env.DOSSIER_PACK_MAX_BYTES = prev;
    }
  });

  it('keeps originals deflated and large blobs as loose files', async () => {
    const dir = tmpDir();
    const blobs = new Blobs(dir, true);
    const original = Buffer.from(`<html><body>${'<p>Hama and Khama.</p>'.repeat(200)}</body></html>`);
    const ref = blobs.originalRef(sha(original), '.html');
    await blobs.put(ref, original);
    const big = Buffer.alloc(PACKED_MAX_BYTES + 10, 'x');
    const bigRef = blobs.originalRef(sha(big), '.pdf');
    await blobs.put(bigRef, big);
    await blobs.sync();
    expect((await blobs.readBytes(ref)).equals(original)).toBe(true);
    expect(statSync(packFile(dir)).size).toBeLessThan(original.length / 5);
    expect(readFileSync(blobs.abs(bigRef)).length).toBe(big.length);
    expect(blobs.verify(bigRef)).toBe('ok');
  });

  it('a torn tail (half a record) is ignored on open and cut off by the writer', async () => {
    const { dir, blobs, refs } = await filled(20);
    blobs.close();
    const good = readFileSync(packFile(dir));
    writeFileSync(packFile(dir), Buffer.concat([good, good.subarray(0, 60)]));
    const reader = new Blobs(dir, false);
    expect(await reader.readText(refs[19] ?? '')).toBe(text(19));
    expect(statSync(packFile(dir)).size).toBe(good.length + 60); // a reader changes nothing
    const writer = new Blobs(dir, true);
    expect(await writer.readText(refs[0] ?? '')).toBe(text(0));
    expect(readFileSync(packFile(dir)).equals(good)).toBe(true);
    // Appends continue after the last whole record.
    const ref = writer.bodyRef(sha('after the tear'));
    await writer.put(ref, 'after the tear');
    await writer.sync();
    writer.close();
    expect(await new Blobs(dir, false).readText(ref)).toBe('after the tear');
  });

  it('records written before their index entries (a crash between) are found again', async () => {
    const { dir, blobs, refs } = await filled(30);
    blobs.close();
    const idx = path.join(dir, PACK_DIR, 'pack-000001.idx');
    const full = readFileSync(idx);
    writeFileSync(idx, full.subarray(0, 48 * 10 + 20)); // ten whole entries and a torn one
    // A reader finds one the index does not list (its first read falls back to the scan of the tail).
    expect(await new Blobs(dir, false).readText(refs[25] ?? '')).toBe(text(25));
    const writer = new Blobs(dir, true);
    for (const [i, ref] of refs.entries()) expect(await writer.readText(ref)).toBe(text(i));
    expect(readFileSync(idx).length).toBe(full.length);
    writer.close();
  });

  it('a reader sees texts the writer appended after the reader opened', async () => {
    const { dir, blobs } = await filled(3);
    const reader = new Blobs(dir, false);
    expect(reader.packs.stats().records).toBe(3);
    const ref = blobs.bodyRef(sha('later'));
    await blobs.put(ref, 'later');
    await blobs.sync();
    expect(await reader.readText(ref)).toBe('later');
  });

  it('a damaged record reads as damaged, and a fresh copy replaces it', async () => {
    const { dir, blobs, refs } = await filled(5);
    const at = blobs.packs.locate(sha(text(2)));
    if (!at) throw new Error('not packed');
    const bytes = readFileSync(packFile(dir));
    bytes[at.dataOffset + 3] = (bytes[at.dataOffset + 3] ?? 0) ^ 0xff;
    writeFileSync(packFile(dir), bytes);
    const ref = refs[2] ?? '';
    expect(blobs.verify(ref)).toBe('damaged');
    await expect(blobs.readText(ref)).rejects.toMatchObject({ code: 'CORRUPT' });
    await blobs.replace(ref, text(2));
    expect(await blobs.readText(ref)).toBe(text(2));
    expect(blobs.verify(ref)).toBe('ok');
  });

  it('gc keeps only live texts, in fewer bytes, and every live one still reads', async () => {
    const { dir, blobs, refs } = await filled(100);
    const live = refs.filter((_, i) => i % 3 === 0);
    const before = statSync(packFile(dir)).size;
    const r = await blobs.gc(live);
    expect(r).toMatchObject({ packsCompacted: 1, recordsKept: live.length, recordsDropped: 100 - live.length });
    const names = readdirSync(path.join(dir, PACK_DIR));
    expect(names.sort()).toEqual(['pack-000002.dpk', 'pack-000002.idx']);
    expect(statSync(path.join(dir, PACK_DIR, 'pack-000002.dpk')).size).toBeLessThan(before * 0.4);
    for (const ref of live) expect(await blobs.readText(ref)).toBe(text(refs.indexOf(ref)));
    expect(await blobs.exists(refs[1] ?? '')).toBe(false);
    const fresh = new PackStore(dir, false);
    expect(fresh.stats().records).toBe(live.length);
    expect((await blobs.gc(live)).packsCompacted).toBe(0);
  });

  it('refuses a blob whose content does not match its address', async () => {
    const blobs = new Blobs(tmpDir(), true);
    await expect(blobs.put(blobs.bodyRef(sha('one')), 'two')).rejects.toThrow(/does not match its address/);
  });
});
