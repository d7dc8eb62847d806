/** `entities.*`: people, places, organisations…, their aliases, mentions, suggestions, scans and merges. */
import type { DossierHandlers } from '../../api/contract';
import {
  acceptSuggestion,
  addAlias,
  cooccurrence,
  createEntity,
  deleteEntity,
  entityDetail,
  entityRecord,
  mentionsOf,
  mergeEntities,
  renameEntity,
  tagSelection,
  updateEntity,
  type EntityStores,
} from '../entities/ops';
import { scanEntities } from '../entities/scan';
import { rejectSpelling, spellingsOf, tagCandidates, type TaggingStores } from '../entities/tagging';

export type EntityService = Pick<
  DossierHandlers,
  | 'entities.create'
  | 'entities.update'
  | 'entities.delete'
  | 'entities.list'
  | 'entities.get'
  | 'entities.addAlias'
  | 'entities.tagSelection'
  | 'entities.scan'
  | 'entities.candidates'
  | 'entities.spellings'
  | 'entities.rejectSpelling'
  | 'entities.rename'
  | 'entities.suggest'
  | 'entities.accept'
  | 'entities.merge'
  | 'entities.mentions'
  | 'entities.cooccurrence'
>;

export function entityService(s: EntityStores & TaggingStores): EntityService {
  return {
    'entities.create': async (input) => createEntity(s, input),
    'entities.update': async ({ id, ...patch }) => updateEntity(s, id, patch),
    'entities.delete': async ({ id }) => deleteEntity(s, id),
    'entities.list': async () => s.entities.list().map((e) => entityRecord(s, e)),
    'entities.get': async ({ id }) => entityDetail(s, id),
    'entities.addAlias': async ({ id, alias }) => addAlias(s, id, alias),
    'entities.tagSelection': async (input) => tagSelection(s, input),
    'entities.scan': async ({ id, reportIds }) => scanEntities(s, id, reportIds),
    'entities.candidates': async (input) => tagCandidates(s, input),
    'entities.spellings': async ({ id }) => spellingsOf(s, id),
    'entities.rejectSpelling': async ({ id, text }) => rejectSpelling(s, id, text),
    'entities.rename': async ({ id, name, keepOldName }) => renameEntity(s, id, name, keepOldName),
    // compromise and chrono are large: loaded on the first suggestion, not at every start.
    'entities.suggest': async ({ reportId }) => (await import('../entities/suggest')).suggestEntities(s, reportId),
    'entities.accept': async (input) => {
      const r = await acceptSuggestion(s, input);
      return { entity: r.entity, created: r.created, mention: r.mention };
    },
    'entities.merge': async ({ keepId, dropId }) => mergeEntities(s, keepId, dropId),
    'entities.mentions': async ({ id, limit }) => mentionsOf(s, id, limit),
    'entities.cooccurrence': async ({ id }) => cooccurrence(s, id),
  };
}
