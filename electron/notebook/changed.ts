/**
 * "changed" notes: when cleaning changes what the user typed beyond whitespace (control and
 * format characters removed, a lone surrogate replaced, `[ ] |` taken out of an entity name, an
 * alias dropped), the write's result says so in words, and the CLI prints it as a warning line.
 * Nothing is lost (bodies are stored exactly); the user is told.
 */
import { cleanName } from './entities/entities';
import { fold } from './text/fold';
import { cleanTag } from './tags';

const CONTROL_RE = /(?![\t\n\v\f\r])\p{Cc}/u;
const FORMAT_RE = /\p{Cf}/u;
const SURROGATE_RE = /\p{Cs}/u;
const LINK_CHARS_RE = /[[\]|]/;

function loose(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function quote(s: string): string {
  return JSON.stringify(s);
}

/** `result` with `changed` set when there is something to say (the key is absent otherwise). */
export function withChanged<T extends object>(result: T, changed: string[]): T & { changed?: string[] } {
  return changed.length ? { ...result, changed } : result;
}

/** Why `typed` became `stored`, or null when only whitespace and Unicode composition changed. */
export function describeCleaning(field: string, typed: string, stored: string): string | null {
  if (loose(typed) === stored || typed === stored) return null;
  const why: string[] = [];
  if (CONTROL_RE.test(typed)) why.push('control characters');
  if (FORMAT_RE.test(typed)) why.push('invisible format characters (bidi controls, zero-width marks)');
  if (SURROGATE_RE.test(typed)) why.push('lone surrogates (stored as U+FFFD)');
  if (field.includes('name') || field.includes('alias')) if (LINK_CHARS_RE.test(typed)) why.push('[, ] and | (they would break [[links]])');
  return `${field} ${quote(typed)} was stored as ${quote(stored)}${why.length ? `: ${why.join(', ')} replaced or removed` : ''}`;
}

export function titleChanges(typed: string | undefined, stored: string, field = 'title'): string[] {
  if (typed === undefined) return [];
  const note = describeCleaning(field, typed, stored);
  return note ? [note] : [];
}

export function tagChanges(typed: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const t of typed ?? []) {
    const note = describeCleaning('tag', t, cleanTag(t));
    if (note) out.push(note);
  }
  return out;
}

/** Changes to a name and its aliases, including aliases dropped as equal to the name or to another alias. */
export function nameAndAliasChanges(typedName: string | undefined, storedName: string, typedAliases: readonly string[] | undefined): string[] {
  const out = titleChanges(typedName, storedName, 'name');
  const seen = new Map<string, string>([[fold(storedName), storedName]]);
  for (const a of typedAliases ?? []) {
    const clean = cleanName(a, 'an alias');
    const note = describeCleaning('alias', a, clean);
    if (note) out.push(note);
    const k = fold(clean);
    const same = seen.get(k);
    if (same === storedName && k === fold(storedName)) out.push(`alias ${quote(clean)} was dropped: it is the entity's name`);
    else if (same !== undefined) out.push(`alias ${quote(clean)} was dropped: it is the same as alias ${quote(same)}`);
    else seen.set(k, clean);
  }
  return out;
}
