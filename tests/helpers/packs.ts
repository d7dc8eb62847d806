/** Damages one stored blob inside its pack file (flips a byte of its data), as bit rot would. */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { refHash } from '../../electron/notebook/storage/blobs';
import { PackStore } from '../../electron/notebook/storage/packs';

export function damagePacked(notebookDir: string, ref: string): void {
  const hash = refHash(ref);
  if (!hash) throw new Error(`not a blob ref: ${ref}`);
  const store = new PackStore(notebookDir, false);
  const at = store.locate(hash);
  store.close();
  if (!at) throw new Error(`${ref} is not in a pack`);
  const fd = openSync(at.file, 'r+');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, at.dataOffset);
    b[0] = (b[0] ?? 0) ^ 0x55;
    writeSync(fd, b, 0, 1, at.dataOffset);
  } finally {
    closeSync(fd);
  }
}
