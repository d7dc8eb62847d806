// The texts an import just stored, handed to the search index from memory (Blobs.takeRecentText)
// instead of being read back from the packs: what is handed over must be exactly what a read from
// disk gives, each text once, within a bounded memory.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Blobs } from '../../../electron/notebook/storage/blobs';
import { tmpDir } from '../../helpers/tmp';

const sha = (b: string | Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function stored(blobs: Blobs, text: string): Promise<string> {
  const ref = blobs.bodyRef(sha(Buffer.from(text, 'utf8')));
  await blobs.put(ref, text);
  return ref;
}

describe('texts stored lately, read back from memory', () => {
  it('gives a stored text once, the same as a read from disk, then only the disk has it', async () => {
    const blobs = new Blobs(tmpDir(), true);
    const text = 'Convoy seen near Khmeimim (Хмеймим) at dawn; 3 trucks.';
    const ref = await stored(blobs, text);
    await blobs.sync();
    expect(blobs.takeRecentText(ref)).toBe(text);
    expect(blobs.takeRecentText(ref)).toBeUndefined();
    expect(await blobs.readText(ref)).toBe(text);
    blobs.close();
  });

  it('keeps no text that would read back otherwise (a lone surrogate is stored as U+FFFD)', async () => {
    const blobs = new Blobs(tmpDir(), true);
    const text = 'broken pair \ud83d here';
    const ref = await stored(blobs, text);
    await blobs.sync();
    expect(blobs.takeRecentText(ref)).toBeUndefined();
    expect(await blobs.readText(ref)).toBe('broken pair \ufffd here');
    blobs.close();
  });

  it('keeps at most 32M characters: the oldest texts leave memory first and are read from disk', async () => {
    const blobs = new Blobs(tmpDir(), true);
    const refs: string[] = [];
    const texts: string[] = [];
    // 70 texts of 500,000 characters: 35M in all, more than the memory keeps.
    for (let i = 0; i < 70; i++) {
      const t = `text ${i} `.padEnd(500_000, String.fromCharCode(97 + (i % 26)));
      texts.push(t);
      refs.push(await stored(blobs, t));
    }
    await blobs.sync();
    const fromMemory = refs.map((r) => blobs.takeRecentText(r) !== undefined);
    const kept = fromMemory.filter(Boolean).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(70);
    expect(kept * 500_000).toBeLessThanOrEqual(32 * 1024 * 1024);
    // The newest are the ones kept.
    expect(fromMemory.indexOf(true)).toBe(70 - kept);
    expect(await blobs.readText(refs[0] ?? '')).toBe(texts[0]);
    blobs.close();
  });

  it('forgets everything at a gc', async () => {
    const blobs = new Blobs(tmpDir(), true);
    const a = await stored(blobs, 'kept report text');
    const b = await stored(blobs, 'deleted report text');
    await blobs.sync();
    await blobs.gc([a]);
    expect(blobs.takeRecentText(a)).toBeUndefined();
    expect(blobs.takeRecentText(b)).toBeUndefined();
    expect(await blobs.readText(a)).toBe('kept report text');
    blobs.close();
  });
});
