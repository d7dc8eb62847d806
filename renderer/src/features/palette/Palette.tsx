/**
 * Ctrl+K / Cmd+K: one box over commands (fuse.js over the registry's titles) and over report and
 * note titles and entity names (search.quick, or fuse.js over the lists until the backend has it).
 */
import Fuse from 'fuse.js';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { QuickHit } from '../../app/api';
import { routeFor, useWorkspace } from '../../app/workspace';
import type { Command, CommandRegistry } from '../../commands';
import { formatShortcut } from '../../commands';
import { Modal } from '../../ui/Modal';
import { useDebounced } from '../../ui/useDebounced';
import { apiLinkLookup } from '../notes/linkCompletion';

type Item = { type: 'command'; cmd: Command } | { type: 'record'; hit: QuickHit };

export function Palette({ registry, onClose }: { registry: CommandRegistry; onClose(): void }) {
  const ws = useWorkspace();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<QuickHit[]>([]);
  const [active, setActive] = useState(0);
  const dq = useDebounced(q, 80);
  const lookup = useMemo(() => apiLinkLookup(ws.api), [ws.api]);
  const commands = useMemo(() => registry.list().filter((c) => registry.isEnabled(c)), [registry]);
  const fuse = useMemo(() => new Fuse(commands, { keys: ['title', 'category'], threshold: 0.4, ignoreLocation: true }), [commands]);

  useEffect(() => {
    let live = true;
    if (!dq.trim()) {
      setHits([]);
      return;
    }
    lookup(dq).then(
      (h) => live && setHits(h.slice(0, 12)),
      () => live && setHits([]),
    );
    return () => {
      live = false;
    };
  }, [dq, lookup]);

  const items: Item[] = useMemo(() => {
    const cmds = q.trim() ? fuse.search(q, { limit: 8 }).map((r) => r.item) : commands;
    return [...hits.map((hit) => ({ type: 'record' as const, hit })), ...cmds.map((cmd) => ({ type: 'command' as const, cmd }))];
  }, [q, fuse, commands, hits]);

  useEffect(() => setActive(0), [items.length, q]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    if (item.type === 'command') void registry.run(item.cmd.id);
    else ws.open(routeFor(item.hit.kind, item.hit.id));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') choose(items[active]);
    else return;
    e.preventDefault();
  };
  return (
    <Modal title="Go to or run…" onClose={onClose} className="palette">
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={items.length > 0 ? `palette-opt-${active}` : undefined}
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
            key={it.type === 'command' ? `c:${it.cmd.id}` : `r:${it.hit.id}`}
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
                <span className={`kind kind-${it.hit.kind}`}>{it.hit.kind}</span>
                <span className="grow">{it.hit.title}</span>
              </>
            )}
          </li>
        ))}
        {items.length === 0 ? <li className="hint">No match.</li> : null}
      </ul>
    </Modal>
  );
}
