/**
 * Notes and entities benchmark, on a notebook folder that already holds ~10k imported reports:
 * - note save latency (p50/p95 over 200 saves of a ~4 KB note with links, among 100 other notes),
 *   checking that catalog.json is never rewritten (its mtime stays the same);
 * - an entity scan of 50 entities (names, multi-word names, aliases, spelling variants) over every
 *   report.
 * The notes and entities it creates are removed again at the end.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Notebook } from '../../electron/notebook';
import { scanEntities } from '../../electron/notebook/entities/scan';
import { updateNote } from '../../electron/notebook/notes/ops';
import type { EntityType } from '../../electron/notebook/schema/v1-notes';

const ENTITIES: Array<[string, EntityType, string[]]> = [
  ['Oleksandr Zhuravlyov', 'person', ['Zhuravlev', 'General Zhuravlev']],
  ['Bashar al-Assad', 'person', ['Assad']],
  ['Khmeimim', 'location', ['Hmeimim']],
  ['Hama', 'location', ['Khama']],
  ['Main Directorate of Intelligence', 'organization', ['GUR', 'HUR']],
  ['Kyiv', 'location', ['Kiev']],
  ['Muammar Gaddafi', 'person', ['Qadhafi', 'Gadhafi']],
  ['Damascus', 'location', []],
  ['Aleppo', 'location', ['Halab']],
  ['United Nations', 'organization', ['UN']],
  ['European Union', 'organization', ['EU']],
  ['New York', 'location', []],
  ['Washington', 'location', []],
  ['Moscow', 'location', ['Moskva']],
  ['John F. Kennedy', 'person', ['Kennedy']],
  ['Supreme Court', 'organization', []],
  ['Congress', 'organization', []],
  ['Atlantic Ocean', 'location', ['Atlantic']],
  ['Pacific Ocean', 'location', ['Pacific']],
  ['World War II', 'event', ['Second World War']],
  ['Soviet Union', 'location', ['USSR']],
  ['Germany', 'location', []],
  ['France', 'location', []],
  ['China', 'location', []],
  ['Japan', 'location', []],
  ['India', 'location', []],
  ['Brazil', 'location', []],
  ['Mexico', 'location', []],
  ['Canada', 'location', []],
  ['Egypt', 'location', []],
  ['Turkey', 'location', ['Turkiye']],
  ['Iran', 'location', ['Persia']],
  ['Iraq', 'location', []],
  ['Syria', 'location', []],
  ['Lebanon', 'location', []],
  ['Israel', 'location', []],
  ['Ukraine', 'location', []],
  ['Poland', 'location', []],
  ['Chicago', 'location', []],
  ['Texas', 'location', []],
  ['President', 'other', []],
  ['Army', 'organization', []],
  ['Navy', 'organization', []],
  ['Air Force', 'organization', []],
  ['Roman Catholic', 'organization', ['Catholic']],
  ['Mediterranean Sea', 'location', ['Mediterranean']],
  ['World Bank', 'organization', []],
  ['International Monetary Fund', 'organization', ['IMF']],
  ['NATO', 'organization', ['North Atlantic Treaty Organization']],
  ['Red Cross', 'organization', []],
];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function runNotesBench(dir: string): Promise<Array<{ name: string; value: string; budget: string; ok: boolean }>> {
  const nb = await Notebook.open({ dir, writable: true, app: 'bench' });
  const rows: Array<{ name: string; value: string; budget: string; ok: boolean }> = [];
  const created: { notes: string[]; entities: string[] } = { notes: [], entities: [] };
  try {
    const reports = nb.reports.all();
    const catalog = path.join(nb.dir, 'catalog.json');
    const catalogMtime = (await fs.stat(catalog)).mtimeMs;

    for (const [name, type, aliases] of ENTITIES) created.entities.push((await nb.entities.create({ name, type, aliases })).id);
    for (let i = 0; i < 100; i++) {
      const r = reports[(i * 97) % Math.max(1, reports.length)];
      const n = await nb.notes.create({ title: `Bench note ${i}`, body: `About [[${r?.id ?? 'r_none'}]] and [[Hama]].\n\n${'Filler text. '.repeat(200)}` });
      created.notes.push(n.id);
    }
    const target = created.notes[0] as string;
    const paragraph = 'Russian forces near [[Hama]] and [[Khmeimim]]; [[Zhuravlev]] was named by the [[GUR]]. '.repeat(30);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = reports[(i * 31) % Math.max(1, reports.length)];
      const body = `Edit ${i}: see [[${r?.id ?? 'r_none'}|a report]] and [[Bench note ${i % 100}]].\n\n${paragraph}`;
      const t0 = performance.now();
      await updateNote(nb, target, { body });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const catalogUntouched = (await fs.stat(catalog)).mtimeMs === catalogMtime;
    const p95 = pct(times, 95);
    rows.push({
      name: `note save at ${reports.length} reports (p50 / p95 of 200)`,
      value: `${pct(times, 50).toFixed(1)} ms / ${p95.toFixed(1)} ms${catalogUntouched ? '' : ' — FAIL: catalog.json was rewritten'}`,
      budget: '<= 20 ms, catalog.json untouched',
      ok: p95 <= 20 && catalogUntouched,
    });
    if (!catalogUntouched) throw new Error('a note save rewrote catalog.json');

    const t1 = performance.now();
    const scan = await scanEntities(nb);
    const scanMs = performance.now() - t1;
    const mentions = scan.entities.reduce((a, e) => a + e.mentions, 0);
    rows.push({
      name: `entity scan, ${ENTITIES.length} entities over ${scan.reports} reports`,
      value: `${(scanMs / 1000).toFixed(2)} s (${mentions} mentions, ${scan.ambiguous.length} ambiguous texts)`,
      budget: '<= 10 s',
      ok: scanMs <= 10_000,
    });
  } finally {
    for (const id of created.notes) {
      if (nb.notes.find(id)) await nb.notes.delete(id);
      await nb.notes.purge(id);
    }
    for (const id of created.entities) if (nb.entities.find(id)) await nb.entities.delete(id);
    await nb.close();
  }
  return rows;
}
