/**
 * Ctrl+K / Cmd+K: one box over commands and over report and note titles and entity names. Focus
 * starts in the input; matching is a word-start/adjacent-letter fuzzy match (./fuzzy), commands
 * first, then records; each record carries a line that tells same-titled ones apart. Records the
 * core's quick switcher finds by another spelling of a name (Zhuravlyov for Zhuravlev, Хама for
 * Hama) follow the ones matched as typed. Reports are never all here: the ones whose title holds
 * the typed words come from the back end (reports.page, a bounded page), the recently opened ones
 * one by one (reports.get, cached as the reader caches them).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { QuickResult, ReportRecord } from '../../../../electron/api';
import type { AppApi } from '../../app/api';
import { describeAll, type Described } from '../../app/describe';
import { routeFor, useWorkspace } from '../../app/workspace';
import type { Command, CommandRegistry } from '../../commands';
import { formatShortcut } from '../../commands';
import { Modal } from '../../ui/Modal';
import { useDebounced } from '../../ui/useDebounced';
import { useEntities, useNotes } from '../search/useLibraryData';
import { rank } from './fuzzy';

type Item = { type: 'command'; cmd: Command } | { type: 'record'; rec: Described };

const MAX_COMMANDS = 8;
const MAX_RECORDS = 30;
/** How long typing pauses before the core is asked for other spellings. */
const QUICK_DELAY_MS = 80;
/** How long typing pauses before the core is asked for the reports whose titles hold the words. */
const TITLES_DELAY_MS = 50;
/** Reports asked for per query, ranked here with the notes and entities. */
const REPORT_CANDIDATES = 100;

/** The reports the palette can offer for `q`: those whose title holds its words, and the recently opened ones. */
function usePaletteReports(api: AppApi, q: string, recentIds: string[]): { reports: ReportRecord[]; loading: boolean } {
  const text = useDebounced(q.trim(), TITLES_DELAY_MS);
  const matching = useQuery({
    queryKey: ['reports', 'titles', text],
    queryFn: async () => (await api['reports.page']({ text, sort: 'title', limit: REPORT_CANDIDATES })).items,
    enabled: text !== '',
    placeholderData: (prev) => prev,
  });
  const recent = useQueries({
    queries: recentIds.map((id) => ({ queryKey: ['report', id], queryFn: () => api['reports.get']({ id }), staleTime: 30_000 })),
  });
  const recentFound = recent.flatMap((x) => (x.data ? [x.data] : []));
  // A new array only when what it holds changes, so the ranking below is not redone on every render.
  const recentKey = recentFound.map((r) => `${r.id}:${r.updatedAt}`).join(',');
  const typed = q.trim() !== '';
  const reports = useMemo(() => {
    const byId = new Map<string, ReportRecord>();
    for (const r of [...(typed && matching.data ? matching.data : []), ...recentFound]) byId.set(r.id, r);
    return [...byId.values()];
    // recentFound changes when recentKey does.
  }, [typed, matching.data, recentKey]);
  return { reports, loading: q.trim() !== '' && (text !== q.trim() || matching.isFetching) && !matching.data };
}

/** The core's matches for other spellings of the query, a moment after typing pauses. */
function useQuickResults(api: AppApi, q: string): QuickResult[] {
  const [hits, setHits] = useState<QuickResult[]>([]);
  useEffect(() => {
    const t = q.trim();
    if (!t) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api['search.quick']({ q: t, limit: MAX_RECORDS }).then(
        (r) => live && setHits(r),
        () => live && setHits([]),
      );
    }, QUICK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, q]);
  return hits;
}

export function Palette({ registry, onClose }: { registry: CommandRegistry; onClose(): void }) {
  const ws = useWorkspace();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const recentReports = useMemo(() => ws.recent.filter((r) => r.kind === 'report').map((r) => r.id), [ws.recent]);
  const reports = usePaletteReports(ws.api, q, recentReports);
  const notes = useNotes(ws.api);
  const entities = useEntities(ws.api);
  const records = useMemo(() => describeAll(reports.reports, notes.data, entities.data), [reports.reports, notes.data, entities.data]);
  const commands = useMemo(() => registry.list().filter((c) => registry.isEnabled(c)), [registry]);
  const quick = useQuickResults(ws.api, q);

  const items: Item[] = useMemo(() => {
    if (!q.trim()) {
      const recent = ws.recent.map((r) => records.find((x) => x.id === r.id)).filter((x): x is Described => !!x);
      return [...commands.map((cmd) => ({ type: 'command' as const, cmd })), ...recent.map((rec) => ({ type: 'record' as const, rec }))];
    }
    const cmds = rank(q, commands, (c) => [c.title, `${c.category} ${c.title}`], MAX_COMMANDS);
    const recs = rank(q, records, (r) => r.names, MAX_RECORDS).map((r) => r.item);
    const shown = new Set(recs.map((r) => r.id));
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const h of quick) {
      if (recs.length >= MAX_RECORDS) break;
      if (shown.has(h.id) || (h.kind !== 'report' && h.kind !== 'note' && h.kind !== 'entity')) continue;
      shown.add(h.id);
      recs.push(byId.get(h.id) ?? { kind: h.kind, id: h.id, title: h.title, names: [h.title], line: h.kind });
    }
    return [...cmds.map((r) => ({ type: 'command' as const, cmd: r.item })), ...recs.map((rec) => ({ type: 'record' as const, rec }))];
  }, [q, commands, records, quick, ws.recent]);

  useEffect(() => setActive(0), [q]);
  useEffect(() => {
    document.getElementById(`palette-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    if (item.type === 'command') void registry.run(item.cmd.id);
    else ws.open(routeFor(item.rec.kind, item.rec.id));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') choose(items[Math.min(active, items.length - 1)]);
    else return;
    e.preventDefault();
  };
  const loading = reports.loading || notes.isLoading || entities.isLoading;
  return (
    <Modal title="Go to or run…" onClose={onClose} className="palette">
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? `palette-opt-${Math.min(active, items.length - 1)}` : undefined}
        aria-label="Type a title, entity or command"
        placeholder="Type a report, note, entity or command…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKeyDown}
        data-autofocus
      />
      <ul id="palette-list" role="listbox" aria-label="Matches" className="palette-list">
        {items.map((it, i) => (
          <li
            key={it.type === 'command' ? `c:${it.cmd.id}` : `r:${it.rec.id}`}
            id={`palette-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(it)}
          >
            {it.type === 'command' ? (
              <>
                <span className="kind kind-command">{it.cmd.category}</span>
                <span className="grow">{it.cmd.title}</span>
                {it.cmd.shortcut ? <kbd>{formatShortcut(it.cmd.shortcut)}</kbd> : null}
              </>
            ) : (
              <>
                <span className={`kind kind-${it.rec.kind}`}>{it.rec.kind}</span>
                <span className="grow palette-rec">
                  <span className="palette-title">{it.rec.title}</span>
                  <span className="palette-line">{it.rec.line}</span>
                </span>
              </>
            )}
          </li>
        ))}
        {items.length === 0 ? <li className="hint">{loading ? 'Loading…' : 'No match.'}</li> : null}
      </ul>
    </Modal>
  );
}
