/** `notes.*`: markdown notes (create, edit, trash and restore, quote a report) and the links of any record. */
import type { DossierHandlers } from '../../api/contract';
import { createNote, linksOf, noteDetail, noteSummary, quoteReport, updateNote, type NoteStores } from '../notes/ops';

export type NoteService = Pick<
  DossierHandlers,
  'notes.create' | 'notes.update' | 'notes.delete' | 'notes.restore' | 'notes.list' | 'notes.get' | 'notes.quote'
>;
export type LinkService = Pick<DossierHandlers, 'notes.links'>;

export function noteService(s: NoteStores): NoteService {
  return {
    'notes.create': async (input) => createNote(s, input),
    'notes.update': async ({ id, ...patch }) => updateNote(s, id, patch),
    'notes.delete': async ({ id }) => {
      await s.notes.delete(id);
      return { id, deleted: true as const };
    },
    'notes.restore': async ({ id }) => noteDetail(s, (await s.notes.restore(id)).id),
    'notes.list': async () => s.notes.list().map(noteSummary),
    'notes.get': async ({ id }) => noteDetail(s, id),
    'notes.quote': async (input) => quoteReport(s, input),
  };
}

export function linkService(s: NoteStores): LinkService {
  return { 'notes.links': async ({ id }) => linksOf(s, id) };
}
