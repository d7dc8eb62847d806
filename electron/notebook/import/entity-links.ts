/**
 * Entities an import source names itself (a Telegram channel is an organization): found by name or
 * alias, created when new, and tagged on each report at the span where the report's text names it.
 * All mentions are written in one save at the end of an import, not one save per post.
 */
import type { Mention } from '../schema/v1-notes';
import type { Stores } from '../stores';
import type { ExtractedEntity } from './extracted';

export interface SourceEntityLink {
  reportId: string;
  entities: ExtractedEntity[];
  /** The report was re-imported: its earlier source mentions are replaced. */
  replace: boolean;
}

export async function linkSourceEntities(nb: Pick<Stores, 'entities'>, links: SourceEntityLink[]): Promise<void> {
  const idByName = new Map<string, string>();
  const entityFor = async (e: ExtractedEntity): Promise<string> => {
    const known = idByName.get(e.name) ?? nb.entities.othersNamed(e.name)[0]?.id;
    const id = known ?? (await nb.entities.create({ name: e.name, type: e.type })).id;
    idByName.set(e.name, id);
    return id;
  };
  const replaced = new Set(links.filter((l) => l.replace).map((l) => l.reportId));
  const added: Mention[] = [];
  for (const link of links) {
    for (const e of link.entities) {
      added.push({ entityId: await entityFor(e), reportId: link.reportId, start: e.start, end: e.end, text: e.name, origin: 'manual' });
    }
  }
  // A re-imported post's earlier mention of its own channel points into the old text: drop it.
  const stale = new Set(added.filter((a) => replaced.has(a.reportId)).map((a) => `${a.reportId}:${a.entityId}`));
  const kept = stale.size === 0 ? nb.entities.allMentions() : nb.entities.allMentions().filter((m) => !stale.has(`${m.reportId}:${m.entityId}`));
  nb.entities.setMentions([...kept, ...added]);
  await nb.entities.saveMentions();
}
