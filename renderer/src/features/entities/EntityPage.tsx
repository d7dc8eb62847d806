/** An entity page: type, aliases, description, mentions with context, reports, notes, co-occurring entities, merge. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { EntityType } from '../../../../electron/api';
import { plural } from '../../../../electron/api/text';
import { ENTITY_TYPES, useWorkspace } from '../../app/workspace';
import { Aside } from '../../ui/Aside';
import { useToasts } from '../../ui/Toasts';

export function EntityPage({ id }: { id: string }) {
  const ws = useWorkspace();
  const { api } = ws;
  const qc = useQueryClient();
  const toasts = useToasts();
  const entity = useQuery({ queryKey: ['entity', id], queryFn: () => api['entities.get']({ id }) });
  const mentions = useQuery({ queryKey: ['mentions', id], queryFn: () => api['entities.mentions']({ id, limit: 200 }) });
  const all = useQuery({ queryKey: ['entities'], queryFn: () => api['entities.list']({}) });
  const [alias, setAlias] = useState('');
  const [mergeId, setMergeId] = useState('');
  const [desc, setDesc] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ name: string; keep: boolean } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const spellings = useQuery({ queryKey: ['spellings', id], queryFn: () => api['entities.spellings']({ id }) });
  const { remember } = ws;
  const e = entity.data;

  useEffect(() => {
    if (e) remember({ kind: 'entity', id, title: e.name });
  }, [e, id, remember]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['entity', id] });
    void qc.invalidateQueries({ queryKey: ['entities'] });
    void qc.invalidateQueries({ queryKey: ['mentions', id] });
    void qc.invalidateQueries({ queryKey: ['spellings', id] });
    void qc.invalidateQueries({ queryKey: ['reportMentions'] });
  };
  const guard = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      refresh();
    } catch (err) {
      toasts.error(err);
    }
  };
  if (entity.isError) {
    return (
      <div className="error-state" role="alert">
        <p>This entity could not be opened: {entity.error.message}</p>
      </div>
    );
  }
  if (!e) return <p role="status">Loading…</p>;

  const addAlias = (ev: FormEvent) => {
    ev.preventDefault();
    if (!alias.trim()) return;
    void guard(async () => {
      const res = await api['entities.addAlias']({ id, alias: alias.trim() });
      setAlias('');
      for (const w of res.warnings) toasts.info(w);
    });
  };
  const merge = (ev: FormEvent) => {
    ev.preventDefault();
    if (!mergeId) return;
    const other = all.data?.find((x) => x.id === mergeId);
    void guard(async () => {
      const res = await api['entities.merge']({ keepId: id, dropId: mergeId });
      setMergeId('');
      toasts.info(`Merged ${other?.name ?? mergeId} into ${res.entity.name}: ${plural(res.movedMentions, 'mention')} moved, ${plural(res.rewrittenNotes, 'note')} rewritten.`);
      void qc.invalidateQueries({ queryKey: ['entity', mergeId] });
      void qc.invalidateQueries({ queryKey: ['reportMentions'] });
    });
  };

  const rename = (ev: FormEvent) => {
    ev.preventDefault();
    if (!renaming?.name.trim()) return;
    void guard(async () => {
      const res = await api['entities.rename']({ id, name: renaming.name.trim(), keepOldName: renaming.keep });
      setRenaming(null);
      for (const w of res.warnings) toasts.info(w);
      void qc.invalidateQueries({ queryKey: ['notes'] });
      void qc.invalidateQueries({ queryKey: ['note'] });
    });
  };
  const remove = () =>
    void api['entities.delete']({ id }).then((res) => {
      void qc.invalidateQueries({ queryKey: ['entities'] });
      void qc.invalidateQueries({ queryKey: ['reportMentions'] });
      toasts.info(`Deleted ${e.name} and ${plural(res.mentions, 'mention')}.`);
      ws.open({ view: 'home' });
    }, toasts.error);

  return (
    <div className="entity-layout">
      <article className="entity" aria-labelledby="entity-title">
        <header className="reader-head">
          <h2 id="entity-title">
            <span className={`dot type-${e.type}`} aria-hidden="true" /> {e.name}
          </h2>
          {renaming ? (
            <form className="form-row" aria-label="Rename entity" onSubmit={rename} onKeyDown={(ev) => ev.key === 'Escape' && setRenaming(null)}>
              <label>
                New name <input autoFocus value={renaming.name} onChange={(ev) => setRenaming({ ...renaming, name: ev.target.value })} required />
              </label>
              <label>
                <input type="checkbox" checked={renaming.keep} onChange={(ev) => setRenaming({ ...renaming, keep: ev.target.checked })} /> Keep “{e.name}” as an alias
              </label>
              <button type="submit" className="primary">
                Rename
              </button>
              <button type="button" onClick={() => setRenaming(null)}>
                Cancel
              </button>
            </form>
          ) : confirmDelete ? (
            <div className="form-row" role="alertdialog" aria-label="Delete entity">
              <span>
                Delete {e.name} and its {plural(e.mentions, 'mention')} in {plural(e.reports.length, 'report')}? Notes keep their text.
              </span>
              <button type="button" className="danger" autoFocus onClick={remove}>
                Delete entity and {plural(e.mentions, 'mention')}
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <div className="button-row">
              <button type="button" onClick={() => setRenaming({ name: e.name, keep: true })}>
                Rename…
              </button>
              <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
                Delete…
              </button>
            </div>
          )}
          <div className="form-row">
            <label>
              Type{' '}
              <select value={e.type} onChange={(ev) => void guard(() => api['entities.update']({ id, type: ev.target.value as EntityType }))}>
                {ENTITY_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <span className="muted">
              {plural(e.mentions, 'mention')} in {plural(e.reports.length, 'report')}
            </span>
          </div>
        </header>
        <section className="panel" aria-labelledby="aliases-title">
          <h3 id="aliases-title">Aliases</h3>
          {e.aliases.length > 0 ? (
            <ul className="tags" aria-label="Aliases">
              {e.aliases.map((a) => (
                <li key={a} className="tag">
                  {a}
                  <button
                    type="button"
                    className="tag-remove"
                    aria-label={`Remove alias ${a}`}
                    onClick={() => void guard(() => api['entities.update']({ id, aliases: e.aliases.filter((x) => x !== a) }))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">No aliases. Add other spellings (Hmeimim for Khmeimim) so scans and search find them.</p>
          )}
          <form onSubmit={addAlias} className="form-row">
            <label>
              Add alias <input value={alias} onChange={(ev) => setAlias(ev.target.value)} />
            </label>
            <button type="submit">Add</button>
            <button type="button" onClick={() => void guard(async () => toasts.info(`Scan found ${plural((await api['entities.scan']({ id })).entities[0]?.mentions ?? 0, 'mention')}.`))}>
              Scan reports for this entity
            </button>
          </form>
        </section>
        <section className="panel" aria-labelledby="spellings-title">
          <h3 id="spellings-title">Spellings found</h3>
          {(spellings.data ?? []).length === 0 ? (
            <p className="hint">No other spellings among the mentions. Scans find variants (Khama for Hama) and list them here.</p>
          ) : (
            <ul className="plain-list spellings" aria-label="Spellings found">
              {(spellings.data ?? []).map((sp) => (
                <li key={sp.text}>
                  <strong>{sp.text}</strong>{' '}
                  <span className="muted">
                    {plural(sp.mentions, 'mention')} in {plural(sp.reports, 'report')}
                  </span>
                  <button type="button" onClick={() => void guard(() => api['entities.addAlias']({ id, alias: sp.text }))}>
                    Accept as alias
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void guard(async () => {
                        const r = await api['entities.rejectSpelling']({ id, text: sp.text });
                        toasts.info(`“${sp.text}” is not ${e.name}: ${plural(r.removedMentions, 'mention')} removed; scans will skip it.`);
                      })
                    }
                  >
                    Reject
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="desc-title">
          <h3 id="desc-title">Description</h3>
          <label className="visually-hidden" htmlFor="entity-desc">
            Description
          </label>
          <textarea
            id="entity-desc"
            rows={3}
            value={desc ?? e.notes}
            onChange={(ev) => setDesc(ev.target.value)}
            onBlur={() => {
              if (desc !== null && desc !== e.notes) void guard(() => api['entities.update']({ id, notes: desc }));
            }}
          />
        </section>
        <section className="panel" aria-labelledby="mentions-title">
          <h3 id="mentions-title">Mentions</h3>
          {(mentions.data ?? []).length === 0 ? <p className="hint">No mentions yet. Tag a passage in a report or scan the reports.</p> : null}
          <ul className="mentions">
            {(mentions.data ?? []).map((m) => (
              <li key={`${m.reportId}:${m.start}`}>
                <button type="button" className="link-button" onClick={() => ws.open({ view: 'report', id: m.reportId, cite: { start: m.start, end: m.end } })}>
                  {m.reportTitle}
                </button>
                <p className="context">
                  …{m.before}
                  <mark className={`mention type-${e.type}`}>{m.text}</mark>
                  {m.after}…
                </p>
              </li>
            ))}
          </ul>
        </section>
      </article>
      <Aside>
        <section className="panel">
          <h3>Reports mentioning {e.name}</h3>
          {e.reports.length === 0 ? <p className="hint">None yet.</p> : null}
          <ul className="plain-list">
            {e.reports.map((r) => (
              <li key={r.id}>
                <button type="button" className="link-button" onClick={() => ws.open({ view: 'report', id: r.id })}>
                  {r.title}
                </button>{' '}
                <span className="muted">{r.mentions}×</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h3>Notes linking here</h3>
          {e.linkedFrom.length === 0 ? <p className="hint">No note links here. Write [[{e.name}]] in a note.</p> : null}
          <ul className="plain-list" aria-label="Notes linking here">
            {e.linkedFrom.map((l) => (
              <li key={l.id}>
                <button type="button" className="link-button" onClick={() => ws.open({ view: 'note', id: l.id })}>
                  {l.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h3>Appears with</h3>
          {e.cooccurring.length === 0 ? <p className="hint">No other entity shares a report yet.</p> : null}
          <ul className="plain-list">
            {e.cooccurring.map((c) => (
              <li key={c.id}>
                <button type="button" className="link-button" onClick={() => ws.open({ view: 'entity', id: c.id })}>
                  <span className={`dot type-${c.type}`} aria-hidden="true" />
                  {c.name}
                </button>{' '}
                <span className="muted">{plural(c.reports, 'report')}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h3>Merge</h3>
          <form onSubmit={merge} className="form-col">
            <label>
              Merge another entity into this one{' '}
              <select value={mergeId} onChange={(ev) => setMergeId(ev.target.value)}>
                <option value="">choose…</option>
                {(all.data ?? [])
                  .filter((x) => x.id !== id)
                  .map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name} ({x.type})
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit" disabled={!mergeId}>
              Merge
            </button>
          </form>
        </section>
      </Aside>
    </div>
  );
}

export function NewEntityForm({ onDone }: { onDone(id: string): void }) {
  const { api } = useWorkspace();
  const qc = useQueryClient();
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [type, setType] = useState<EntityType>('person');
  const [aliases, setAliases] = useState('');
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    try {
      const res = await api['entities.create']({
        name: name.trim(),
        type,
        aliases: aliases
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      });
      void qc.invalidateQueries({ queryKey: ['entities'] });
      for (const w of res.warnings) toasts.info(w);
      onDone(res.entity.id);
    } catch (err) {
      toasts.error(err);
    }
  };
  return (
    <form onSubmit={submit} className="form-col">
      <label>
        Name <input value={name} onChange={(ev) => setName(ev.target.value)} required />
      </label>
      <label>
        Type{' '}
        <select value={type} onChange={(ev) => setType(ev.target.value as EntityType)}>
          {ENTITY_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Aliases (comma-separated) <input value={aliases} onChange={(ev) => setAliases(ev.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!name.trim()}>
          Add entity
        </button>
      </div>
    </form>
  );
}
