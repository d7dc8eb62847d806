/**
 * Tagging a selection: proposes the existing entities it may be (name, alias, spelling variant,
 * close match: `entities.candidates`), or a new entity with the type the suggester guesses. After
 * tagging, every occurrence of the name and its variants in this report is marked at once and the
 * other reports are scanned in steps in the background (see `scanEverywhere`).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EntityType } from '../../../../electron/api';
import type { AppApi } from '../../app/api';
import { ENTITY_TYPES } from '../../app/workspace';
import { useToasts } from '../../ui/Toasts';
import type { BodySelection } from './selection';
import { FormActions } from '../../ui/FormActions';

interface Props {
  api: AppApi;
  reportId: string;
  sel: BodySelection;
  onDone(entity: { id: string; name: string }): void;
  onCancel(): void;
}

const REASON: Record<string, string> = { name: 'same name', alias: 'an alias', variant: 'a spelling variant', similar: 'a close spelling' };

export function TagSelectionForm({ api, reportId, sel, onDone, onCancel }: Props) {
  const toasts = useToasts();
  const cands = useQuery({
    queryKey: ['tagCandidates', reportId, sel.start, sel.end],
    queryFn: () => api['entities.candidates']({ reportId, start: sel.start, end: sel.end }),
  });
  const [choice, setChoice] = useState<string>('');
  const [name, setName] = useState(sel.text.trim());
  const [type, setType] = useState<EntityType | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!cands.data) return;
    setChoice((c) => c || cands.data.entities[0]?.entity.id || 'new');
    setType((t) => t ?? cands.data.type);
  }, [cands.data]);
  useEffect(() => {
    if (cands.data || cands.isError) requestAnimationFrame(() => first.current?.focus());
  }, [cands.data, cands.isError]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      let entity: { id: string; name: string };
      if (choice === 'new' || choice === '') {
        entity = (await api['entities.create']({ name: name.trim(), type: type ?? 'person' })).entity;
      } else {
        const c = cands.data?.entities.find((x) => x.entity.id === choice);
        entity = { id: choice, name: c?.entity.name ?? choice };
        // A close spelling that the variant key does not join becomes an alias, so scans find it too.
        if (c?.reason === 'similar') await api['entities.addAlias']({ id: choice, alias: sel.text.trim() });
      }
      await api['entities.tagSelection']({ entityId: entity.id, reportId, start: sel.start, end: sel.end });
      onDone(entity);
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };
  const list = cands.data?.entities ?? [];
  let firstAssigned = false;
  const firstRef = () => {
    if (firstAssigned) return undefined;
    firstAssigned = true;
    return first;
  };
  return (
    <form className="tag-form" aria-label="Tag as entity" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <p className="form-title">
        Tag <q>{sel.text.length > 60 ? `${sel.text.slice(0, 60)}…` : sel.text}</q>
      </p>
      {cands.isLoading ? <p className="hint" role="status">Looking for entities it may be…</p> : null}
      <fieldset>
        <legend className="visually-hidden">Entity</legend>
        {list.map((c) => (
          <label key={c.entity.id} className="choice">
            <input ref={firstRef()} type="radio" name="tag-entity" value={c.entity.id} checked={choice === c.entity.id} onChange={() => setChoice(c.entity.id)} />
            <span>
              <strong>{c.entity.name}</strong> <span className="muted">({c.entity.type})</span>
              <span className="hint"> {c.reason === 'name' ? 'same name' : `${REASON[c.reason]}: ${c.matched}`}</span>
            </span>
          </label>
        ))}
        <label className="choice">
          <input ref={firstRef()} type="radio" name="tag-entity" value="new" checked={choice === 'new' || (choice === '' && list.length === 0)} onChange={() => setChoice('new')} />
          <span>New entity</span>
        </label>
      </fieldset>
      {choice === 'new' || (choice === '' && list.length === 0) ? (
        <div className="form-row">
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            Type{' '}
            <select value={type ?? 'person'} onChange={(e) => setType(e.target.value as EntityType)}>
              {ENTITY_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          {cands.data && cands.data.typeFrom !== 'default' ? <span className="hint">type guessed from the {cands.data.typeFrom === 'suggester' ? 'text' : 'closest entity'}</span> : null}
        </div>
      ) : null}
      <FormActions submit="Tag every occurrence" disabled={busy || ((choice === 'new' || choice === '') && !name.trim())} onCancel={onCancel} />
    </form>
  );
}

/** Reports asked for at a time while scanning: the list is paged, never received whole. */
const SCAN_PAGE = 1000;

/**
 * Scans every report but `except` in steps of `step`, going through the report list a page at a
 * time, reporting progress; resolves with the mentions found and how many reports were scanned.
 */
export async function scanEverywhere(
  api: AppApi,
  entityId: string,
  except: string,
  onProgress: (done: number, total: number) => void,
  step = 25,
): Promise<{ found: number; scanned: number }> {
  let found = 0;
  let done = 0;
  for (let offset = 0; ; offset += SCAN_PAGE) {
    const page = await api['reports.page']({ sort: 'imported', offset, limit: SCAN_PAGE });
    const ids = page.items.map((r) => r.id).filter((id) => id !== except);
    const total = Math.max(done + ids.length, page.total - 1);
    for (let i = 0; i < ids.length; i += step) {
      const slice = ids.slice(i, i + step);
      const r = await api['entities.scan']({ id: entityId, reportIds: slice });
      found += r.entities[0]?.mentions ?? 0;
      done += slice.length;
      onProgress(done, total);
    }
    if (offset + SCAN_PAGE >= page.total) return { found, scanned: done };
  }
}
