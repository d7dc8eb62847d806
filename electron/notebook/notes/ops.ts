/**
 * Note operations as the contract exposes them: create, update (a rename rewrites `[[Old title]]`
 * links in other notes), delete to the trash, restore, quote a report passage, and the views
 * (summary, detail with links and citations).
 */
import type { LinksResult, NoteDetail, NoteSummary, QuoteResult } from '../../api/types';
import { tagChanges, titleChanges, withChanged } from '../changed';
import { DossierError } from '../errors';
import { kindOfId } from '../ids';
import type { Stores } from '../stores';
import type { Note } from '../schema/v1-notes';
import { formatQuote, parseCitations, parseInlineTags } from './markup';
import { noteTags, type NotePatch } from './notes';

/** The stores this module works on. */
export type NoteStores = Pick<Stores, 'notes' | 'reports' | 'links'>;

export function noteSummary(n: Note): NoteSummary {
  return { id: n.id, title: n.title, tags: noteTags(n), createdAt: n.createdAt, updatedAt: n.updatedAt, chars: n.body.length };
}

export function linksOf(nb: NoteStores, id: string): LinksResult {
  const kind = kindOfId(id);
  if (!kind) throw new DossierError('INVALID_INPUT', `"${id}" is not a Dossier id`);
  if (!nb.links.refOf(id)) throw new DossierError('NOT_FOUND', `no ${kind} with id ${id}`);
  return nb.links.links(id);
}

export function noteDetail(nb: NoteStores, id: string): NoteDetail {
  const n = nb.notes.get(id);
  return {
    ...noteSummary(n),
    body: n.body,
    inlineTags: parseInlineTags(n.body),
    links: nb.links.links(id),
    citations: parseCitations(n.body).map(({ reportId, start, end }) => ({ reportId, start, end, reportTitle: nb.links.refOf(reportId)?.title ?? null })),
  };
}

export async function createNote(nb: NoteStores, input: { title: string; body?: string; tags?: string[] }): Promise<NoteDetail> {
  const n = await nb.notes.create(input);
  return withChanged(noteDetail(nb, n.id), [...titleChanges(input.title, n.title), ...tagChanges(input.tags)]);
}

export async function updateNote(nb: NoteStores, id: string, patch: NotePatch): Promise<NoteDetail> {
  const before = nb.notes.get(id);
  const { note } = nb.notes.applyPatch(id, patch);
  const rewritten = await nb.links.applyPendingRewrites();
  if (note !== before || rewritten > 0) await nb.notes.save();
  return withChanged(noteDetail(nb, id), [...titleChanges(patch.title, note.title), ...tagChanges(patch.tags)]);
}

/** The quote block (passage + citation line) for a span of a report, as notes hold it. */
export async function citeReport(nb: NoteStores, input: { reportId: string; start: number; end: number }): Promise<{ markdown: string; text: string }> {
  const report = nb.reports.get(input.reportId);
  const body = await nb.reports.body(report.id);
  const { start, end } = input;
  if (!(start < end)) throw new DossierError('INVALID_INPUT', `a quote needs start < end (got ${start}-${end})`);
  if (end > body.length) throw new DossierError('INVALID_INPUT', `the quote ends at ${end} but the report's text has ${body.length} characters`);
  const passage = body.slice(start, end);
  if (!passage.trim()) throw new DossierError('INVALID_INPUT', 'the quoted passage is empty');
  return { markdown: formatQuote(passage, report.id, report.title, start, end), text: passage };
}

export async function quoteReport(nb: NoteStores, input: { noteId?: string; reportId: string; start: number; end: number }): Promise<QuoteResult> {
  const report = nb.reports.get(input.reportId);
  const { start, end } = input;
  const { markdown: block, text: passage } = await citeReport(nb, input);
  let noteId: string;
  if (input.noteId) {
    const note = nb.notes.get(input.noteId);
    const sep = note.body === '' ? '' : note.body.endsWith('\n\n') ? '' : note.body.endsWith('\n') ? '\n' : '\n\n';
    await updateNote(nb, note.id, { body: `${note.body}${sep}${block}\n` });
    noteId = note.id;
  } else {
    noteId = (await nb.notes.create({ title: `Quote from ${report.title}`.slice(0, 500), body: `${block}\n` })).id;
  }
  return { note: noteDetail(nb, noteId), citation: { reportId: report.id, start, end, reportTitle: report.title }, text: passage };
}
