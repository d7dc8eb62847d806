/**
 * Compact posting storage: growable byte buffers of unsigned LEB128 varints. A posting is
 * [docGap, hdr=(bodyTf<<1)|hasOther, (titleTf, aliasTf, tagTf if hasOther), posBytes, positions
 * as delta varints]; positions can be skipped without decoding them.
 */

export class ByteBuf {
  buf: Uint8Array;
  len = 0;
  constructor(capacity = 16) {
    this.buf = new Uint8Array(capacity);
  }
  private grow(need: number): void {
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  push(v: number): void {
    if (this.len + 5 > this.buf.length) this.grow(this.len + 5);
    const b = this.buf;
    let n = v;
    while (n >= 0x80) {
      b[this.len++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    b[this.len++] = n;
  }
  append(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.len + n > this.buf.length) this.grow(this.len + n);
    this.buf.set(src.subarray(start, end), this.len);
    this.len += n;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Byte length of a varint-encoded value. */
export function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v >>>= 7;
    n++;
  }
  return n;
}

/** A cursor over one posting segment. Fields hold the current posting after next(). */
export class PostingCursor {
  buf: Uint8Array = new Uint8Array(0);
  p = 0;
  end = 0;
  doc = -1;
  /** Term frequency per field of the current posting, in field order (title, aliases, tags, body). */
  readonly tf = new Uint32Array(4);
  posStart = 0;
  posEnd = 0;

  reset(buf: Uint8Array, start: number, end: number): this {
    this.buf = buf;
    this.p = start;
    this.end = end;
    this.doc = 0;
    return this;
  }

  private read(): number {
    const b = this.buf;
    let x = b[this.p++] ?? 0;
    if (x < 0x80) return x;
    let v = x & 0x7f;
    let shift = 7;
    do {
      x = b[this.p++] ?? 0;
      v += (x & 0x7f) * 2 ** shift;
      shift += 7;
    } while (x >= 0x80);
    return v;
  }

  /** Advances to the next posting; false at the end of the segment. */
  next(): boolean {
    if (this.p >= this.end) return false;
    this.doc += this.read();
    const hdr = this.read();
    const tf = this.tf;
    tf[3] = hdr >>> 1;
    if (hdr & 1) {
      tf[0] = this.read();
      tf[1] = this.read();
      tf[2] = this.read();
    } else {
      tf[0] = 0;
      tf[1] = 0;
      tf[2] = 0;
    }
    const len = this.read();
    this.posStart = this.p;
    this.p += len;
    this.posEnd = this.p;
    return true;
  }

  /** Decodes the positions of the current posting into out (appends). */
  positions(out: number[]): number[] {
    const save = this.p;
    this.p = this.posStart;
    let pos = 0;
    while (this.p < this.posEnd) {
      pos += this.read();
      out.push(pos);
    }
    this.p = save;
    return out;
  }
}

/** Number of indexed fields, in posting order: title, aliases, tags, body. */
export const FIELD_COUNT = 4;
export const FIELD_TITLE = 0;
export const FIELD_ALIASES = 1;
export const FIELD_TAGS = 2;
export const FIELD_BODY = 3;

/** Writes a posting's document gap and per-field term frequencies (the part before positions). */
export function writePostingHead(out: ByteBuf, docGap: number, tf: ArrayLike<number>): void {
  const t0 = tf[0] ?? 0;
  const t1 = tf[1] ?? 0;
  const t2 = tf[2] ?? 0;
  const other = t0 > 0 || t1 > 0 || t2 > 0;
  out.push(docGap);
  out.push((tf[3] ?? 0) * 2 + (other ? 1 : 0));
  if (other) {
    out.push(t0);
    out.push(t1);
    out.push(t2);
  }
}

/** Writes one posting into a buffer. */
export function writePosting(out: ByteBuf, docGap: number, tf: ArrayLike<number>, positions: readonly number[]): void {
  writePostingHead(out, docGap, tf);
  let size = 0;
  let prev = 0;
  for (const p of positions) {
    size += varintSize(p - prev);
    prev = p;
  }
  out.push(size);
  prev = 0;
  for (const p of positions) {
    out.push(p - prev);
    prev = p;
  }
}
