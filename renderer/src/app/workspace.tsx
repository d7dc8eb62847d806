/** The workspace context: the api, where the user is, and the dialogs that can be open. */
import { createContext, useContext } from 'react';
import type { EntityType } from '../../../electron/api';
import type { AppApi } from './api';

export type Route =
  | { view: 'home' }
  | { view: 'report'; id: string; cite?: { start: number; end: number }; terms?: string[] }
  | { view: 'note'; id: string }
  | { view: 'entity'; id: string }
  | { view: 'graph' }
  | { view: 'search' };

export type Section =
  | { kind: 'reports' }
  | { kind: 'notes' }
  | { kind: 'entities'; type?: EntityType }
  | { kind: 'tag'; tag: string }
  | { kind: 'recent' };

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
  open(route: Route): void;
  section: Section;
  setSection(s: Section): void;
  setDialog(d: DialogState): void;
  /** Runs a command from the registry by id. */
  run(id: string): void;
  recent: Array<{ kind: 'report' | 'note' | 'entity'; id: string; title: string }>;
  remember(item: { kind: 'report' | 'note' | 'entity'; id: string; title: string }): void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside the workspace');
  return ws;
}

export function routeFor(kind: 'report' | 'note' | 'entity', id: string): Route {
  return kind === 'report' ? { view: 'report', id } : kind === 'note' ? { view: 'note', id } : { view: 'entity', id };
}

export const ENTITY_TYPES: EntityType[] = ['person', 'organization', 'location', 'date', 'equipment', 'event', 'other'];
