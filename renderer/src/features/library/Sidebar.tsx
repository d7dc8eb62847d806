/** The library navigation: reports, notes, entities by type, tags and recently opened items. */
import type { EntityRecord, NoteSummary, TagCount } from '../../../../electron/api';
import { ENTITY_TYPES, routeFor, useWorkspace, type Section } from '../../app/workspace';
import { formatCount } from '../../ui/format';

interface Props {
  /** How many reports the notebook holds, when known. */
  reportCount?: number;
  notes?: NoteSummary[];
  entities?: EntityRecord[];
  tags?: TagCount[];
  /** The list pane shows the current search results while typing. */
  followSearch: boolean;
  onFollowSearch(on: boolean): void;
  /** How many results the current search has, when known. */
  hits?: number;
}

function same(a: Section, b: Section): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function Sidebar({ reportCount, notes, entities, tags, followSearch, onFollowSearch, hits }: Props) {
  const ws = useWorkspace();
  const item = (s: Section, label: string, count: number | undefined, extra?: string) => (
    <li>
      <button
        type="button"
        className={`nav-item ${extra ?? ''}`}
        aria-current={same(ws.section, s) ? 'true' : undefined}
        onClick={() => ws.setSection(s)}
      >
        <span>{label}</span>
        {count !== undefined ? <span className="count">{formatCount(count)}</span> : null}
      </button>
    </li>
  );
  const byType = new Map<string, number>();
  for (const e of entities ?? []) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  return (
    <nav className="sidebar" aria-label="Library" id="library-nav">
      <h2 className="sidebar-title">Library</h2>
      <ul className="nav-list">
        {item({ kind: 'reports' }, 'Reports', reportCount)}
        {item({ kind: 'notes' }, 'Notes', notes?.length)}
        {item({ kind: 'entities' }, 'Entities', entities?.length)}
        {ENTITY_TYPES.filter((t) => byType.has(t)).map((t) => (
          <li key={t}>
            <button
              type="button"
              className="nav-item nav-sub"
              aria-current={same(ws.section, { kind: 'entities', type: t }) ? 'true' : undefined}
              onClick={() => ws.setSection({ kind: 'entities', type: t })}
            >
              <span className={`dot type-${t}`} aria-hidden="true" />
              <span>{t}</span>
              <span className="count">{formatCount(byType.get(t) ?? 0)}</span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="nav-item" aria-current={ws.route.view === 'trash' ? 'page' : undefined} onClick={() => ws.open({ view: 'trash' })}>
            <span>Trash</span>
          </button>
        </li>
      </ul>
      <ul className="nav-list">{item({ kind: 'search' }, 'Search results', ws.section.kind === 'search' ? hits : undefined)}</ul>
      <label className="follow-search">
        <input type="checkbox" checked={followSearch} onChange={(e) => onFollowSearch(e.target.checked)} /> List follows the search
      </label>
      <h3 className="sidebar-sub">Tags</h3>
      {tags && tags.length > 0 ? (
        <ul className="nav-list">
          {tags.map((t) => (
            <li key={t.tag}>
              <button
                type="button"
                className="nav-item"
                aria-current={same(ws.section, { kind: 'tag', tag: t.tag }) ? 'true' : undefined}
                onClick={() => ws.setSection({ kind: 'tag', tag: t.tag })}
              >
                <span># {t.tag}</span>
                <span className="count">{formatCount(t.count)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No tags yet. Tag a report from its page.</p>
      )}
      <h3 className="sidebar-sub">Recent</h3>
      {ws.recent.length > 0 ? (
        <ul className="nav-list">
          {ws.recent.map((r) => (
            <li key={`${r.kind}:${r.id}`}>
              <button type="button" className="nav-item" onClick={() => ws.open(routeFor(r.kind, r.id))}>
                <span className={`kind kind-${r.kind}`}>{r.kind[0]}</span>
                <span className="truncate">{r.title}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">Items you open appear here.</p>
      )}
    </nav>
  );
}
