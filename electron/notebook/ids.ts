/** New ids: a kind prefix and 10 random base-36 characters (`r_…`, `n_…`, `e_…`); what an id looks like is api/ids.ts's rule. */
import { randomBytes } from 'node:crypto';
import type { ID_PREFIX, RecordKind } from '../api/ids';

/** A record kind's prefix (api/ids.ts ID_PREFIX), or `nb` for the notebook's own id. */
export type IdPrefix = (typeof ID_PREFIX)[RecordKind] | 'nb';
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

export { kindOfId, type RecordKind } from '../api/ids';
