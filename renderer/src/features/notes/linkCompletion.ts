/**
 * `[[` autocomplete for the note editor: after `[[` the typed text is looked up over report and
 * note titles and entity names; choosing an option writes `[[Title]]` (or `[[id|Title]]` when the
 * title cannot be written inside a link). Each option shows a line (kind, date, source) that tells
 * records with the same title apart.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import type { QuickResult } from '../../../../electron/api';
import type { AppApi } from '../../app/api';

export type LinkLookup = (q: string) => Promise<QuickResult[]>;
/** The disambiguating line of a record, when known. */
export type LinkDescriber = (hit: Pick<QuickResult, 'kind' | 'id'>) => string | undefined;

export function linkTextFor(hit: Pick<QuickResult, 'id' | 'title'>): string {
  return /[[\]|\n]/.test(hit.title) || !hit.title.trim() ? `[[${hit.id}|${hit.title.replace(/[[\]|\n]/g, ' ').trim()}]]` : `[[${hit.title}]]`;
}

export function linkCompletionSource(lookup: LinkLookup, describe?: LinkDescriber): CompletionSource {
  return async (ctx: CompletionContext): Promise<CompletionResult | null> => {
    const m = ctx.matchBefore(/\[\[[^[\]|\n]*$/);
    if (!m) return null;
    const q = m.text.slice(2);
    const hits = await lookup(q);
    if (ctx.aborted) return null;
    const options: Completion[] = hits.map((h) => ({
      label: h.title,
      detail: describe?.(h) ?? h.kind,
      type: h.kind === 'entity' ? 'variable' : h.kind === 'note' ? 'text' : 'class',
      apply: (view: EditorView, _c: Completion, from: number, to: number) => {
        const after = view.state.sliceDoc(to, to + 2);
        const same = hits.filter((x) => x.title === h.title).length > 1;
        // Two records with this title: link this one by id so the link means what was chosen.
        const insert = same ? `[[${h.id}|${h.title.replace(/[[\]|\n]/g, ' ').trim()}]]` : linkTextFor(h);
        const end = after === ']]' ? to + 2 : to;
        view.dispatch({ changes: { from: from - 2, to: end, insert }, selection: { anchor: from - 2 + insert.length } });
      },
    }));
    return { from: m.from + 2, to: ctx.pos, options, filter: false };
  };
}

/** The core's quick switcher (search.quick) for what is typed after `[[`. */
export function apiLinkLookup(api: AppApi): LinkLookup {
  return (q) => (q.trim() ? api['search.quick']({ q, limit: 12 }) : Promise.resolve([]));
}
