/** Entity suggestions for a report (offline NER): accept creates/links the entity, ignore hides it. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EntityType, SuggestionRecord } from '../../../../electron/api';
import { ENTITY_TYPES, useWorkspace } from '../../app/workspace';
import { useToasts } from '../../ui/Toasts';

export function Suggestions({ reportId }: { reportId: string }) {
  const { api } = useWorkspace();
  const qc = useQueryClient();
  const toasts = useToasts();
  const [items, setItems] = useState<SuggestionRecord[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [types, setTypes] = useState<Record<string, EntityType>>({});
  const load = async () => {
    setBusy(true);
    try {
      setItems(await api['entities.suggest']({ reportId }));
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };
  const key = (s: SuggestionRecord) => `${s.start}:${s.end}`;
  const accept = async (s: SuggestionRecord) => {
    try {
      const res = await api['entities.accept']({ reportId, start: s.start, end: s.end, type: types[key(s)] ?? s.type, ...(s.existingEntityId ? { entityId: s.existingEntityId } : {}) });
      setItems((xs) => (xs ?? []).filter((x) => x !== s));
      void qc.invalidateQueries({ queryKey: ['reportMentions', reportId] });
      void qc.invalidateQueries({ queryKey: ['entities'] });
      toasts.info(`${res.created ? 'Added' : 'Linked'} ${res.entity.name} (${res.entity.type}).`);
    } catch (err) {
      toasts.error(err);
    }
  };
  return (
    <section className="panel" aria-labelledby={`sugg-${reportId}`}>
      <h3 id={`sugg-${reportId}`}>Suggested entities</h3>
      {items === null ? (
        <button type="button" data-suggest onClick={() => void load()} disabled={busy}>
          {busy ? 'Looking…' : 'Suggest entities'}
        </button>
      ) : items.length === 0 ? (
        <p className="hint">No more suggestions for this report.</p>
      ) : (
        <ul className="plain-list suggestions">
          {items.slice(0, 40).map((s) => (
            <li key={key(s)}>
              <span className="sugg-text">{s.text}</span> <span className="muted">×{s.count}</span>
              <label className="visually-hidden" htmlFor={`sugg-type-${key(s)}`}>
                Type of {s.text}
              </label>
              <select id={`sugg-type-${key(s)}`} value={types[key(s)] ?? s.type} onChange={(e) => setTypes({ ...types, [key(s)]: e.target.value as EntityType })}>
                {ENTITY_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              <button type="button" aria-label={`Accept ${s.text}`} onClick={() => void accept(s)}>
                Accept
              </button>
              <button type="button" aria-label={`Ignore ${s.text}`} onClick={() => setItems((xs) => (xs ?? []).filter((x) => x !== s))}>
                Ignore
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
