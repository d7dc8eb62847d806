/** `tags.*`: tag and untag any record, and list every tag with its count (tags.ts decides what "the same tag" is). */
import type { DossierHandlers } from '../../api/contract';
import type { TagCount, TaggedRecord } from '../../api/types';
import { tagChanges, withChanged } from '../changed';
import { updateEntity, type EntityStores } from '../entities/ops';
import { DossierError } from '../errors';
import { kindOfId } from '../ids';
import { noteTags } from '../notes/notes';
import { updateNote } from '../notes/ops';
import { addTags, removeTags, sameTag, tagKey } from '../tags';
import { parseInlineTags } from '../notes/markup';

export type TagService = Pick<DossierHandlers, 'tags.list' | 'tags.add' | 'tags.remove'>;

export function tagService(s: EntityStores): TagService {
  async function tagRecord(id: string, tags: string[], add: boolean): Promise<TaggedRecord> {
    const kind = kindOfId(id);
    if (kind === 'report') {
      const r = add ? await s.reports.tag(id, tags) : await s.reports.untag(id, tags);
      return withChanged({ id: r.id, kind, tags: r.tags }, add ? tagChanges(tags) : []);
    }
    if (kind === 'note') {
      const n = s.notes.get(id);
      if (!add) {
        // An inline #tag is part of the text: untagging cannot remove it, so say so rather than do nothing.
        const inline = parseInlineTags(n.body).filter((t) => tags.some((x) => sameTag(t, x)));
        if (inline.length) throw new DossierError('INVALID_INPUT', `${inline.map((t) => `#${t}`).join(', ')} ${inline.length === 1 ? 'is' : 'are'} written in the note's text: delete ${inline.length === 1 ? 'it' : 'them'} there to remove the tag`);
      }
      const next = add ? addTags(n.tags, tags) : removeTags(n.tags, tags);
      return withChanged({ id, kind, tags: (await updateNote(s, id, { tags: next })).tags }, add ? tagChanges(tags) : []);
    }
    if (kind === 'entity') {
      const e = s.entities.get(id);
      const next = add ? addTags(e.tags, tags) : removeTags(e.tags, tags);
      return withChanged({ id, kind, tags: (await updateEntity(s, id, { tags: next })).entity.tags }, add ? tagChanges(tags) : []);
    }
    throw new DossierError('NOT_FOUND', `no report, note or entity with id ${id}`);
  }

  function listTags(): TagCount[] {
    const counts = new Map<string, TagCount>();
    // A note's tags include the #tags written inline in its body.
    const all = [...s.reports.all(), ...s.notes.all().map((n) => ({ tags: noteTags(n) })), ...s.entities.all()];
    for (const r of all) {
      for (const t of r.tags) {
        const key = tagKey(t);
        const c = counts.get(key) ?? { tag: t, count: 0 };
        c.count++;
        counts.set(key, c);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  }

  return {
    'tags.list': async () => listTags(),
    'tags.add': async ({ id, tags }) => tagRecord(id, tags, true),
    'tags.remove': async ({ id, tags }) => tagRecord(id, tags, false),
  };
}
