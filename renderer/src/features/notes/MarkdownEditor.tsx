/** CodeMirror 6 markdown editor with history (undo/redo) and `[[` link autocomplete. */
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { mirrorInlineStyles } from '../../ui/cspStyles';
import { linkCompletionSource, type LinkLookup } from './linkCompletion';

interface Props {
  /** The document when the editor is created; later changes of this prop are ignored. */
  initial: string;
  onChange(doc: string): void;
  lookup: LinkLookup;
  label: string;
  onView?(view: EditorView | null): void;
}

export function MarkdownEditor({ initial, onChange, lookup, label, onView }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const lookupRef = useRef(lookup);
  lookupRef.current = lookup;

  useEffect(() => {
    if (!host.current) return;
    mirrorInlineStyles();
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          history(),
          markdown(),
          EditorView.lineWrapping,
          placeholder('Write in markdown. Type [[ to link a report, note or entity.'),
          autocompletion({ override: [linkCompletionSource((q) => lookupRef.current(q))], activateOnTyping: true }),
          keymap.of([...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    onView?.(view);
    return () => {
      onView?.(null);
      view.destroy();
    };
    // The editor is created once per mount (the parent keys it by note id).
  }, []);

  return <div ref={host} className="cm-host" />;
}
