/** Text with `<mark>` around the given ranges: plain text nodes only, never HTML. */
import type { ReactNode } from 'react';

export interface TextRange {
  start: number;
  end: number;
}

export function splitByRanges(text: string, ranges: readonly TextRange[]): Array<{ text: string; marked: boolean }> {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, Math.min(text.length, r.start)), end: Math.max(0, Math.min(text.length, r.end)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const out: Array<{ text: string; marked: boolean }> = [];
  let pos = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, pos);
    if (r.end <= start) continue;
    if (start > pos) out.push({ text: text.slice(pos, start), marked: false });
    out.push({ text: text.slice(start, r.end), marked: true });
    pos = r.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), marked: false });
  return out;
}

export function Highlighted({ text, ranges }: { text: string; ranges: readonly TextRange[] }): ReactNode {
  return splitByRanges(text, ranges).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>));
}
