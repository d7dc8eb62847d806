/** The workspace context: the api, where the user is, and the dialogs that can be open. */
import { createContext, useContext } from 'react';
import type { EntityType, RecordKind } from '../../../electron/api';
import type { AppApi } from './api';

export type Route =
  | { view: 'home' }
  | { view: 'report'; id: string; cite?: { start: number; end: number }; q?: string; at?: { start: number; end: number } }
  | { view: 'trash' }
  | { view: 'note'; id: string }
  /** A note being written that is not saved until it has a title or text. */
  | { view: 'newNote' }
  | { view: 'entity'; id: string }
  /** The link chart; with `focus`, the local graph `depth` steps around that item. */
  | { view: 'graph'; focus?: string; depth?: number }
  | { view: 'search'; q?: string };

export type Section =
  | { kind: 'reports' }
  | { kind: 'notes' }
  | { kind: 'entities'; type?: EntityType }
  | { kind: 'tag'; tag: string }
  | { kind: 'recent' }
  /** The current search results. */
  | { kind: 'search' };

export type DialogState =
  | { kind: 'import' }
  | { kind: 'export'; noteIds?: string[] }
  | { kind: 'palette' }
  | { kind: 'newEntity' }
  | { kind: 'tagReport'; reportId: string }
  | null;

export interface Workspace {
  api: AppApi;
  route: Route;
  /** Goes to a route: a new history entry, or with `replace` the current one (e.g. while typing a query). */
  open(route: Route, opts?: { replace?: boolean; focus?: boolean }): void;
  section: Section;
  setSection(s: Section): void;
  setDialog(d: DialogState): void;
  /** Runs a command from the registry by id. */
  run(id: string): void;
  recent: Array<{ kind: RecordKind; id: string; title: string }>;
  remember(item: { kind: RecordKind; id: string; title: string }): void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside the workspace');
  return ws;
}

export function routeFor(kind: RecordKind, id: string): Route {
  return kind === 'report' ? { view: 'report', id } : kind === 'note' ? { view: 'note', id } : { view: 'entity', id };
}

export const ENTITY_TYPES: EntityType[] = ['person', 'organization', 'location', 'date', 'equipment', 'event', 'other'];
