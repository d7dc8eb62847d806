/**
 * The browser import's upload loop: one request per file, answers kept in the order given, and a
 * file whose answer is huge (a Telegram export of 200,000 posts) is merged like any other.
 */
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../electron/api';
import { uploadEach, type UploadSource } from '../../../renderer/src/features/import/upload';

const file = (name: string): UploadSource => ({ name, size: 4, webkitRelativePath: '', arrayBuffer: async () => new TextEncoder().encode(name).buffer as ArrayBuffer });

describe('uploadEach', () => {
  it('merges a 200,000-post answer and the next files, in order, with updated entries only when there are some', async () => {
    const posts = 200_000;
    const send = async ({ name }: { name: string }): Promise<ImportResult> =>
      name === 'result.json'
        ? { imported: Array.from({ length: posts }, (_, i) => ({ path: `result.json #${i}`, id: `r_${i}`, title: `Post ${i}` })), duplicates: [], failed: [] }
        : name === 'edited.json'
          ? { imported: [], duplicates: [{ path: 'edited.json #1', id: 'r_1' }], updated: [{ path: 'edited.json #2', id: 'r_2', title: 'Post 2' }], failed: [] }
          : { imported: [{ path: name, id: 'r_last', title: 'Last' }], duplicates: [], failed: [] };
    const one = await uploadEach([file('result.json'), file('last.txt')], send);
    expect(one.imported).toHaveLength(posts + 1);
    expect(one.imported[0]?.path).toBe('result.json #0');
    expect(one.imported.at(-1)?.path).toBe('last.txt');
    expect(one).not.toHaveProperty('updated');
    const two = await uploadEach([file('edited.json'), file('last.txt')], send);
    expect(two.updated).toEqual([{ path: 'edited.json #2', id: 'r_2', title: 'Post 2' }]);
    expect(two.duplicates).toEqual([{ path: 'edited.json #1', id: 'r_1' }]);
  });
});
