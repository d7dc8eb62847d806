/**
 * Small JSON files in the app's userData folder: the window's size and position, and the recent
 * notebooks. Unreadable files fall back to defaults (they hold nothing a user would miss).
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../notebook/storage/atomic';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };

const recentSchema = z.object({ notebooks: z.array(z.string().min(1)).max(50) });
export const MAX_RECENT = 10;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Written with the core's atomic write (temp file, fsync, rename, fsync the folder). */
async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function loadWindowState(file: string): WindowState {
  const parsed = windowStateSchema.safeParse(readJson(file));
  return parsed.success ? parsed.data : { ...DEFAULT_WINDOW_STATE };
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeJson(file, windowStateSchema.parse(state));
}

export function loadRecent(file: string): string[] {
  const parsed = recentSchema.safeParse(readJson(file));
  return parsed.success ? parsed.data.notebooks.slice(0, MAX_RECENT) : [];
}

/** Puts `dir` first, without duplicates, keeping at most MAX_RECENT entries. */
export function withRecent(list: readonly string[], dir: string): string[] {
  const resolved = path.resolve(dir);
  return [resolved, ...list.filter((d) => path.resolve(d) !== resolved)].slice(0, MAX_RECENT);
}

export function saveRecent(file: string, notebooks: readonly string[]): Promise<void> {
  return writeJson(file, { notebooks: notebooks.slice(0, MAX_RECENT) });
}
