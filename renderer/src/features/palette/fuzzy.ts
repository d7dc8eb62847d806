/**
 * The palette's fuzzy match. Every word of the query must match a title as a subsequence whose
 * pieces start at word starts or continue the previous piece ("lc" finds "Link chart", "kh off"
 * finds "Khama offensive", but "delete" does not find "displacement": its letters are there, yet
 * scattered mid-word). Adjacent letters, word starts, a match at the start of the title and a
 * whole-word match score higher; a shorter title wins a tie.
 */
import { foldLetters } from '../../../../electron/api';

/** The notebook's one letter folding (the contract's foldLetters: the search folds the same way). */
const foldForMatch = foldLetters;

function isWordStart(t: string, j: number): boolean {
  if (j === 0) return true;
  const prev = t[j - 1] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(prev);
}

const NEG = -1e9;

/** Score of one query word against a folded title, or null when it does not match. */
function wordScore(q: string, t: string): number | null {
  const n = q.length;
  const m = t.length;
  if (n === 0) return 0;
  if (n > m) return null;
  // prevM[j]: best score with q[i-1] matched at t[j]; prevD[j]: best with q[0..i-1] matched within t[0..j].
  let prevM = new Array<number>(m).fill(NEG);
  let prevD = new Array<number>(m).fill(NEG);
  for (let i = 0; i < n; i++) {
    const curM = new Array<number>(m).fill(NEG);
    const curD = new Array<number>(m).fill(NEG);
    const qc = q[i];
    for (let j = i; j < m; j++) {
      if (t[j] === qc) {
        const start = isWordStart(t, j);
        let best = NEG;
        if (i === 0) best = start ? (j === 0 ? 12 : 8) : 1;
        else {
          // Continue the previous piece…
          const cont = prevM[j - 1] ?? NEG;
          if (cont > NEG) best = cont + 6;
          // …or start a new piece, at a word start only.
          const gap = prevD[j - 1] ?? NEG;
          if (start && gap > NEG) best = Math.max(best, gap + 4);
        }
        curM[j] = best;
      }
      curD[j] = Math.max(curM[j] ?? NEG, j > 0 ? (curD[j - 1] ?? NEG) - 0.05 : NEG);
    }
    prevM = curM;
    prevD = curD;
  }
  const best = prevD[m - 1] ?? NEG;
  return best > NEG / 2 ? best : null;
}

/** Score of a query against a title (higher is better), or null when some query word does not match. */
export function fuzzyScore(query: string, title: string): number | null {
  const t = foldForMatch(title);
  const words = foldForMatch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  let total = 0;
  for (const w of words) {
    const s = wordScore(w, t);
    if (s === null) return null;
    total += s;
    // Bonuses for a contiguous, whole-word or prefix match.
    const at = t.indexOf(w);
    if (at >= 0) {
      total += 4;
      if (isWordStart(t, at)) total += 4;
      const end = at + w.length;
      if (end === t.length || !/[\p{L}\p{N}]/u.test(t[end] ?? ' ')) total += 6;
    }
  }
  return total - t.length * 0.01;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/** The items that match, best first; `keys` gives the texts an item can be found by (title, aliases). */
export function rank<T>(query: string, items: readonly T[], keys: (item: T) => readonly string[], limit = 50): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  for (const item of items) {
    let best: number | null = null;
    for (const k of keys(item)) {
      const s = fuzzyScore(query, k);
      if (s !== null && (best === null || s > best)) best = s;
    }
    if (best !== null) out.push({ item, score: best });
  }
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, limit);
}
