/**
 * The reader: a report's text (plain text, never HTML) with its metadata (editable), entity
 * mentions marked by type, search and find matches at the offsets the search engine gives
 * (`search.locate`, so "Khama" is marked whole, never "hama" inside it), a cited passage, and a
 * margin map of where they all are.
 *
 * Selecting text shows a toolbar beside the selection, always inside the viewport: Tag, Quote,
 * Copy citation, Search for this. The forms it opens float beside the selection too and take
 * focus. Keyboard: Shift+arrows select in the text (Ctrl+Shift+arrows by word), Alt+Enter opens
 * the toolbar, T/Q/C/S pick an action, Ctrl+F finds in the report, Escape closes.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent } from 'react';
import type { EntityRecord, MatchSpan, MentionRecord } from '../../../../electron/api';
import { plural } from '../../../../electron/api/text';
import type { AppApi } from '../../app/api';
import { useWorkspace } from '../../app/workspace';
import { formatDate } from '../../ui/format';
import { Aside } from '../../ui/Aside';
import { useToasts } from '../../ui/Toasts';
import { Suggestions } from '../entities/Suggestions';
import { BacklinksPanel } from '../notes/Backlinks';
import { FindBar } from './FindBar';
import { Floating } from './Floating';
import { MetadataForm } from './MetadataForm';
import { Minimap, type MapMark } from './Minimap';
import { ReportText } from './ReportText';
import { rangeForOffsets, rectOfOffsets, selectionInBody, type BodySelection, type Span } from './selection';
import { scanEverywhere, TagSelectionForm } from './TagForm';
import { TagsEditor } from './TagsEditor';
import { Provenance } from './Provenance';
import './reader.css';
import { FormActions } from '../../ui/FormActions';

export { TagSelectionForm } from './TagForm';

/** Mentions in one report, in text order. */
export async function mentionsInReport(api: AppApi, reportId: string): Promise<MentionRecord[]> {
  return api['reports.mentions']({ id: reportId });
}

interface Props {
  id: string;
  cite?: { start: number; end: number };
  /** The search query whose matches to highlight, and the match to open at. */
  q?: string;
  at?: { start: number; end: number };
}

type Action = { kind: 'tag'; sel: BodySelection } | { kind: 'quote'; sel: BodySelection } | null;

const isMod = (e: KeyboardEvent | ReactKeyboardEvent) => e.ctrlKey || e.metaKey;

export function Reader({ id, cite, q, at }: Props) {
  const ws = useWorkspace();
  const { api } = ws;
  const qc = useQueryClient();
  const toasts = useToasts();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => api['reports.get']({ id }) });
  const body = useQuery({ queryKey: ['body', id], queryFn: () => api['reports.body']({ id }) });
  const mentions = useQuery({ queryKey: ['reportMentions', id], queryFn: () => mentionsInReport(api, id) });
  const entities = useQuery({ queryKey: ['entities'], queryFn: () => api['entities.list']({}) });
  const hits = useQuery({
    queryKey: ['locate', id, q ?? ''],
    queryFn: () => (q ? api['search.locate']({ q, id }) : Promise.resolve([] as MatchSpan[])),
    enabled: !!q,
  });
  const textRef = useRef<HTMLDivElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [sel, setSel] = useState<BodySelection | null>(null);
  const [toolbar, setToolbar] = useState(false);
  const [action, setAction] = useState<Action>(null);
  const [editing, setEditing] = useState(false);
  const [find, setFind] = useState<{ q: string; matches: MatchSpan[]; current: number } | null>(null);
  const [scan, setScan] = useState<{ name: string; done: number; total: number } | null>(null);
  const text = body.data?.text ?? '';
  const { remember } = ws;

  useEffect(() => {
    if (report.data) remember({ kind: 'report', id, title: report.data.title });
  }, [report.data, id, remember]);

  useEffect(() => {
    setSel(null);
    setAction(null);
    setToolbar(false);
    setFind(null);
  }, [id]);

  const typeOf = useMemo(() => new Map((entities.data ?? []).map((e) => [e.id, e])), [entities.data]);
  const searchHits = useMemo(() => hits.data ?? [], [hits.data]);
  const spans = useMemo<Span[]>(() => {
    const out: Span[] = [];
    for (const m of mentions.data ?? []) {
      const e = typeOf.get(m.entityId);
      out.push({ start: m.start, end: m.end, className: `mention type-${e?.type ?? 'other'}`, title: e ? `${e.name} (${e.type})` : m.text });
    }
    for (const h of searchHits) out.push({ start: h.start, end: h.end, className: at && h.start === at.start ? 'hl-search hl-at' : 'hl-search' });
    if (find) find.matches.forEach((m, i) => out.push({ start: m.start, end: m.end, className: i === find.current ? 'hl-find current' : 'hl-find' }));
    if (cite) out.push({ start: cite.start, end: cite.end, className: 'cite' });
    return out;
  }, [mentions.data, typeOf, searchHits, find, cite, at]);

  const mapMarks = useMemo<MapMark[]>(() => {
    const out: MapMark[] = (mentions.data ?? []).map((m) => ({ start: m.start, kind: 'mention' }));
    if (find) find.matches.forEach((m, i) => out.push({ start: m.start, kind: i === find.current ? 'current' : 'match' }));
    else for (const h of searchHits) out.push({ start: h.start, kind: 'match' });
    return out;
  }, [mentions.data, find, searchHits]);

  const scrollToOffset = useCallback((start: number) => {
    const el = textRef.current?.querySelector<HTMLElement>(`[data-start="${start}"]`);
    el?.scrollIntoView({ block: 'center' });
  }, []);

  // Open at the cited passage, the search hit's match, or the first match: once per opening. The
  // hits come later than the text (and are fetched again when the index changes), so this runs
  // until the mark is there, and never again for the same opening: a refetch must not carry a
  // reader who has scrolled on back to the first match.
  const openedAt = useRef<string | null>(null);
  useEffect(() => {
    if (!text) return;
    const key = JSON.stringify([id, cite?.start ?? null, cite?.end ?? null, at ?? null, q ?? null]);
    if (openedAt.current === key) return;
    requestAnimationFrame(() => {
      const root = textRef.current;
      const el =
        (cite && root?.querySelector<HTMLElement>('mark.cite')) ||
        (at && root?.querySelector<HTMLElement>('mark.hl-at')) ||
        (q && root?.querySelector<HTMLElement>('mark.hl-search')) ||
        null;
      if (!el || openedAt.current === key) return;
      el.scrollIntoView({ block: 'center' });
      openedAt.current = key;
    });
  }, [id, text, cite, at, q, searchHits]);

  const anchorRect = useCallback(() => {
    const s = action?.sel ?? sel;
    if (!s || !textRef.current) return null;
    return rectOfOffsets(textRef.current, s.start, s.end);
  }, [action, sel]);

  const readSelection = useCallback((): BodySelection | null => {
    if (!textRef.current) return null;
    const s = selectionInBody(textRef.current, window.getSelection(), text.length);
    return s ? { ...s, text: text.slice(s.start, s.end) } : null;
  }, [text]);

  const onSelect = useCallback(() => {
    const s = readSelection();
    setSel(s);
    setToolbar(!!s && s.text.trim() !== '');
  }, [readSelection]);

  /** Selects body offsets in the page (find results, so the keyboard can go on from there). */
  const selectOffsets = useCallback((start: number, end: number) => {
    const root = textRef.current;
    const range = root ? rangeForOffsets(root, start, end) : null;
    if (!range) return;
    const s = window.getSelection();
    s?.removeAllRanges();
    s?.addRange(range);
    setSel({ start, end, text: text.slice(start, end) });
  }, [text]);

  const openToolbar = useCallback(() => {
    const s = readSelection() ?? sel;
    if (!s || s.text.trim() === '') {
      toasts.info('Select some text first: drag over it, or Shift+arrows in the text.');
      return;
    }
    setSel(s);
    setToolbar(true);
    requestAnimationFrame(() => toolbarRef.current?.querySelector<HTMLButtonElement>('button')?.focus());
  }, [readSelection, sel, toasts]);

  // Ctrl+F finds in this report (the global search stays on the search box and Ctrl+K).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isMod(e) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f') {
        const active = document.activeElement;
        if (active instanceof HTMLElement && active.closest('.banner')) return;
        if (active instanceof HTMLElement && active.id === 'find-input') return; // a second Ctrl+F: the global search
        e.preventDefault();
        e.stopPropagation();
        const chosen = readSelection();
        setFind((f) => f ?? { q: chosen && chosen.text.length < 80 ? chosen.text : '', matches: [], current: 0 });
        requestAnimationFrame(() => (document.getElementById('find-input') as HTMLInputElement | null)?.focus());
      } else if (e.altKey && e.key === 'Enter' && textRef.current?.closest('.reader')?.contains(document.activeElement ?? null)) {
        e.preventDefault();
        openToolbar();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [readSelection, openToolbar]);

  // Clicking elsewhere closes the toolbar (the selection goes away anyway).
  useEffect(() => {
    if (!toolbar) return;
    const onDown = (e: globalThis.MouseEvent) => {
      if (toolbarRef.current?.contains(e.target as Node)) return;
      setToolbar(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [toolbar]);

  /** Shift+arrows select from the caret (or from the first visible character) without an editable caret. */
  const onTextKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const dirs: Record<string, 'forward' | 'backward'> = { ArrowRight: 'forward', ArrowDown: 'forward', ArrowLeft: 'backward', ArrowUp: 'backward' };
    const dir = dirs[e.key];
    if (!e.shiftKey || !dir) return;
    const s = window.getSelection();
    const root = textRef.current;
    if (!s || !root) return;
    e.preventDefault();
    if (s.rangeCount === 0 || !root.contains(s.anchorNode)) {
      const box = root.getBoundingClientRect();
      const main = root.closest('.content')?.getBoundingClientRect();
      const y = Math.max(box.top, main?.top ?? 0) + 12;
      const start = document.caretRangeFromPoint?.(box.left + 2, y) ?? rangeForOffsets(root, 0, 0);
      if (!start) return;
      s.removeAllRanges();
      s.addRange(start);
    }
    const granularity = e.key === 'ArrowUp' || e.key === 'ArrowDown' ? 'line' : isMod(e) ? 'word' : 'character';
    s.modify('extend', dir, granularity);
    const next = readSelection();
    setSel(next);
    setToolbar(false);
  };

  const onMentionClick = (e: MouseEvent) => {
    const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.mention');
    if (!mark || !window.getSelection()?.isCollapsed) return;
    const start = Number(mark.dataset.start);
    const m = (mentions.data ?? []).find((x) => x.start <= start && x.end > start);
    if (m) ws.open({ view: 'entity', id: m.entityId });
  };

  const runAction = (kind: 'tag' | 'quote' | 'copy' | 'search') => {
    const s = sel;
    if (!s) return;
    setToolbar(false);
    if (kind === 'tag' || kind === 'quote') setAction({ kind, sel: s });
    else if (kind === 'copy') {
      void api['reports.citation']({ reportId: id, start: s.start, end: s.end }).then(
        async (c) => {
          await navigator.clipboard.writeText(c.markdown);
          toasts.info('Copied the passage with its citation; paste it into a note.');
        },
        toasts.error,
      );
    } else {
      setFind({ q: s.text.trim().slice(0, 200), matches: [], current: 0 });
    }
  };

  const onToolbarKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, 'tag' | 'quote' | 'copy' | 'search'> = { t: 'tag', q: 'quote', c: 'copy', s: 'search' };
    const k = keys[e.key.toLowerCase()];
    if (k && !isMod(e) && !e.altKey) {
      e.preventDefault();
      runAction(k);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setToolbar(false);
      textRef.current?.focus({ preventScroll: true });
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const buttons = [...(toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      buttons[(i + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length]?.focus();
      e.preventDefault();
    }
  };

  const afterTag = async (entity: { id: string; name: string }, s: BodySelection) => {
    setAction(null);
    const invalidate = () => {
      void qc.invalidateQueries({ queryKey: ['reportMentions'] });
      void qc.invalidateQueries({ queryKey: ['entities'] });
      void qc.invalidateQueries({ queryKey: ['entity'] });
      void qc.invalidateQueries({ queryKey: ['reports'] });
    };
    try {
      // This report first, at once: every occurrence and variant.
      const here = await api['entities.scan']({ id: entity.id, reportIds: [id] });
      invalidate();
      toasts.info(`Tagged “${s.text}” as ${entity.name}: ${plural(Math.max(1, here.entities[0]?.mentions ?? 0), 'occurrence')} marked in this report.`);
      const { found, scanned } = await scanEverywhere(api, entity.id, id, (done, total) => setScan({ name: entity.name, done, total }));
      if (scanned === 0) return;
      invalidate();
      toasts.info(`Scanned ${plural(scanned, 'other report')}: ${plural(found, 'mention')} of ${entity.name}.`);
    } catch (err) {
      toasts.error(err);
    } finally {
      setScan(null);
    }
  };

  const deleteReport = async () => {
    const r = report.data;
    if (!r) return;
    try {
      const res = await api['reports.delete']({ id: r.id });
      void qc.invalidateQueries({ queryKey: ['reports'] });
      void qc.invalidateQueries({ queryKey: ['reportTrash'] });
      void qc.invalidateQueries({ queryKey: ['entities'] });
      ws.open({ view: 'home' });
      const more = [res.mentions ? plural(res.mentions, 'mention') : '', res.citingNotes ? `cited by ${plural(res.citingNotes, 'note')}` : ''].filter(Boolean).join(', ');
      toasts.info(`Moved “${r.title}” to the trash${more ? ` (${more})` : ''}.`, {
        label: 'Undo',
        run: () =>
          void api['reports.restore']({ id: r.id }).then(() => {
            void qc.invalidateQueries();
            ws.open({ view: 'report', id: r.id });
          }, toasts.error),
      });
    } catch (err) {
      toasts.error(err);
    }
  };

  if (report.isError || body.isError) {
    return (
      <div className="error-state" role="alert">
        <p>This report could not be opened: {String((report.error ?? body.error)?.message)}</p>
      </div>
    );
  }
  const r = report.data;
  const openLink = (url: string | null | undefined) => {
    // Not Electron's shell: the contract's openExternal, which main checks again before opening.
    if (url && /^(https?:|mailto:)/i.test(url)) void api.openExternal(url).catch(toasts.error) /* eng-disable OPEN_EXTERNAL_JS_CHECK */;
  };
  const sourceIsUrl = !!r?.source && /^https?:\/\//i.test(r.source);

  return (
    <div className="reader-layout">
      <article className="reader" aria-labelledby="reader-title" aria-busy={!r || body.isLoading}>
        <header className="reader-head">
          <h2 id="reader-title">{r?.title ?? 'Loading…'}</h2>
          {r && editing ? (
            <MetadataForm
              api={api}
              report={r}
              onCancel={() => setEditing(false)}
              onDone={(next) => {
                setEditing(false);
                qc.setQueryData(['report', id], next);
                void qc.invalidateQueries({ queryKey: ['reports'] });
                toasts.info('Saved the report’s details.');
              }}
            />
          ) : r ? (
            <>
              <dl className="meta">
                <div>
                  <dt>Published</dt>
                  <dd>{r.publishedAt ? formatDate(r.publishedAt) : <span className="muted">not stated</span>}</dd>
                </div>
                <div>
                  <dt>Imported</dt>
                  <dd>{formatDate(r.importedAt)}</dd>
                </div>
                <div>
                  <dt>Source</dt>
                  <dd>
                    {r.source ? (
                      sourceIsUrl ? (
                        <button type="button" className="link-button" onClick={() => openLink(r.source)} title="Open in your browser (asks first)">
                          {r.source}
                        </button>
                      ) : (
                        <span className="source-text">{r.source}</span>
                      )
                    ) : (
                      '—'
                    )}
                  </dd>
                </div>
                {r.author ? (
                  <div>
                    <dt>Author</dt>
                    <dd>{r.author}</dd>
                  </div>
                ) : null}
                {r.url ? (
                  <div>
                    <dt>URL</dt>
                    <dd>
                      <button type="button" className="link-button" onClick={() => openLink(r.url)}>
                        {r.url}
                      </button>
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt>Tags</dt>
                  <dd>
                    <TagsEditor id={r.id} tags={r.tags} invalidate={[['report', id], ['reports']]} />
                  </dd>
                </div>
              </dl>
              <div className="button-row reader-actions">
                <button type="button" onClick={() => setEditing(true)}>
                  Edit details…
                </button>
                <button type="button" onClick={() => setFind((f) => f ?? { q: '', matches: [], current: 0 })} title="Find in report (Ctrl+F)">
                  Find…
                </button>
                <button type="button" className="danger" onClick={() => void deleteReport()}>
                  Delete report
                </button>
              </div>
            </>
          ) : null}
          {r ? <Provenance report={r} /> : null}
        </header>
        {find ? (
          <FindBar
            api={api}
            reportId={id}
            initial={find.q}
            current={find.current}
            matches={find.matches}
            onMatches={(fq, matches) => {
              setFind((f) => (f ? { q: fq, matches, current: 0 } : f));
              if (matches[0]) requestAnimationFrame(() => scrollToOffset(matches[0]?.start ?? 0));
            }}
            onMove={(current) => {
              setFind((f) => (f ? { ...f, current } : f));
              const m = find.matches[current];
              if (m) requestAnimationFrame(() => scrollToOffset(m.start));
            }}
            onClose={() => {
              const m = find.matches[find.current];
              setFind(null);
              textRef.current?.focus({ preventScroll: true });
              if (m) requestAnimationFrame(() => selectOffsets(m.start, m.end));
            }}
          />
        ) : null}
        <p className="hint reader-hint" aria-live="polite">
          {scan ? (
            <span role="status">
              Scanning other reports for {scan.name}: {scan.done} of {scan.total}…{' '}
              <progress max={scan.total} value={scan.done} aria-label="Scan progress" />
            </span>
          ) : sel && !toolbar ? (
            <>
              Selected <q>{sel.text.length > 60 ? `${sel.text.slice(0, 60)}…` : sel.text}</q>: press <kbd>Alt+Enter</kbd> for actions.
            </>
          ) : (
            'Select text to tag, quote, cite or search it (keyboard: Shift+arrows, then Alt+Enter). Ctrl+F finds in this report.'
          )}
        </p>
        {body.isLoading ? (
          <p role="status">Loading the text…</p>
        ) : text ? (
          <div className="reader-body" onClick={onMentionClick}>
            <ReportText ref={textRef} text={text} spans={spans} onSelect={onSelect} onKeyDown={onTextKeyDown} />
            <Minimap textRef={textRef} marks={mapMarks} layoutKey={`${text.length}:${spans.length}`} onJump={scrollToOffset} />
          </div>
        ) : (
          <p className="empty">This report has no text.</p>
        )}
      </article>
      {toolbar && sel && !action ? (
        <Floating anchor={anchorRect} label="Selection actions" role="toolbar" className="selection-toolbar" onKeyDown={onToolbarKey}>
          <div ref={toolbarRef} className="toolbar-buttons">
            <button type="button" onClick={() => runAction('tag')} title="Tag as entity (T)">
              Tag…
            </button>
            <button type="button" onClick={() => runAction('quote')} title="Quote into a note (Q)">
              Quote…
            </button>
            <button type="button" onClick={() => runAction('copy')} title="Copy the passage with its citation (C)">
              Copy citation
            </button>
            <button type="button" onClick={() => runAction('search')} title="Find this in the report (S)">
              Search for this
            </button>
          </div>
        </Floating>
      ) : null}
      {action ? (
        <Floating anchor={anchorRect} label={action.kind === 'tag' ? 'Tag as entity' : 'Quote into note'} prefer="below" className="action-popover">
          {action.kind === 'tag' ? (
            <TagSelectionForm api={api} reportId={id} sel={action.sel} onCancel={() => setAction(null)} onDone={(entity) => void afterTag(entity, action.sel)} />
          ) : (
            <QuoteForm
              api={api}
              reportId={id}
              sel={action.sel}
              onCancel={() => setAction(null)}
              onDone={(noteId) => {
                setAction(null);
                void qc.invalidateQueries({ queryKey: ['notes'] });
                void qc.invalidateQueries({ queryKey: ['note', noteId] });
                void qc.invalidateQueries({ queryKey: ['links'] });
                ws.open({ view: 'note', id: noteId });
              }}
            />
          )}
        </Floating>
      ) : null}
      <Aside>
        <EntityLegend mentions={mentions.data ?? []} entities={typeOf} />
        <BacklinksPanel id={id} />
        <Suggestions reportId={id} />
      </Aside>
    </div>
  );
}

function EntityLegend({ mentions, entities }: { mentions: MentionRecord[]; entities: Map<string, EntityRecord> }) {
  const ws = useWorkspace();
  const ids = [...new Set(mentions.map((m) => m.entityId))];
  return (
    <section className="panel" aria-labelledby="legend-title">
      <h3 id="legend-title">Entities mentioned</h3>
      {ids.length === 0 ? (
        <p className="hint">None tagged yet. Select a name in the text and choose “Tag…”, or use the suggestions below.</p>
      ) : (
        <ul className="plain-list">
          {ids.map((eid) => {
            const e = entities.get(eid);
            const n = mentions.filter((m) => m.entityId === eid).length;
            return (
              <li key={eid}>
                <button type="button" className="link-button" onClick={() => ws.open({ view: 'entity', id: eid })}>
                  <span className={`dot type-${e?.type ?? 'other'}`} aria-hidden="true" />
                  {e?.name ?? eid}
                </button>{' '}
                <span className="muted">
                  {e?.type} · {n}×
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface QuoteFormProps {
  api: AppApi;
  reportId: string;
  sel: BodySelection;
  onDone(noteId: string): void;
  onCancel(): void;
}

function QuoteForm({ api, reportId, sel, onDone, onCancel }: QuoteFormProps) {
  const toasts = useToasts();
  const notes = useQuery({ queryKey: ['notes'], queryFn: () => api['notes.list']({}) });
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    requestAnimationFrame(() => first.current?.focus());
  }, []);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await api['notes.quote']({ reportId, start: sel.start, end: sel.end, ...(target ? { noteId: target } : {}) });
      onDone(res.note.id);
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="quote-form" aria-label="Quote into note" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <p className="form-title">
        Quote <q>{sel.text.length > 80 ? `${sel.text.slice(0, 80)}…` : sel.text}</q>
      </p>
      <div className="form-row">
        <label>
          Into{' '}
          <select ref={first} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">a new note</option>
            {(notes.data ?? []).map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormActions submit="Quote" disabled={busy} onCancel={onCancel} />
    </form>
  );
}
