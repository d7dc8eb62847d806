/**
 * A note: title, markdown editor with `[[` links, rendered preview, tags, backlinks; autosave
 * ~600 ms after the last change with a visible "Saving…/Saved" state; delete with undo (restore).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NoteDetail } from '../../../../electron/api';
import { optional } from '../../app/api';
import { useWorkspace } from '../../app/workspace';
import { Aside } from '../../ui/Aside';
import { useToasts } from '../../ui/Toasts';
import { TagsEditor } from '../reader/TagsEditor';
import { BacklinksPanel } from './Backlinks';
import { apiLinkLookup } from './linkCompletion';
import { MarkdownEditor } from './MarkdownEditor';
import { MarkdownPreview, type PreviewHandlers } from './MarkdownPreview';
import { isRecordId } from './urls';

export const AUTOSAVE_MS = 600;

type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

export function NoteView({ id }: { id: string }) {
  const { api } = useWorkspace();
  const note = useQuery({ queryKey: ['note', id], queryFn: () => api['notes.get']({ id }), staleTime: Infinity });
  if (note.isError) {
    return (
      <div className="error-state" role="alert">
        <p>This note could not be opened: {note.error.message}</p>
      </div>
    );
  }
  if (!note.data) return <p role="status">Loading the note…</p>;
  return <NoteEditor key={id} note={note.data} />;
}

function NoteEditor({ note }: { note: NoteDetail }) {
  const ws = useWorkspace();
  const { api } = ws;
  const qc = useQueryClient();
  const toasts = useToasts();
  const [title, setTitle] = useState(note.title);
  const [body, setBody] = useState(note.body);
  const [state, setState] = useState<SaveState>('saved');
  const pending = useRef<{ title?: string; body?: string }>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lookup = useMemo(() => apiLinkLookup(api), [api]);
  const { remember } = ws;

  useEffect(() => {
    remember({ kind: 'note', id: note.id, title: note.title });
  }, [note.id, note.title, remember]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = pending.current;
    pending.current = {};
    if (patch.title === undefined && patch.body === undefined) return;
    if (patch.title !== undefined && !patch.title.trim()) delete patch.title;
    setState('saving');
    try {
      const saved = await api['notes.update']({ id: note.id, ...patch });
      qc.setQueryData(['note', note.id], saved);
      setState(Object.keys(pending.current).length > 0 ? 'dirty' : 'saved');
      void qc.invalidateQueries({ queryKey: ['notes'] });
      void qc.invalidateQueries({ queryKey: ['links'] });
    } catch (err) {
      setState('error');
      toasts.error(err);
    }
  }, [api, note.id, qc, toasts]);

  const schedule = useCallback(
    (patch: { title?: string; body?: string }) => {
      pending.current = { ...pending.current, ...patch };
      setState('dirty');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush],
  );

  // Save what is pending when the note is closed.
  useEffect(() => () => void flush(), [flush]);

  const handlers: PreviewHandlers = {
    onLink: (target) => void openLink(target),
    onCite: (reportId, start, end) => ws.open({ view: 'report', id: reportId, cite: { start, end } }),
    onExternal: (url) => {
      const open = optional(api, 'openExternal');
      if (open) void open(url).catch(toasts.error);
      else toasts.info(`Web links open from the desktop app. The address is ${url}`);
    },
  };

  async function openLink(target: string) {
    if (isRecordId(target)) {
      const kind = target.startsWith('r_') ? 'report' : target.startsWith('n_') ? 'note' : 'entity';
      ws.open(kind === 'report' ? { view: 'report', id: target } : kind === 'note' ? { view: 'note', id: target } : { view: 'entity', id: target });
      return;
    }
    const links = qc.getQueryData<NoteDetail>(['note', note.id])?.links ?? note.links;
    const t = target.toLowerCase();
    const hit = links.outgoing.find((l) => l.title.toLowerCase() === t) ?? links.ambiguous.find((a) => a.text.toLowerCase() === t)?.resolvedTo;
    if (hit) {
      ws.open(hit.kind === 'report' ? { view: 'report', id: hit.id } : hit.kind === 'note' ? { view: 'note', id: hit.id } : { view: 'entity', id: hit.id });
      return;
    }
    const entities = await api['entities.list']({});
    const e = entities.find((x) => x.name.toLowerCase() === t || x.aliases.some((a) => a.toLowerCase() === t));
    if (e) ws.open({ view: 'entity', id: e.id });
    else toasts.info(`[[${target}]] does not link to anything yet. Save the note first, or create a note or entity with that name.`);
  }

  const status = state === 'saved' ? 'Saved' : state === 'saving' ? 'Saving…' : state === 'dirty' ? 'Unsaved changes' : 'Not saved';
  return (
    <div className="note-layout">
      <article className="note" aria-labelledby="note-title-label">
        <div className="note-head">
          <label id="note-title-label" htmlFor="note-title" className="visually-hidden">
            Note title
          </label>
          <input
            id="note-title"
            className="note-title"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              schedule({ title: e.target.value });
            }}
          />
          <span className={`save-state save-${state}`} role="status" aria-live="polite">
            {status}
          </span>
        </div>
        <div className="note-panes">
          <section className="note-edit" aria-label="Editor">
            <MarkdownEditor
              initial={note.body}
              label="Note text (markdown)"
              lookup={lookup}
              onChange={(doc) => {
                setBody(doc);
                schedule({ body: doc });
              }}
            />
          </section>
          <section className="note-preview" aria-label="Preview">
            <h3 className="visually-hidden">Preview</h3>
            {body.trim() ? <MarkdownPreview body={body} handlers={handlers} /> : <p className="hint">The rendered note appears here.</p>}
          </section>
        </div>
      </article>
      <Aside>
        <section className="panel">
          <h3>Tags</h3>
          <TagsEditor id={note.id} tags={qc.getQueryData<NoteDetail>(['note', note.id])?.tags ?? note.tags} invalidate={[['note', note.id], ['notes']]} />
        </section>
        <BacklinksPanel id={note.id} showOutgoing />
        <section className="panel">
          <h3>Note</h3>
          <div className="button-row">
            <button type="button" onClick={() => ws.setDialog({ kind: 'export', noteIds: [note.id] })}>
              Export…
            </button>
            <button type="button" className="danger" onClick={() => ws.run('notes.delete')}>
              Delete
            </button>
          </div>
        </section>
      </Aside>
    </div>
  );
}
