/**
 * CodeMirror 6 markdown editor: markdown styling (headings, emphasis, links, quotes, code),
 * history (undo/redo), `[[` link autocomplete, `[[links]]` marked resolved or unresolved
 * (Ctrl/Cmd+click opens one, or creates the missing note), inline `#tags` marked as tags.
 *
 * The editor lives in a shadow root: CodeMirror then puts its styles into an adopted (constructed)
 * stylesheet of that root instead of a <style> element, which the CSP (`style-src 'self'`, no
 * 'unsafe-inline') would block. All of its look is therefore given here as an editor theme.
 */
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, placeholder, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import { inlineTagRe } from '../../../../electron/api/markup';
import { linkCompletionSource, type LinkDescriber, type LinkLookup } from './linkCompletion';

interface Props {
  /** The document when the editor is created; later changes of this prop are ignored. */
  initial: string;
  onChange(doc: string): void;
  lookup: LinkLookup;
  describe?: LinkDescriber;
  label: string;
  /** Link texts (as written inside `[[…]]`) that resolve to nothing. */
  unresolved?: readonly string[];
  /** Ctrl/Cmd+click on a `[[link]]`. */
  onOpenLink?(target: string): void;
  onView?(view: EditorView | null): void;
}

const setUnresolved = StateEffect.define<ReadonlySet<string>>();
const unresolvedField = StateField.define<ReadonlySet<string>>({
  create: () => new Set(),
  update: (v, tr) => tr.effects.reduce((acc, e) => (e.is(setUnresolved) ? e.value : acc), v),
});

const LINK_RE = /(?<!\\)\[\[([^[\]|\n]+?)(?:\|[^[\]\n]*)?\]\]/g;
const TAG_RE = inlineTagRe();

const linkMark = Decoration.mark({ class: 'cm-wikilink', attributes: { title: 'Ctrl+click (⌘-click) to open' } });
const missingMark = Decoration.mark({ class: 'cm-wikilink cm-wikilink-missing', attributes: { title: 'Not linked to anything yet: Ctrl+click (⌘-click) to create this note' } });
const tagMark = Decoration.mark({ class: 'cm-hashtag' });

function inCode(view: EditorView, pos: number): boolean {
  for (let n: ReturnType<ReturnType<typeof syntaxTree>['resolveInner']> | null = syntaxTree(view.state).resolveInner(pos, 1); n; n = n.parent) {
    if (n.name === 'InlineCode' || n.name === 'FencedCode' || n.name === 'CodeBlock' || n.name === 'CodeText') return true;
  }
  return false;
}

function buildMarks(view: EditorView): DecorationSet {
  const missing = view.state.field(unresolvedField);
  const marks: Array<{ from: number; to: number; deco: Decoration }> = [];
  for (const { from, to } of view.visibleRanges) {
    const text = view.state.sliceDoc(from, to);
    LINK_RE.lastIndex = 0;
    for (let m = LINK_RE.exec(text); m !== null; m = LINK_RE.exec(text)) {
      const start = from + m.index;
      if (inCode(view, start)) continue;
      const target = (m[1] ?? '').trim();
      marks.push({ from: start, to: start + m[0].length, deco: missing.has(target) ? missingMark : linkMark });
    }
    TAG_RE.lastIndex = 0;
    for (let m = TAG_RE.exec(text); m !== null; m = TAG_RE.exec(text)) {
      const tag = m[2] ?? '';
      if (!/\p{L}/u.test(tag)) continue;
      const start = from + m.index + (m[1] ?? '').length;
      if (inCode(view, start)) continue;
      marks.push({ from: start, to: start + 1 + tag.length, deco: tagMark });
    }
  }
  marks.sort((a, b) => a.from - b.from || a.to - b.to);
  const b = new RangeSetBuilder<Decoration>();
  let last = -1;
  for (const mk of marks) {
    if (mk.from < last) continue;
    b.add(mk.from, mk.to, mk.deco);
    last = mk.to;
  }
  return b.finish();
}

const linkMarks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = buildMarks(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged || u.transactions.some((tr) => tr.effects.some((e) => e.is(setUnresolved))) || syntaxTree(u.startState) !== syntaxTree(u.state)) {
        this.decorations = buildMarks(u.view);
      }
    }
  },
  { decorations: (v) => v.decorations },
);

/** The `[[link]]` target at a document position, if any. */
export function linkTargetAt(doc: string, pos: number): string | null {
  const lineStart = doc.lastIndexOf('\n', pos - 1) + 1;
  const lineEnd = doc.indexOf('\n', pos);
  const line = doc.slice(lineStart, lineEnd < 0 ? doc.length : lineEnd);
  LINK_RE.lastIndex = 0;
  for (let m = LINK_RE.exec(line); m !== null; m = LINK_RE.exec(line)) {
    const s = lineStart + m.index;
    if (pos >= s && pos <= s + m[0].length) return (m[1] ?? '').trim();
  }
  return null;
}

const markdownStyle = HighlightStyle.define([
  { tag: t.heading1, fontSize: '1.45em', fontWeight: '700' },
  { tag: t.heading2, fontSize: '1.25em', fontWeight: '700' },
  { tag: t.heading3, fontSize: '1.1em', fontWeight: '700' },
  { tag: [t.heading4, t.heading5, t.heading6], fontWeight: '700' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.link, t.url], color: 'var(--accent)', textDecoration: 'underline' },
  { tag: t.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: t.monospace, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: '0.9em', backgroundColor: 'var(--bg2)' },
  { tag: [t.processingInstruction, t.meta, t.contentSeparator], color: 'var(--muted)' },
  { tag: t.list, color: 'var(--fg)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', color: 'var(--fg)', backgroundColor: 'var(--panel)', border: '1px solid var(--line)', borderRadius: '6px' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '0' },
  '.cm-scroller': { overflow: 'auto', fontFamily: "Georgia, 'Times New Roman', serif", fontSize: '1.02rem', lineHeight: '1.6' },
  '.cm-content': { padding: '0.75rem 1rem 3rem', maxWidth: '72ch', caretColor: 'var(--fg)' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--tag-bg)' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-wikilink': { color: 'var(--accent)', textDecoration: 'underline', cursor: 'pointer' },
  '.cm-wikilink-missing': { color: 'var(--danger)', textDecorationStyle: 'dashed' },
  '.cm-hashtag': { backgroundColor: 'var(--tag-bg)', borderRadius: '999px', padding: '0 0.2em' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)', borderRadius: '6px' },
  '.cm-tooltip-autocomplete > ul': { fontFamily: 'system-ui, sans-serif', maxHeight: '18em' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '0.2em 0.5em' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '.cm-completionDetail': { marginLeft: '0.75em', fontStyle: 'normal', opacity: '0.85', fontSize: '0.85em' },
  '.cm-completionInfo': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
});

export function MarkdownEditor({ initial, onChange, lookup, describe, label, unresolved, onOpenLink, onView }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const lookupRef = useRef(lookup);
  lookupRef.current = lookup;
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const openRef = useRef(onOpenLink);
  openRef.current = onOpenLink;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    parent.className = 'cm-parent';
    // The host fills its box; CodeMirror fills the host.
    parent.style.height = '100%';
    root.replaceChildren(parent);
    const view = new EditorView({
      parent,
      root,
      state: EditorState.create({
        doc: initial,
        extensions: [
          history(),
          markdown(),
          syntaxHighlighting(markdownStyle),
          theme,
          unresolvedField,
          linkMarks,
          EditorView.lineWrapping,
          placeholder('Write in markdown. Type [[ to link a report, note or entity, # to tag.'),
          autocompletion({ override: [linkCompletionSource((q) => lookupRef.current(q), (h) => describeRef.current?.(h))], activateOnTyping: true }),
          keymap.of([...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.domEventHandlers({
            mousedown: (e, v) => {
              if (!(e.ctrlKey || e.metaKey) || e.button !== 0) return false;
              const pos = v.posAtCoords({ x: e.clientX, y: e.clientY });
              const target = pos === null ? null : linkTargetAt(v.state.doc.toString(), pos);
              if (!target) return false;
              e.preventDefault();
              openRef.current?.(target);
              return true;
            },
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    onView?.(view);
    return () => {
      onView?.(null);
      viewRef.current = null;
      view.destroy();
    };
    // The editor is created once per mount (the parent keys it by note id).
  }, []);

  const key = (unresolved ?? []).join('\n');
  useEffect(() => {
    viewRef.current?.dispatch({ effects: setUnresolved.of(new Set(key ? key.split('\n') : [])) });
  }, [key]);

  return <div ref={host} className="cm-host" data-testid="note-editor" />;
}
