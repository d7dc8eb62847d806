/** What an import did: imported, duplicates (already in the notebook) and failed files with reasons. */
import type { ImportResult } from '../../../../electron/api';

function base(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

export function ImportSummary({ result, onOpen }: { result: ImportResult; onOpen?(id: string): void }) {
  const { imported, duplicates, failed } = result;
  return (
    <section className="import-summary" aria-label="Import summary">
      <p role="status">
        {imported.length} imported · {duplicates.length} {duplicates.length === 1 ? 'duplicate' : 'duplicates'} · {failed.length} failed
      </p>
      {imported.length > 0 ? (
        <>
          <h3>Imported</h3>
          <ul className="plain-list" aria-label="Imported">
            {imported.map((i) => (
              <li key={i.id}>
                {onOpen ? (
                  <button type="button" className="link-button" onClick={() => onOpen(i.id)}>
                    {i.title}
                  </button>
                ) : (
                  i.title
                )}{' '}
                <span className="muted">{base(i.path)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {duplicates.length > 0 ? (
        <>
          <h3>Already in the notebook</h3>
          <ul className="plain-list" aria-label="Duplicates">
            {duplicates.map((d) => (
              <li key={d.path}>
                {base(d.path)} <span className="muted">same text as {d.id}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {failed.length > 0 ? (
        <>
          <h3>Failed</h3>
          <ul className="plain-list failed" aria-label="Failed">
            {failed.map((f) => (
              <li key={f.path}>
                {base(f.path)}: <span className="reason">{f.error.message}</span> <span className="muted">({f.error.code})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
