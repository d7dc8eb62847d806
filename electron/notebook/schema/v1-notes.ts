/**
 * Version 1 of the notes and entity files: `notes.json` (notes plus a recoverable trash),
 * `entities.json` and `mentions.json`. Each is its own file so that saving a note never rewrites
 * report metadata and tagging an entity never rewrites notes. The link index is derived from note
 * bodies on open and is not stored.
 */
import { z } from 'zod';
import type { FileSpec } from './migrate';
import { isoTime, tagSchema } from './v1';
import { ID_PATTERN } from '../../api/ids';

export const noteSchema = z.object({
  id: z.string().regex(ID_PATTERN.note),
  title: z.string(),
  body: z.string(),
  tags: z.array(tagSchema),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Note = z.infer<typeof noteSchema>;

export const trashedNoteSchema = noteSchema.extend({ deletedAt: isoTime });
export type TrashedNote = z.infer<typeof trashedNoteSchema>;

export const notesFileSchema = z.object({
  schemaVersion: z.literal(1),
  notes: z.array(noteSchema),
  trash: z.array(trashedNoteSchema),
});
export type NotesFile = z.infer<typeof notesFileSchema>;

export const ENTITY_TYPES = ['person', 'organization', 'location', 'date', 'equipment', 'event', 'other'] as const;
export const entityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof entityTypeSchema>;

export const entitySchema = z.object({
  id: z.string().regex(ID_PATTERN.entity),
  name: z.string(),
  type: entityTypeSchema,
  aliases: z.array(z.string()),
  notes: z.string(),
  tags: z.array(tagSchema),
  /** Spellings the user said are not this entity: scans record no mention for them. */
  rejected: z.array(z.string()).optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Entity = z.infer<typeof entitySchema>;

export const entitiesFileSchema = z.object({
  schemaVersion: z.literal(1),
  entities: z.array(entitySchema),
});
export type EntitiesFile = z.infer<typeof entitiesFileSchema>;

export const mentionOriginSchema = z.enum(['manual', 'scan', 'suggested-accepted']);
export type MentionOrigin = z.infer<typeof mentionOriginSchema>;

export const mentionSchema = z.object({
  entityId: z.string().regex(ID_PATTERN.entity),
  reportId: z.string().regex(ID_PATTERN.report),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  origin: mentionOriginSchema,
});
export type Mention = z.infer<typeof mentionSchema>;

export const mentionsFileSchema = z.object({
  schemaVersion: z.literal(1),
  mentions: z.array(mentionSchema),
});
export type MentionsFile = z.infer<typeof mentionsFileSchema>;

export const notesSpec: FileSpec<NotesFile> = {
  file: 'notes.json',
  version: 1,
  schema: notesFileSchema,
  migrations: [],
  empty: () => ({ schemaVersion: 1, notes: [], trash: [] }),
};

export const entitiesSpec: FileSpec<EntitiesFile> = {
  file: 'entities.json',
  version: 1,
  schema: entitiesFileSchema,
  migrations: [],
  empty: () => ({ schemaVersion: 1, entities: [] }),
};

export const mentionsSpec: FileSpec<MentionsFile> = {
  file: 'mentions.json',
  version: 1,
  schema: mentionsFileSchema,
  migrations: [],
  empty: () => ({ schemaVersion: 1, mentions: [] }),
};
