/**
 * The one rule for comparing tags, shared by the core (filters, lists, stats, check) and the
 * renderer: two tags are the same tag when their keys are equal. A key is the tag in Unicode NFC,
 * with runs of white space made one space, trimmed and lower-cased, so "Syria", "syria" and
 * " SYRIA " are one tag while "Résumé" and "resume" stay two. Stored tags keep the spelling they
 * were first given; only comparisons use the key. Pure and dependency-free: the renderer imports it.
 */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

/** Does a record with these tags carry `tag` (in any case)? */
export function hasTag(tags: readonly string[], tag: string): boolean {
  const key = tagKey(tag);
  return tags.some((t) => tagKey(t) === key);
}
