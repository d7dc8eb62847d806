import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flushAllWrites, writeFileAtomic } from '../../../electron/notebook/storage/atomic';
import { tmpDir } from '../../helpers/tmp';

describe('atomic durable writes', () => {
  it('replaces the whole file and leaves no temp files behind', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'catalog.json');
    writeFileSync(file, '{"old":true}');
    await writeFileAtomic(file, '{"new":true}');
    expect(readFileSync(file, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });

  it('serializes concurrent writes to one file so the last call wins', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'notes.json');
    const writes = Array.from({ length: 25 }, (_, i) => writeFileAtomic(file, JSON.stringify({ n: i, pad: 'x'.repeat(i * 1000) })));
    await Promise.all(writes);
    expect(JSON.parse(readFileSync(file, 'utf8')).n).toBe(24);
    expect(readdirSync(dir)).toEqual(['notes.json']);
  });

  it('keeps the previous content when a write fails and cleans up its temp file', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'entities.json');
    mkdirSync(target); // renaming a file over a non-empty folder fails
    writeFileSync(path.join(target, 'keep.txt'), 'precious');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['entities.json']);
  });

  it('flushAllWrites waits for queued writes', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.json');
    void writeFileAtomic(file, 'x'.repeat(1_000_000));
    await flushAllWrites();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').length).toBe(1_000_000);
  });
});
