/**
 * The command registry: every user action is registered once (id, title, shortcut, when it is
 * enabled, run). The palette, the menu and the keyboard shortcuts all read this one registry.
 */
export interface Command {
  id: string;
  title: string;
  /** Group shown in the menu and the palette. */
  category: string;
  /** e.g. 'Mod+K', 'Mod+Shift+N', 'Alt+T'; Mod is Ctrl, or Cmd on macOS. */
  shortcut?: string;
  enabled?: () => boolean;
  run: () => void | Promise<void>;
}

type Listener = () => void;

export class CommandRegistry {
  private commands = new Map<string, Command>();
  private listeners = new Set<Listener>();

  register(cmd: Command): () => void {
    if (this.commands.has(cmd.id)) throw new Error(`command ${cmd.id} is registered twice`);
    this.commands.set(cmd.id, cmd);
    this.emit();
    return () => {
      if (this.commands.get(cmd.id) === cmd) {
        this.commands.delete(cmd.id);
        this.emit();
      }
    };
  }

  get(id: string): Command | undefined {
    return this.commands.get(id);
  }

  list(): Command[] {
    return [...this.commands.values()];
  }

  isEnabled(cmd: Command): boolean {
    return cmd.enabled ? cmd.enabled() : true;
  }

  async run(id: string): Promise<boolean> {
    const cmd = this.commands.get(id);
    if (!cmd || !this.isEnabled(cmd)) return false;
    await cmd.run();
    return true;
  }

  /** The enabled command bound to this key event, if any. */
  match(e: KeyboardEvent, mac = isMac()): Command | undefined {
    for (const cmd of this.commands.values()) {
      if (cmd.shortcut && shortcutMatches(cmd.shortcut, e, mac) && this.isEnabled(cmd)) return cmd;
    }
    return undefined;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

export function shortcutMatches(shortcut: string, e: KeyboardEvent, mac = isMac()): boolean {
  const parts = shortcut.split('+');
  const key = parts[parts.length - 1]?.toLowerCase() ?? '';
  const mods = new Set(parts.slice(0, -1).map((p) => p.toLowerCase()));
  const wantCtrl = mods.has('ctrl') || (mods.has('mod') && !mac);
  const wantMeta = mods.has('meta') || (mods.has('mod') && mac);
  if (e.ctrlKey !== wantCtrl || e.metaKey !== wantMeta) return false;
  if (e.altKey !== mods.has('alt') || e.shiftKey !== mods.has('shift')) return false;
  const pressed = e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase();
  if (pressed === key) return true;
  // Alt and Shift change e.key on some layouts: fall back to the physical key.
  return e.code.toLowerCase() === `key${key}` || e.code.toLowerCase() === `digit${key}`;
}

/** 'Mod+K' → 'Ctrl+K' (or '⌘K' on macOS). */
export function formatShortcut(shortcut: string, mac = isMac()): string {
  if (mac) return shortcut.replace(/Mod\+/g, '⌘').replace(/Shift\+/g, '⇧').replace(/Alt\+/g, '⌥').replace(/Ctrl\+/g, '⌃');
  return shortcut.replace(/Mod\+/g, 'Ctrl+');
}
