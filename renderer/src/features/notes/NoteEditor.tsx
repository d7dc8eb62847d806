/**
 * A note: title, markdown editor with `[[` links, rendered preview (split, editor only or preview
 * only), tags, backlinks; autosave ~600 ms after the last change with a visible "Saving…/Saved"
 * state; delete with undo (restore). A new note is a draft until it has a title or text: nothing
 * is saved (and no empty, timestamp-titled note appears) before that.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { kindOfId, type NoteDetail, type ReportRecord } from '../../../../electron/api';
import { describeAll, describeReport } from '../../app/describe';
import { routeFor, useWorkspace } from '../../app/workspace';
import { Aside } from '../../ui/Aside';
import { ErrorBoundary, ViewError } from '../../ui/ErrorBoundary';
import { useToasts } from '../../ui/Toasts';
import { TagsEditor } from '../reader/TagsEditor';
import { useEntities, useNotes } from '../search/useLibraryData';
import { BacklinksPanel } from './Backlinks';
import { apiLinkLookup, type LinkDescriber, type LinkLookup } from './linkCompletion';
import { MarkdownEditor } from './MarkdownEditor';
import { MarkdownPreview, type PreviewHandlers } from './MarkdownPreview';

export const AUTOSAVE_MS = 600;

type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'draft';
export type PreviewMode = 'split' | 'edit' | 'preview';
const MODE_KEY = 'dossier.noteMode';
/** Narrower than this, Split puts the preview under the editor. */
const SPLIT_MIN_PX = 820;

function loadMode(): PreviewMode {
  const m = localStorage.getItem(MODE_KEY);
  return m === 'split' || m === 'edit' || m === 'preview' ? m : 'split';
}

/** A title for a note saved before its title was written: its first line, without markdown marks. */
export function titleFromBody(body: string): string {
  const line = body
    .split('\n')
    .map((l) => l.replace(/^\s*(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/, '').replace(/[*_`[\]]/g, '').trim())
    .find(Boolean);
  return (line ?? '').slice(0, 80).trim() || 'Untitled note';
}

/** `id` null: a new, unsaved note. */
export function NoteView({ id }: { id: string | null }) {
  const { api } = useWorkspace();
  // The note this draft became once saved: its editor stays mounted.
  const [draftId, setDraftId] = useState<string | null>(null);
  const [draftKey, setDraftKey] = useState(0);
  const adopt = id !== null && id === draftId;
  const note = useQuery({ queryKey: ['note', id], queryFn: () => api['notes.get']({ id: id ?? '' }), staleTime: Infinity, enabled: id !== null && !adopt });
  const prevId = useRef(id);
  useEffect(() => {
    // Opening "New note" again (from another note) starts a fresh draft.
    if (id === null && prevId.current !== null) {
      setDraftId(null);
      setDraftKey((k) => k + 1);
    }
    prevId.current = id;
  }, [id]);
  if (id === null || adopt) return <NoteEditor key={`draft-${draftKey}`} note={null} onCreated={setDraftId} />;
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

function NoteEditor({ note: initialNote, onCreated }: { note: NoteDetail | null; onCreated?(id: string): void }) {
  const ws = useWorkspace();
  const { api } = ws;
  const qc = useQueryClient();
  const toasts = useToasts();
  const [noteId, setNoteId] = useState<string | null>(initialNote?.id ?? null);
  const [title, setTitle] = useState(initialNote?.title ?? '');
  const [body, setBody] = useState(initialNote?.body ?? '');
  const [state, setState] = useState<SaveState>(initialNote ? 'saved' : 'draft');
  const [mode, setModeState] = useState<PreviewMode>(loadMode);
  // Side by side where both halves keep a usable width; else the preview goes under the editor.
  const articleRef = useRef<HTMLElement>(null);
  const [roomy, setRoomy] = useState(true);
  useEffect(() => {
    const el = articleRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setRoomy(el.clientWidth >= SPLIT_MIN_PX));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const shown: PreviewMode = mode;
  const pending = useRef<{ title?: string; body?: string }>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const creating = useRef<Promise<string | null> | null>(null);
  const idRef = useRef(noteId);
  idRef.current = noteId;
  const titleRef = useRef(title);
  titleRef.current = title;
  const bodyRef = useRef(body);
  bodyRef.current = body;
  // A report hit's line (date, source) needs its record: fetched for the few hits, cached as the
  // reader caches it, never the whole report list.
  const lookup = useMemo<LinkLookup>(() => {
    const quick = apiLinkLookup(api);
    return async (q) => {
      const hits = await quick(q);
      const reportHits = hits.filter((h) => h.kind === 'report');
      await Promise.all(reportHits.map((h) => qc.fetchQuery({ queryKey: ['report', h.id], queryFn: () => api['reports.get']({ id: h.id }), staleTime: 30_000 }).catch(() => undefined)));
      return hits;
    };
  }, [api, qc]);
  const notes = useNotes(api);
  const entities = useEntities(api);
  const lines = useMemo(() => new Map(describeAll([], notes.data, entities.data).map((d) => [d.id, d.line])), [notes.data, entities.data]);
  const describe = useCallback<LinkDescriber>(
    (h) => {
      if (h.kind !== 'report') return lines.get(h.id);
      const r = qc.getQueryData<ReportRecord>(['report', h.id]);
      return r ? describeReport(r).line : undefined;
    },
    [lines, qc],
  );
  const saved = useQuery({ queryKey: ['note', noteId], queryFn: () => api['notes.get']({ id: noteId ?? '' }), enabled: false, initialData: initialNote ?? undefined });
  const current = saved.data ?? initialNote;
  const { remember, open } = ws;

  useEffect(() => {
    if (noteId && current) remember({ kind: 'note', id: noteId, title: current.title });
  }, [noteId, current, remember]);

  const setMode = (m: PreviewMode) => {
    setModeState(m);
    localStorage.setItem(MODE_KEY, m);
  };

  const afterSave = useCallback(
    (n: NoteDetail) => {
      qc.setQueryData(['note', n.id], n);
      if (n.changed?.length) toasts.info(`Saved with changes: ${n.changed.join('; ')}.`);
      void qc.invalidateQueries({ queryKey: ['notes'] });
      void qc.invalidateQueries({ queryKey: ['links'] });
      void qc.invalidateQueries({ queryKey: ['tags'] });
    },
    [qc, toasts],
  );

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const patch = pending.current;
    pending.current = {};
    if (patch.title === undefined && patch.body === undefined) return;
    let id = idRef.current;
    if (!id) {
      // A draft: saved once it has a title or some text.
      if (!titleRef.current.trim() && !bodyRef.current.trim()) {
        setState('draft');
        return;
      }
      if (!creating.current) {
        setState('saving');
        creating.current = api['notes.create']({ title: titleRef.current.trim() || titleFromBody(bodyRef.current), body: bodyRef.current }).then(
          (n) => {
            afterSave(n);
            setNoteId(n.id);
            idRef.current = n.id;
            onCreated?.(n.id);
            // The address becomes the note's own; Back still goes to where "New note" was chosen.
            open({ view: 'note', id: n.id }, { replace: true });
            return n.id;
          },
          (err: unknown) => {
            creating.current = null;
            setState('error');
            toasts.error(err);
            return null;
          },
        );
        id = await creating.current;
        if (!id) return;
        setState(Object.keys(pending.current).length > 0 ? 'dirty' : 'saved');
        return;
      }
      id = await creating.current;
      if (!id) return;
    }
    if (patch.title !== undefined && !patch.title.trim()) delete patch.title;
    if (patch.title === undefined && patch.body === undefined) {
      setState('saved');
      return;
    }
    setState('saving');
    try {
      afterSave(await api['notes.update']({ id, ...patch }));
      setState(Object.keys(pending.current).length > 0 ? 'dirty' : 'saved');
    } catch (err) {
      setState('error');
      toasts.error(err);
    }
  }, [api, afterSave, onCreated, open, toasts]);

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

  async function openLink(target: string) {
    const kind = kindOfId(target);
    if (kind) {
      ws.open(routeFor(kind, target));
      return;
    }
    await flush();
    const links = (idRef.current ? qc.getQueryData<NoteDetail>(['note', idRef.current]) : undefined)?.links ?? current?.links;
    const tl = target.toLowerCase();
    const hit = links?.outgoing.find((l) => l.title.toLowerCase() === tl) ?? links?.ambiguous.find((a) => a.text.toLowerCase() === tl)?.resolvedTo;
    if (hit) {
      ws.open(routeFor(hit.kind, hit.id));
      return;
    }
    const list = await api['entities.list']({});
    const e = list.find((x) => x.name.toLowerCase() === tl || x.aliases.some((a) => a.toLowerCase() === tl));
    if (e) {
      ws.open({ view: 'entity', id: e.id });
      return;
    }
    // Nothing by that name: create the note the link asks for, and go there.
    try {
      const n = await api['notes.create']({ title: target, body: '' });
      afterSave(n);
      toasts.info(`Created the note “${n.title}”.`);
      ws.open({ view: 'note', id: n.id });
    } catch (err) {
      toasts.error(err);
    }
  }

  const handlers: PreviewHandlers = {
    onLink: (target) => void openLink(target),
    onCite: (reportId, start, end) => ws.open({ view: 'report', id: reportId, cite: { start, end } }),
    // Not Electron's shell: the contract's openExternal, which main checks (http, https, mailto) before opening.
    onExternal: (url) => void api.openExternal(url).catch(toasts.error) /* eng-disable OPEN_EXTERNAL_JS_CHECK */,
    isUnresolved: (target) => (current?.links.unresolved ?? []).some((u) => u.text === target),
  };

  const unresolved = useMemo(() => (current?.links.unresolved ?? []).map((u) => u.text), [current]);
  const status =
    state === 'draft'
      ? 'Not saved until it has a title or text'
      : state === 'saved'
        ? 'Saved'
        : state === 'saving'
          ? 'Saving…'
          : state === 'dirty'
            ? 'Unsaved changes'
            : 'Not saved';
  const tags = current?.tags ?? [];
  return (
    <div className="note-layout">
      <article ref={articleRef} className={`note note-${shown} ${roomy ? '' : 'note-stacked'}`} aria-labelledby="note-title-label">
        <div className="note-head">
          <label id="note-title-label" htmlFor="note-title" className="visually-hidden">
            Note title
          </label>
          <input
            id="note-title"
            className="note-title"
            placeholder="Untitled note"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              schedule({ title: e.target.value });
            }}
          />
          <div className="segmented" role="group" aria-label="Preview">
            {(['edit', 'split', 'preview'] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={shown === m}
                title={m === 'split' ? (roomy ? 'Editor and preview side by side' : 'Preview under the editor (side by side in a wider window)') : undefined}
                onClick={() => setMode(m)}
              >
                {m === 'edit' ? 'Edit' : m === 'split' ? 'Split' : 'Preview'}
              </button>
            ))}
          </div>
          <span className={`save-state save-${state}`} role="status" aria-live="polite">
            {status}
          </span>
        </div>
        <div className="note-panes">
          <section className="note-edit" aria-label="Editor" hidden={shown === 'preview'}>
            <MarkdownEditor
              initial={initialNote?.body ?? ''}
              label="Note text (markdown)"
              lookup={lookup}
              describe={describe}
              unresolved={unresolved}
              onOpenLink={(t) => void openLink(t)}
              onChange={(doc) => {
                setBody(doc);
                schedule({ body: doc });
              }}
            />
          </section>
          <section className="note-preview" aria-label="Preview" hidden={shown === 'edit'}>
            <h3 className="visually-hidden">Preview</h3>
            {body.trim() ? (
              <ErrorBoundary resetKey={body} fallback={(error) => <ViewError what="The preview" error={error} raw={body} />}>
                <MarkdownPreview body={body} handlers={handlers} />
              </ErrorBoundary>
            ) : (
              <p className="hint">The rendered note appears here.</p>
            )}
          </section>
        </div>
      </article>
      <Aside>
        {noteId ? (
          <>
            <section className="panel">
              <h3>Tags</h3>
              <TagsEditor id={noteId} tags={tags} inline={current?.inlineTags} invalidate={[['note', noteId], ['notes'], ['tags']]} />
              <p className="hint">Write #word in the text to tag the note too; delete it from the text to untag.</p>
            </section>
            <BacklinksPanel id={noteId} showOutgoing />
            <section className="panel">
              <h3>Note</h3>
              <div className="button-row">
                <button type="button" onClick={() => ws.setDialog({ kind: 'export', noteIds: [noteId] })}>
                  Export…
                </button>
                <button type="button" className="danger" onClick={() => ws.run('notes.delete')}>
                  Delete
                </button>
              </div>
            </section>
          </>
        ) : (
          <section className="panel">
            <h3>New note</h3>
            <p className="hint">Nothing is saved until the note has a title or some text. Type [[ to link, #word to tag.</p>
          </section>
        )}
      </Aside>
    </div>
  );
}
