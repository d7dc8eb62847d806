/** Registers the workspace's user actions once; the App supplies what each one does. */
import type { CommandRegistry } from './registry';

export interface WorkspaceActions {
  openPalette(): void;
  focusSearch(): void;
  importFiles(): void;
  newNote(): void;
  exportNotes(): void;
  toggleTheme(): void;
  showLibrary(): void;
  showNotes(): void;
  showEntities(): void;
  showGraph(): void;
  addEntity(): void;
  scanEntities(): void;
  /** Enabled when a report is open. */
  tagReport(): void;
  suggestEntities(): void;
  hasReport(): boolean;
  deleteNote(): void;
  undoDeleteNote(): void;
  hasNote(): boolean;
  canUndoDelete(): boolean;
  back(): void;
  forward(): void;
  toggleNav(): void;
  toggleList(): void;
  toggleDetails(): void;
}

export function registerWorkspaceCommands(reg: CommandRegistry, a: WorkspaceActions): () => void {
  const offs = [
    reg.register({ id: 'palette.open', title: 'Command palette / quick switcher', category: 'View', shortcut: 'Mod+K', run: a.openPalette }),
    reg.register({ id: 'search.focus', title: 'Focus search', category: 'View', shortcut: 'Mod+F', run: a.focusSearch }),
    reg.register({ id: 'library.reports', title: 'Show reports', category: 'View', shortcut: 'Alt+1', run: a.showLibrary }),
    reg.register({ id: 'library.notes', title: 'Show notes', category: 'View', shortcut: 'Alt+2', run: a.showNotes }),
    reg.register({ id: 'library.entities', title: 'Show entities', category: 'View', shortcut: 'Alt+3', run: a.showEntities }),
    reg.register({ id: 'graph.open', title: 'Open link chart', category: 'View', shortcut: 'Alt+G', run: a.showGraph }),
    reg.register({ id: 'nav.back', title: 'Back', category: 'View', shortcut: 'Alt+ArrowLeft', run: a.back }),
    reg.register({ id: 'nav.forward', title: 'Forward', category: 'View', shortcut: 'Alt+ArrowRight', run: a.forward }),
    reg.register({ id: 'view.nav', title: 'Show or hide the library panel', category: 'View', shortcut: 'Alt+B', run: a.toggleNav }),
    reg.register({ id: 'view.list', title: 'Show or hide the list', category: 'View', shortcut: 'Alt+L', run: a.toggleList }),
    reg.register({ id: 'view.details', title: 'Show or hide the details panel', category: 'View', shortcut: 'Alt+I', run: a.toggleDetails }),
    reg.register({ id: 'theme.toggle', title: 'Toggle light / dark theme', category: 'View', shortcut: 'Alt+T', run: a.toggleTheme }),
    reg.register({ id: 'reports.import', title: 'Import reports…', category: 'File', shortcut: 'Mod+O', run: a.importFiles }),
    reg.register({ id: 'export.notes', title: 'Export notes…', category: 'File', shortcut: 'Mod+Shift+E', run: a.exportNotes }),
    reg.register({ id: 'notes.new', title: 'New note', category: 'Notes', shortcut: 'Alt+N', run: a.newNote }),
    reg.register({ id: 'notes.delete', title: 'Delete this note', category: 'Notes', enabled: a.hasNote, run: a.deleteNote }),
    reg.register({ id: 'notes.undoDelete', title: 'Undo note delete', category: 'Notes', enabled: a.canUndoDelete, run: a.undoDeleteNote }),
    reg.register({ id: 'entities.new', title: 'Add entity…', category: 'Entities', run: a.addEntity }),
    reg.register({ id: 'entities.scan', title: 'Scan reports for known entities', category: 'Entities', run: a.scanEntities }),
    reg.register({ id: 'reports.tag', title: 'Tag this report…', category: 'Reports', enabled: a.hasReport, run: a.tagReport }),
    reg.register({ id: 'entities.suggest', title: 'Suggest entities in this report', category: 'Entities', enabled: a.hasReport, run: a.suggestEntities }),
  ];
  return () => offs.forEach((off) => off());
}
