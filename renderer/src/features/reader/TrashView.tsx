/** The report trash: deleted reports with their mentions, each restorable (undo of a delete) or deletable for good. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { plural } from '../../../../electron/api/text';
import { useWorkspace } from '../../app/workspace';
import { formatDate } from '../../ui/format';
import { useToasts } from '../../ui/Toasts';

export function TrashView() {
  const ws = useWorkspace();
  const qc = useQueryClient();
  const toasts = useToasts();
  const trash = useQuery({ queryKey: ['reportTrash'], queryFn: () => ws.api['reports.trash']({}) });
  const [confirming, setConfirming] = useState<string | null>(null);
  const restore = (id: string) =>
    void ws.api['reports.restore']({ id }).then((r) => {
      void qc.invalidateQueries();
      toasts.info(`Restored “${r.title}”.`);
      ws.open({ view: 'report', id: r.id });
    }, toasts.error);
  const purge = (id: string) =>
    void ws.api['reports.delete']({ id, purge: true }).then(() => {
      setConfirming(null);
      void qc.invalidateQueries({ queryKey: ['reportTrash'] });
    }, toasts.error);
  const list = trash.data ?? [];
  return (
    <section className="trash" aria-labelledby="trash-title">
      <h2 id="trash-title">Trash</h2>
      <p className="hint">Deleted reports stay here with their tagged mentions until you delete them for good. Notes that cite them show them as deleted.</p>
      {trash.isLoading ? <p role="status">Loading…</p> : null}
      {!trash.isLoading && list.length === 0 ? <p className="empty">The trash is empty.</p> : null}
      <ul className="plain-list trash-list">
        {list.map((t) => (
          <li key={t.id}>
            <strong>{t.title}</strong>{' '}
            <span className="muted">
              deleted {formatDate(t.deletedAt)} · {plural(t.mentions, 'mention')}
              {t.citingNotes ? ` · cited by ${plural(t.citingNotes, 'note')}` : ''}
            </span>
            <span className="button-row">
              <button type="button" onClick={() => restore(t.id)}>
                Restore
              </button>
              {confirming === t.id ? (
                <>
                  <button type="button" className="danger" onClick={() => purge(t.id)}>
                    Delete for good
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </>
              ) : (
                <button type="button" onClick={() => setConfirming(t.id)}>
                  Delete for good…
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
