/** Short, stable, URL-safe ids: a kind prefix and 10 random base-36 characters (`r_…`, `n_…`, `e_…`). */
import { randomBytes } from 'node:crypto';

export type IdPrefix = 'r' | 'n' | 'e' | 'nb';
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newId(prefix: IdPrefix, taken?: (id: string) => boolean): string {
  for (;;) {
    const bytes = randomBytes(10);
    let s = '';
    for (const b of bytes) s += ALPHABET[b % 36];
    const id = `${prefix}_${s}`;
    if (!taken?.(id)) return id;
  }
}

export type RecordKind = 'report' | 'note' | 'entity';

/** Which kind of record an id names, from its prefix; null for anything else. */
export function kindOfId(id: string): RecordKind | null {
  if (/^r_[0-9a-z]+$/.test(id)) return 'report';
  if (/^n_[0-9a-z]+$/.test(id)) return 'note';
  if (/^e_[0-9a-z]+$/.test(id)) return 'entity';
  return null;
}
