/**
 * The workspace's state kept with the notebook in `ui.json`: the "Recent" items and the link
 * chart's node positions. It is not research data: a missing, damaged or foreign file reads as
 * empty (never an error, never a recovery), and a read-only notebook keeps it in memory only.
 * Writes are atomic; the last write wins.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { uiStateSchema, type UiStatePatch } from '../api/contract';
import type { UiState } from '../api/types';
import type { NotebookFacts } from './stores';
import { writeFileAtomic } from './storage/atomic';

export const UI_STATE_FILE = 'ui.json';

/** What the UI state needs of a notebook: its folder and whether it may write there. */
export type UiStores = Pick<NotebookFacts, 'dir' | 'writable'>;

const memory = new WeakMap<UiStores, UiState>();

const EMPTY: UiState = { recent: [], chart: {} };
/** Positions kept at most; the oldest go first. */
export const MAX_CHART_POSITIONS = 10_000;

function capped(chart: UiState['chart']): UiState['chart'] {
  const keys = Object.keys(chart);
  if (keys.length <= MAX_CHART_POSITIONS) return chart;
  return Object.fromEntries(keys.slice(keys.length - MAX_CHART_POSITIONS).map((k) => [k, chart[k] ?? { x: 0, y: 0 }]));
}

export async function readUiState(nb: UiStores): Promise<UiState> {
  const cached = memory.get(nb);
  if (cached) return cached;
  let state = EMPTY;
  try {
    const parsed = uiStateSchema.safeParse(JSON.parse(await fs.readFile(path.join(nb.dir, UI_STATE_FILE), 'utf8')));
    if (parsed.success) state = { ...EMPTY, ...parsed.data };
  } catch {
    /* missing or unreadable: start empty */
  }
  memory.set(nb, state);
  return state;
}

/** Replaces the given parts of the state (each part whole) and saves when the notebook is writable. */
export async function writeUiState(nb: UiStores, patch: UiStatePatch): Promise<UiState> {
  const before = await readUiState(nb);
  const next: UiState = {
    recent: patch.recent ?? before.recent,
    chart: patch.chart === undefined ? before.chart : capped({ ...before.chart, ...patch.chart }),
  };
  memory.set(nb, next);
  if (nb.writable) await writeFileAtomic(path.join(nb.dir, UI_STATE_FILE), `${JSON.stringify({ schemaVersion: 1, ...next })}\n`);
  return next;
}
