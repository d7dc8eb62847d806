/**
 * ZIP containers (.docx, .odt, .epub) read within limits: the central directory is parsed here and
 * every part is inflated with zlib's `maxOutputLength`, so a zip bomb stops at the limit however its
 * headers lie about sizes. `storedZip` re-packs the checked parts uncompressed for a library (mammoth)
 * that opens archives itself, so it reads exactly what was checked.
 */
import zlib from 'node:zlib';
import { DossierError } from '../errors';
import { limits, mb } from './limits';

export type ZipParts = Map<string, Uint8Array>;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function bad(what: string): DossierError {
  return new DossierError('UNSUPPORTED_TYPE', `${what}: the ZIP container is damaged or not a ZIP file`);
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

/**
 * Reads the parts of a ZIP archive that `want` selects (all by default). Throws UNSUPPORTED_TYPE
 * for a damaged archive or an unsupported compression, TOO_LARGE past the expansion limits.
 */
export function readZip(bytes: Uint8Array, what: string, want: (name: string) => boolean = () => true): ZipParts {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw bad(what);
  const eocd = findEocd(buf);
  if (eocd < 0) throw bad(what);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count > limits.zipEntries) throw new DossierError('TOO_LARGE', `${what} has ${count} parts; the limit is ${limits.zipEntries}`);
  const parts: ZipParts = new Map();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw bad(what);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/') || !want(name)) continue;
    if (flags & 1) throw new DossierError('UNSUPPORTED_TYPE', `${what} is encrypted (password-protected)`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw bad(what);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw bad(what);
    const raw = buf.subarray(start, start + compressed);
    const room = Math.min(limits.zipEntryBytes, limits.zipExpandedBytes - total);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, room) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw new DossierError('TOO_LARGE', `${what} expands past the limit of ${mb(room)} (${name}); it looks like a zip bomb`);
        }
        throw bad(what);
      }
    } else throw new DossierError('UNSUPPORTED_TYPE', `${what} uses an unsupported ZIP compression (method ${method})`);
    if (data.length > room) throw new DossierError('TOO_LARGE', `${what} expands past the limit of ${mb(limits.zipExpandedBytes)}; it looks like a zip bomb`);
    total += data.length;
    parts.set(name, new Uint8Array(data));
  }
  return parts;
}

export function zipText(parts: ZipParts, name: string): string | null {
  const data = parts.get(name);
  return data ? new TextDecoder('utf-8').decode(data) : null;
}

/** Packs parts into an uncompressed ZIP (for a library that opens the archive itself). */
export function storedZip(parts: ZipParts): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x800, 6);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, n, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
