/**
 * Notes: an in-memory view of `notes.json` (live notes and a trash). Saving a note writes only
 * `notes.json`; report metadata is never rewritten. Deleting moves a note to the trash, from where
 * `restore` brings it back with its id, so links to it resolve again.
 */
import type { Low } from 'lowdb';
import { DossierError } from '../errors';
import { newId } from '../ids';
import { cleanTitle } from '../reports';
import type { Note, NotesFile, TrashedNote } from '../schema/v1-notes';
import { addTags } from '../tags';
import { parseInlineTags } from './markup';

/** Largest note body accepted (characters). */
export const MAX_NOTE_CHARS = 10_000_000;

export type NoteChange = { type: 'upsert'; note: Note; previous: Note | null } | { type: 'delete'; note: Note };

export interface NotePatch {
  title?: string;
  body?: string;
  tags?: string[];
}

/** A note's tags: the ones set on it, then the inline `#tags` of its body. */
export function noteTags(n: Pick<Note, 'tags' | 'body'>): string[] {
  return addTags(n.tags, parseInlineTags(n.body));
}

export function cleanBody(body: string): string {
  if (body.length > MAX_NOTE_CHARS) throw new DossierError('TOO_LARGE', `a note can hold at most ${MAX_NOTE_CHARS} characters`);
  return body.replace(/\r\n?/g, '\n');
}

export class Notes {
  private readonly byId = new Map<string, Note>();
  private readonly trash = new Map<string, TrashedNote>();
  private readonly listeners: Array<(c: NoteChange) => void> = [];

  constructor(
    private readonly db: Low<NotesFile>,
    private readonly requireWritable: () => void,
  ) {
    for (const n of db.data.notes) this.byId.set(n.id, n);
    for (const n of db.data.trash) this.trash.set(n.id, n);
  }

  onChange(fn: (c: NoteChange) => void): void {
    this.listeners.push(fn);
  }

  private emit(c: NoteChange): void {
    for (const fn of this.listeners) fn(c);
  }

  get count(): number {
    return this.byId.size;
  }

  all(): Note[] {
    return [...this.byId.values()];
  }

  trashed(): TrashedNote[] {
    return [...this.trash.values()];
  }

  /** Newest edit first. */
  list(): Note[] {
    return this.all().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title));
  }

  find(id: string): Note | undefined {
    return this.byId.get(id);
  }

  get(id: string): Note {
    const n = this.byId.get(id);
    if (!n) throw new DossierError('NOT_FOUND', this.trash.has(id) ? `note ${id} is in the trash; restore it first` : `no note with id ${id}`);
    return n;
  }

  async create(input: { title: string; body?: string; tags?: string[] }): Promise<Note> {
    this.requireWritable();
    const now = new Date().toISOString();
    const note: Note = {
      id: newId('n', (id) => this.byId.has(id) || this.trash.has(id)),
      title: cleanTitle(input.title),
      body: cleanBody(input.body ?? ''),
      tags: addTags([], input.tags ?? []),
      createdAt: now,
      updatedAt: now,
    };
    this.byId.set(note.id, note);
    try {
      await this.save();
    } catch (err) {
      // Not on disk, so not created: the caller was told it failed, a later save must not persist it.
      this.byId.delete(note.id);
      throw err;
    }
    this.emit({ type: 'upsert', note, previous: null });
    return note;
  }

  /** Applies a patch in memory and emits the change; the caller saves (so a rename and the rewrites it causes are one write). */
  applyPatch(id: string, patch: NotePatch): { note: Note; previous: Note } {
    this.requireWritable();
    const previous = this.get(id);
    const next: Note = { ...previous };
    if (patch.title !== undefined) next.title = cleanTitle(patch.title);
    if (patch.body !== undefined) next.body = cleanBody(patch.body);
    if (patch.tags !== undefined) next.tags = addTags([], patch.tags);
    if (next.title === previous.title && next.body === previous.body && next.tags.join('\u0000') === previous.tags.join('\u0000')) {
      return { note: previous, previous };
    }
    next.updatedAt = new Date().toISOString();
    if (next.updatedAt <= previous.updatedAt) next.updatedAt = new Date(Date.parse(previous.updatedAt) + 1).toISOString();
    this.byId.set(id, next);
    this.emit({ type: 'upsert', note: next, previous });
    return { note: next, previous };
  }

  async delete(id: string): Promise<Note> {
    this.requireWritable();
    const note = this.get(id);
    this.byId.delete(id);
    this.trash.set(id, { ...note, deletedAt: new Date().toISOString() });
    try {
      await this.save();
    } catch (err) {
      this.trash.delete(id);
      this.byId.set(id, note);
      throw err;
    }
    this.emit({ type: 'delete', note });
    return note;
  }

  async restore(id: string): Promise<Note> {
    this.requireWritable();
    const t = this.trash.get(id);
    if (!t) throw new DossierError('NOT_FOUND', this.byId.has(id) ? `note ${id} is not in the trash` : `no note with id ${id} in the trash`);
    const { deletedAt: _deletedAt, ...note } = t;
    this.trash.delete(id);
    this.byId.set(id, note);
    try {
      await this.save();
    } catch (err) {
      this.byId.delete(id);
      this.trash.set(id, t);
      throw err;
    }
    this.emit({ type: 'upsert', note, previous: null });
    return note;
  }

  /** Removes a note from the trash for good (not exposed in the contract; used by benchmarks and tests). */
  async purge(id: string): Promise<void> {
    this.requireWritable();
    if (this.trash.delete(id)) await this.save();
  }

  /** Persists notes.json durably (and nothing else). */
  async save(): Promise<void> {
    this.requireWritable();
    this.db.data = { schemaVersion: 1, notes: [...this.byId.values()], trash: [...this.trash.values()] };
    await this.db.write();
  }
}
