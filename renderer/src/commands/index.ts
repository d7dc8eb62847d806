export { CommandRegistry, formatShortcut, isMac, shortcutMatches, type Command } from './registry';
export { registerWorkspaceCommands, type WorkspaceActions } from './workspace';
