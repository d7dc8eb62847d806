/**
 * The reader: a report's text (plain text, never HTML) with its metadata, entity mentions marked
 * by type, search matches and a cited passage highlighted, and actions on a text selection:
 * "Tag as entity…" (entities.tagSelection) and "Quote into note…" (notes.quote).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import type { EntityRecord, EntityType, MentionRecord } from '../../../../electron/api';
import { optional, type AppApi } from '../../app/api';
import { ENTITY_TYPES, useWorkspace } from '../../app/workspace';
import { formatDate } from '../../ui/format';
import { Aside } from '../../ui/Aside';
import { useToasts } from '../../ui/Toasts';
import { Suggestions } from '../entities/Suggestions';
import { BacklinksPanel } from '../notes/Backlinks';
import { ReportText } from './ReportText';
import { selectionInBody, termSpans, type BodySelection, type Span } from './selection';
import { TagsEditor } from './TagsEditor';

/** Mentions in one report, in text order. */
export async function mentionsInReport(api: AppApi, reportId: string): Promise<MentionRecord[]> {
  return api['reports.mentions']({ id: reportId });
}

interface Props {
  id: string;
  cite?: { start: number; end: number };
  terms?: string[];
}

type Action = { kind: 'tag'; sel: BodySelection } | { kind: 'quote'; sel: BodySelection } | null;

export function Reader({ id, cite, terms }: Props) {
  const ws = useWorkspace();
  const { api } = ws;
  const qc = useQueryClient();
  const toasts = useToasts();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => api['reports.get']({ id }) });
  const body = useQuery({ queryKey: ['body', id], queryFn: () => api['reports.body']({ id }) });
  const mentions = useQuery({ queryKey: ['reportMentions', id], queryFn: () => mentionsInReport(api, id) });
  const entities = useQuery({ queryKey: ['entities'], queryFn: () => api['entities.list']({}) });
  const textRef = useRef<HTMLDivElement>(null);
  const [sel, setSel] = useState<BodySelection | null>(null);
  const [action, setAction] = useState<Action>(null);
  const text = body.data?.text ?? '';
  const { remember } = ws;

  useEffect(() => {
    if (report.data) remember({ kind: 'report', id, title: report.data.title });
  }, [report.data, id, remember]);

  useEffect(() => {
    setSel(null);
    setAction(null);
  }, [id]);

  const typeOf = useMemo(() => new Map((entities.data ?? []).map((e) => [e.id, e])), [entities.data]);
  const spans = useMemo<Span[]>(() => {
    const out: Span[] = [];
    for (const m of mentions.data ?? []) {
      const e = typeOf.get(m.entityId);
      out.push({ start: m.start, end: m.end, className: `mention type-${e?.type ?? 'other'}`, title: e ? `${e.name} (${e.type})` : m.text });
    }
    if (terms && terms.length > 0) out.push(...termSpans(text, terms));
    if (cite) out.push({ start: cite.start, end: cite.end, className: 'cite' });
    return out;
  }, [mentions.data, typeOf, terms, cite, text]);

  // Scroll to the cited passage (or the first search match) once the text is there.
  useEffect(() => {
    if (!text) return;
    const el = textRef.current?.querySelector<HTMLElement>(cite ? 'mark.cite' : 'mark.hl-search');
    el?.scrollIntoView({ block: 'center' });
  }, [text, cite, terms]);

  const onSelect = useCallback(() => {
    if (!textRef.current) return;
    const s = selectionInBody(textRef.current, window.getSelection(), text.length);
    setSel(s ? { ...s, text: text.slice(s.start, s.end) } : null);
  }, [text]);

  const onMentionClick = (e: MouseEvent) => {
    const mark = (e.target as HTMLElement).closest<HTMLElement>('mark.mention');
    if (!mark || !window.getSelection()?.isCollapsed) return;
    const start = Number(mark.dataset.start);
    const m = (mentions.data ?? []).find((x) => x.start <= start && x.end > start);
    if (m) ws.open({ view: 'entity', id: m.entityId });
  };

  if (report.isError || body.isError) {
    return (
      <div className="error-state" role="alert">
        <p>This report could not be opened: {String((report.error ?? body.error)?.message)}</p>
      </div>
    );
  }
  const r = report.data;
  const openSource = () => {
    if (!r?.source) return;
    const open = optional(api, 'openExternal');
    if (open && /^(https?:|mailto:)/i.test(r.source)) void open(r.source).catch(toasts.error);
  };
  const sourceIsUrl = !!r?.source && /^https?:\/\//i.test(r.source);

  return (
    <div className="reader-layout">
      <article className="reader" aria-labelledby="reader-title" aria-busy={!r || body.isLoading}>
        <header className="reader-head">
          <h2 id="reader-title">{r?.title ?? 'Loading…'}</h2>
          {r ? (
            <dl className="meta">
              <div>
                <dt>Source</dt>
                <dd>
                  {r.source ? (
                    sourceIsUrl && optional(api, 'openExternal') ? (
                      <button type="button" className="link-button" onClick={openSource} title="Open in your browser (asks first)">
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
              <div>
                <dt>Published</dt>
                <dd>{r.publishedAt ? formatDate(r.publishedAt) : <span className="muted">not stated</span>}</dd>
              </div>
              <div>
                <dt>Imported</dt>
                <dd>{formatDate(r.importedAt)}</dd>
              </div>
              {r.author ? (
                <div>
                  <dt>Author</dt>
                  <dd>{r.author}</dd>
                </div>
              ) : null}
              <div>
                <dt>Tags</dt>
                <dd>
                  <TagsEditor id={r.id} tags={r.tags} invalidate={[['report', id], ['reports']]} />
                </dd>
              </div>
            </dl>
          ) : null}
        </header>
        <div className="selection-bar" aria-live="polite">
          {sel ? (
            <>
              <span className="selection-text">
                Selected: <q>{sel.text.length > 80 ? `${sel.text.slice(0, 80)}…` : sel.text}</q>
              </span>
              <button type="button" onClick={() => setAction({ kind: 'tag', sel })}>
                Tag as entity…
              </button>
              <button type="button" onClick={() => setAction({ kind: 'quote', sel })}>
                Quote into note…
              </button>
            </>
          ) : (
            <span className="hint">Select text to tag it as an entity or quote it into a note.</span>
          )}
        </div>
        {action?.kind === 'tag' ? (
          <TagSelectionForm
            api={api}
            reportId={id}
            sel={action.sel}
            entities={entities.data ?? []}
            onDone={(entityName) => {
              setAction(null);
              void qc.invalidateQueries({ queryKey: ['reportMentions', id] });
              void qc.invalidateQueries({ queryKey: ['entities'] });
              void qc.invalidateQueries({ queryKey: ['entity'] });
              toasts.info(`Tagged “${action.sel.text}” as ${entityName}.`);
            }}
            onCancel={() => setAction(null)}
          />
        ) : null}
        {action?.kind === 'quote' ? (
          <QuoteForm
            api={api}
            reportId={id}
            sel={action.sel}
            onDone={(noteId) => {
              setAction(null);
              void qc.invalidateQueries({ queryKey: ['notes'] });
              void qc.invalidateQueries({ queryKey: ['note', noteId] });
              void qc.invalidateQueries({ queryKey: ['links'] });
              ws.open({ view: 'note', id: noteId });
            }}
            onCancel={() => setAction(null)}
          />
        ) : null}
        {body.isLoading ? (
          <p role="status">Loading the text…</p>
        ) : text ? (
          <div onClick={onMentionClick}>
            <ReportText ref={textRef} text={text} spans={spans} onSelect={onSelect} />
          </div>
        ) : (
          <p className="empty">This report has no text.</p>
        )}
      </article>
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
        <p className="hint">None tagged yet. Select a name in the text and choose “Tag as entity…”, or use the suggestions below.</p>
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

interface TagFormProps {
  api: AppApi;
  reportId: string;
  sel: BodySelection;
  entities: EntityRecord[];
  onDone(entityName: string): void;
  onCancel(): void;
}

export function TagSelectionForm({ api, reportId, sel, entities, onDone, onCancel }: TagFormProps) {
  const toasts = useToasts();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState(sel.text.trim());
  const [type, setType] = useState<EntityType>('person');
  const [existing, setExisting] = useState(entities[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      let entityId = existing;
      let entityName = entities.find((x) => x.id === existing)?.name ?? '';
      if (mode === 'new') {
        const created = await api['entities.create']({ name: name.trim(), type });
        entityId = created.entity.id;
        entityName = created.entity.name;
      }
      await api['entities.tagSelection']({ entityId, reportId, start: sel.start, end: sel.end });
      onDone(entityName);
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" aria-label="Tag as entity" onSubmit={submit}>
      <fieldset>
        <legend>
          Tag <q>{sel.text}</q> as an entity
        </legend>
        <label>
          <input type="radio" name="tag-mode" checked={mode === 'new'} onChange={() => setMode('new')} /> New entity
        </label>
        <label>
          <input type="radio" name="tag-mode" checked={mode === 'existing'} disabled={entities.length === 0} onChange={() => setMode('existing')} /> Existing
          entity
        </label>
      </fieldset>
      {mode === 'new' ? (
        <div className="form-row">
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} required data-autofocus />
          </label>
          <label>
            Type{' '}
            <select value={type} onChange={(e) => setType(e.target.value as EntityType)}>
              {ENTITY_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
        </div>
      ) : (
        <div className="form-row">
          <label>
            Entity{' '}
            <select value={existing} onChange={(e) => setExisting(e.target.value)}>
              {entities.map((en) => (
                <option key={en.id} value={en.id}>
                  {en.name} ({en.type})
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || (mode === 'new' && !name.trim())}>
          Tag
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
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
  const submit = async (e: FormEvent) => {
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
    <form className="inline-form" aria-label="Quote into note" onSubmit={submit}>
      <div className="form-row">
        <label>
          Quote into{' '}
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-autofocus>
            <option value="">a new note</option>
            {(notes.data ?? []).map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Quote
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
