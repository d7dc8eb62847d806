/**
 * Ids of strings (the vocabulary's terms, the transliteration keys) by an open-addressing hash
 * table in one Uint32Array, which the search cache stores as it is: a loaded index looks words up
 * at once instead of first building a Map of a quarter of a million strings. Strings added after
 * the table was built go to a small Map until the next `rebuild`.
 */

/** FNV-1a over the UTF-16 code units of s. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Slots per string, at least (a power of two at or above it): the table is at most 2/3 full. */
const LOAD = 1.5;

/** A stored table: slots hold id + 1 (0 is empty); it covers the strings [0, count). */
export interface StringIdsImage {
  count: number;
  slots: Uint32Array;
}

export class StringIds {
  private slots: Uint32Array = new Uint32Array(0);
  private mask = 0;
  private count = 0;
  private extra = new Map<string, number>();

  /** @param strings - the strings by id (read at each lookup; the owner may replace the array). */
  constructor(private readonly strings: () => readonly string[]) {}

  get(s: string): number | undefined {
    if (this.count > 0) {
      const strings = this.strings();
      for (let i = hashOf(s) & this.mask; ; i = (i + 1) & this.mask) {
        const v = this.slots[i] ?? 0;
        if (v === 0) break;
        if (strings[v - 1] === s) return v - 1;
      }
    }
    return this.extra.get(s);
  }

  /** Records the id of a string added after the table was built. */
  set(s: string, id: number): void {
    this.extra.set(s, id);
  }

  /** Builds the table over the strings [0, count) (they must be distinct) and forgets the others. */
  rebuild(count: number): void {
    const strings = this.strings();
    let size = 16;
    while (size < count * LOAD) size *= 2;
    const slots = new Uint32Array(count === 0 ? 0 : size);
    const mask = size - 1;
    for (let id = 0; id < count; id++) {
      let i = hashOf(strings[id] ?? '') & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
    this.count = count;
    this.extra = new Map();
  }

  /** The table for the search cache, with the strings added since it was built. */
  toImage(): StringIdsImage {
    return { count: this.count, slots: this.slots };
  }

  /**
   * Takes a stored table over the strings [0, img.count) and records the strings [img.count,
   * total) as added since.
   * @throws Error on a table that does not fit (a damaged cache).
   */
  load(img: StringIdsImage, total: number): void {
    const size = img.slots.length;
    const ok = img.count === 0 ? size === 0 : size >= img.count * LOAD && (size & (size - 1)) === 0 && img.count <= total;
    if (!ok) throw new Error('search index: bad word table');
    for (let i = 0; i < size; i++) if ((img.slots[i] ?? 0) > img.count) throw new Error('search index: bad word table');
    this.slots = img.slots;
    this.mask = size - 1;
    this.count = img.count;
    this.extra = new Map();
    const strings = this.strings();
    // A table hashed another way (a change that forgot the format version) would find nothing.
    for (let k = 0; k < 64 && img.count > 0; k++) {
      const id = Math.floor((k * img.count) / 64);
      if (this.get(strings[id] ?? '') !== id) throw new Error('search index: word table of another version');
    }
    for (let id = img.count; id < total; id++) this.extra.set(strings[id] ?? '', id);
  }
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * Ids grouped by an owner id (the terms of each key, the keys of each skeleton) without an array
 * per owner: the groups as built in one flat table (`ids[start[o] .. start[o + 1])`), and members
 * added since per owner.
 */
export class Groups {
  private start: Uint32Array = new Uint32Array(1);
  private ids: Uint32Array = new Uint32Array(0);
  private added = new Map<number, number[]>();

  /** Groups the members [0, owners.length) by their owner (< nOwners), ascending within each group. */
  static of(owners: ArrayLike<number>, nOwners: number): Groups {
    const g = new Groups();
    const start = new Uint32Array(nOwners + 1);
    for (let i = 0; i < owners.length; i++) {
      const o = owners[i] ?? 0;
      if (o >= nOwners) throw new Error('search index: bad group table');
      start[o + 1]!++;
    }
    for (let o = 0; o < nOwners; o++) start[o + 1]! += start[o]!;
    const fill = start.slice(0, nOwners);
    const ids = new Uint32Array(owners.length);
    for (let i = 0; i < owners.length; i++) ids[fill[owners[i] ?? 0]!++] = i;
    g.start = start;
    g.ids = ids;
    return g;
  }

  add(owner: number, member: number): void {
    const list = this.added.get(owner);
    if (list) list.push(member);
    else this.added.set(owner, [member]);
  }

  /** The members of a group, in the order they were grouped and added. */
  get(owner: number): readonly number[] {
    const added = this.added.get(owner);
    const inTable = owner + 1 < this.start.length;
    const s = inTable ? (this.start[owner] ?? 0) : 0;
    const e = inTable ? (this.start[owner + 1] ?? 0) : 0;
    if (s === e) return added ?? NONE;
    const out: number[] = [];
    for (let i = s; i < e; i++) out.push(this.ids[i] ?? 0);
    if (added) out.push(...added);
    return out;
  }

  /** The number of members of a group. */
  size(owner: number): number {
    const inTable = owner + 1 < this.start.length;
    return (inTable ? (this.start[owner + 1] ?? 0) - (this.start[owner] ?? 0) : 0) + (this.added.get(owner)?.length ?? 0);
  }
}

/** A typed array as a plain array (about three times faster than Array.from). */
export function numbers(a: Uint32Array): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ?? 0;
  return out;
}
