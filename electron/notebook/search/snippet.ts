/**
 * Snippets: picks the ~160-character window of a text with the densest cluster of matched terms,
 * cuts it at word boundaries with "…", collapses whitespace and maps match ranges into it.
 */
import { scanTerms } from './normalize';
import type { MatchSpan } from '../../api/types';

export const SNIPPET_LENGTH = 160;

/** A matched span of a text: the whole document word, its query group and its index term. */
export interface FoundMatch extends MatchSpan {
  group: number;
  term: string;
}

/** Spans of `text` whose term is matched; `groupOf` returns the query group index or -1. */
export function findMatches(text: string, groupOf: (term: string) => number): FoundMatch[] {
  const out: FoundMatch[] = [];
  scanTerms(text, (term, start, end) => {
    const g = groupOf(term);
    if (g < 0) return;
    const last = out[out.length - 1];
    if (last && start < last.end) {
      // an alternate (joined hyphenated form) overlapping a matched part: keep the wider span
      if (end > last.end) last.end = end;
      if (start < last.start) last.start = start;
      return;
    }
    out.push({ start, end, group: g, term });
  });
  out.sort((a, b) => a.start - b.start);
  return out;
}

function isSpace(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c);
}

/** Collapses whitespace runs of text[start, end) to single spaces, remapping ranges. */
function collapse(text: string, start: number, end: number, ranges: MatchSpan[]): { s: string; ranges: MatchSpan[] } {
  let s = '';
  const map = new Int32Array(end - start + 1);
  let inSpace = false;
  for (let i = start; i < end; i++) {
    map[i - start] = s.length;
    const c = text[i] ?? ' ';
    if (/\s/.test(c)) {
      if (!inSpace) s += ' ';
      inSpace = true;
    } else {
      s += c;
      inSpace = false;
    }
  }
  map[end - start] = s.length;
  const out: MatchSpan[] = [];
  for (const r of ranges) {
    if (r.start < start || r.end > end) continue;
    out.push({ start: map[r.start - start] ?? 0, end: map[r.end - start] ?? 0 });
  }
  return { s, ranges: out };
}

/** Builds a snippet of text around the densest cluster of matches. */
export function makeSnippet(
  text: string,
  matches: Array<MatchSpan & { group: number }>,
  length = SNIPPET_LENGTH,
): { snippet: string; matches: MatchSpan[]; at: MatchSpan | null } {
  if (text.length === 0) return { snippet: '', matches: [], at: null };
  let winStart = 0;
  let winEnd = Math.min(text.length, length);
  if (matches.length > 0) {
    // densest window: most distinct groups, then most matches, starting at a match
    let best = -1;
    let bestI = 0;
    let bestJ = 0;
    let j = 0;
    for (let i = 0; i < matches.length; i++) {
      const mi = matches[i];
      if (!mi) continue;
      if (j < i) j = i;
      while (j + 1 < matches.length && (matches[j + 1]?.end ?? 0) - mi.start <= length) j++;
      const groups = new Set<number>();
      for (let k = i; k <= j; k++) groups.add(matches[k]?.group ?? 0);
      const score = groups.size * 1000 + (j - i + 1);
      if (score > best) {
        best = score;
        bestI = i;
        bestJ = j;
      }
    }
    const cStart = matches[bestI]?.start ?? 0;
    const cEnd = matches[bestJ]?.end ?? cStart;
    const slack = Math.max(0, length - (cEnd - cStart));
    winStart = Math.max(0, cStart - Math.floor(slack / 3));
    winEnd = Math.min(text.length, Math.max(cEnd, winStart + length));
    if (winEnd - winStart < length) winStart = Math.max(0, winEnd - length);
  }
  // snap to word boundaries
  if (winStart > 0) {
    let s = winStart;
    while (s < text.length && !isSpace(text[s - 1]) && s - winStart < 20) s++;
    const firstMatch = matches.find((m) => m.end > winStart);
    if (firstMatch === undefined || s <= firstMatch.start) winStart = s;
  }
  if (winEnd < text.length) {
    let e = winEnd;
    while (e > winStart && !isSpace(text[e])) e--;
    const lastMatch = [...matches].reverse().find((m) => m.start < winEnd);
    if (e > winStart && (lastMatch === undefined || e >= lastMatch.end)) winEnd = e;
  }
  while (winStart < winEnd && isSpace(text[winStart])) winStart++;
  while (winEnd > winStart && isSpace(text[winEnd - 1])) winEnd--;
  const inWin = matches.filter((m) => m.start >= winStart && m.end <= winEnd);
  const c = collapse(text, winStart, winEnd, inWin);
  const pre = winStart > 0 ? '…' : '';
  const post = winEnd < text.length ? '…' : '';
  const shift = pre.length;
  return {
    snippet: pre + c.s + post,
    matches: c.ranges.map((r) => ({ start: r.start + shift, end: r.end + shift })),
    at: inWin[0] ? { start: inWin[0].start, end: inWin[0].end } : null,
  };
}
