/** Backlinks (notes that link here) and, for notes, outgoing links: one `notes.links` call. */
import { useQuery } from '@tanstack/react-query';
import { routeFor, useWorkspace } from '../../app/workspace';

export function BacklinksPanel({ id, showOutgoing = false }: { id: string; showOutgoing?: boolean }) {
  const { api, open } = useWorkspace();
  const links = useQuery({ queryKey: ['links', id], queryFn: () => api['notes.links']({ id }) });
  const data = links.data;
  return (
    <section className="panel" aria-labelledby={`backlinks-${id}`}>
      <h3 id={`backlinks-${id}`}>Backlinks</h3>
      {links.isLoading ? <p className="hint">Loading…</p> : null}
      {data && data.backlinks.length === 0 ? <p className="hint">No note links here yet. Write [[{id}]] or its title in a note.</p> : null}
      {data && data.backlinks.length > 0 ? (
        <ul className="plain-list" aria-label="Backlinks">
          {data.backlinks.map((l) => (
            <li key={l.id}>
              <button type="button" className="link-button" onClick={() => open(routeFor(l.kind, l.id))}>
                {l.title}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {showOutgoing && data ? (
        <>
          <h3>Links from this note</h3>
          {data.outgoing.length === 0 && data.unresolved.length === 0 ? <p className="hint">Type [[ to link a report, note or entity.</p> : null}
          <ul className="plain-list" aria-label="Outgoing links">
            {data.outgoing.map((l) => (
              <li key={l.id}>
                <span className={`kind kind-${l.kind}`}>{l.kind}</span>{' '}
                <button type="button" className="link-button" onClick={() => open(routeFor(l.kind, l.id))}>
                  {l.title}
                </button>
              </li>
            ))}
            {data.unresolved.map((u) => (
              <li key={`u:${u.text}`} className="muted">
                [[{u.text}]] — links to nothing yet
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
