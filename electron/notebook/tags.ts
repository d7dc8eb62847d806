/** Tag rules shared by reports, notes and entities: trimmed, single-spaced, 1-100 chars, case-insensitively unique. */
import { sameTag } from '../api/tags';
import { DossierError } from './errors';
import { LONE_SURROGATE_RE } from './text/line';

export { hasTag, sameTag, tagKey } from '../api/tags';

export function cleanTag(raw: string): string {
  const tag = raw.replace(LONE_SURROGATE_RE, '\ufffd').normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
  if (!tag) throw new DossierError('INVALID_INPUT', 'a tag cannot be empty');
  if (tag.length > 100) throw new DossierError('INVALID_INPUT', 'a tag can be at most 100 characters');
  if (tag.startsWith('-')) throw new DossierError('INVALID_INPUT', `a tag cannot start with "-": ${tag}`);
  return tag;
}

/** Adds tags to a list, keeping the first spelling of each; returns a new array. */
export function addTags(list: readonly string[], more: readonly string[]): string[] {
  const out = [...list];
  for (const raw of more) {
    const tag = cleanTag(raw);
    if (!out.some((t) => sameTag(t, tag))) out.push(tag);
  }
  return out;
}

export function removeTags(list: readonly string[], less: readonly string[]): string[] {
  const drop = less.map(cleanTag);
  return list.filter((t) => !drop.some((d) => sameTag(t, d)));
}
