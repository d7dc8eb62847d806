/**
 * Ctrl+K / Cmd+K: one box over commands and over report and note titles and entity names. Focus
 * starts in the input; matching is a word-start/adjacent-letter fuzzy match (./fuzzy), commands
 * first, then records; each record carries a line that tells same-titled ones apart. Records the
 * core's quick switcher finds by another spelling of a name (Zhuravlyov for Zhuravlev, Хама for
 * Hama) follow the ones matched as typed.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { QuickResult } from '../../../../electron/api';
import type { AppApi } from '../../app/api';
import { describeAll, type Described } from '../../app/describe';
import { routeFor, useWorkspace } from '../../app/workspace';
import type { Command, CommandRegistry } from '../../commands';
import { formatShortcut } from '../../commands';
import { Modal } from '../../ui/Modal';
import { useEntities, useNotes, useReports } from '../search/useLibraryData';
import { rank } from './fuzzy';

type Item = { type: 'command'; cmd: Command } | { type: 'record'; rec: Described };

const MAX_COMMANDS = 8;
const MAX_RECORDS = 30;
/** How long typing pauses before the core is asked for other spellings. */
const QUICK_DELAY_MS = 80;

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
  const reports = useReports(ws.api);
  const notes = useNotes(ws.api);
  const entities = useEntities(ws.api);
  const records = useMemo(() => describeAll(reports.data, notes.data, entities.data), [reports.data, notes.data, entities.data]);
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
  const loading = reports.isLoading || notes.isLoading || entities.isLoading;
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
