/**
 * Crash safety, compaction: a notebook whose texts fill several packs loses half its reports, then
 * `gc` is killed with SIGKILL at every kind of step (while copying live records, after a new pack
 * is synced, after its index is written, after an old pack is removed). After each kill the
 * notebook opens with nothing to recover, `check` passes, every remaining report's text is intact,
 * and a second `gc` finishes the job: only live texts stay and the packs are smaller.
 */
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../electron/notebook';
import { collectGarbage } from '../../electron/notebook/check';
import { PACK_DIR } from '../../electron/notebook/storage/packs';
import { reportTallies, spread, tally, tmp, verifyAfterCrash, WRITER } from './support';

reportTallies('crash-gc');

// Small packs, so compaction reads and writes several of them.
const ENV = { DOSSIER_PACK_MAX_BYTES: String(32 * 1024) };
process.env.DOSSIER_PACK_MAX_BYTES = ENV.DOSSIER_PACK_MAX_BYTES;

let base = '';
const kept = new Map<string, string>();

function packBytes(dir: string): number {
  return readdirSync(path.join(dir, PACK_DIR))
    .filter((n) => n.endsWith('.dpk'))
    .reduce((sum, n) => sum + statSync(path.join(dir, PACK_DIR, n)).size, 0);
}

function runGc(dir: string, killAt: number): { lines: string[]; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', WRITER, 'gc', dir, String(killAt)], { encoding: 'utf8', env: { ...process.env, ...ENV }, timeout: 60_000 });
  return { lines: r.stdout.split('\n').filter(Boolean), signal: r.signal };
}

let totalSteps = 0;

beforeAll(async () => {
  const src = tmp();
  mkdirSync(src, { recursive: true });
  for (let i = 0; i < 120; i++) {
    writeFileSync(path.join(src, `r${String(i).padStart(3, '0')}.md`), `# Convoy report ${i}\n\nConvoy ${i} passed Khmeimim. ${`Observation ${i} of the road. `.repeat(40)}`);
  }
  base = path.join(tmp(), 'base');
  const nb = await Notebook.open({ dir: base, writable: true, app: 'setup' });
  await importPaths(nb, [src]);
  const all = nb.reports.all();
  for (const [i, r] of all.entries()) {
    if (i % 2 === 0) await nb.reports.delete(r.id);
    else kept.set(r.id, await nb.reports.body(r.id));
  }
  await nb.close();
  // A run that is not killed says how many steps a compaction of this notebook takes.
  const probe = path.join(tmp(), 'probe');
  cpSync(base, probe, { recursive: true });
  const done = runGc(probe, 0).lines.find((l) => l.startsWith('DONE'));
  totalSteps = Number(done?.split(' ')[1]);
  expect(totalSteps).toBeGreaterThan(20);
}, 120_000);

describe('SIGKILL during gc (compaction of packs)', () => {
  it('the notebook really spans several packs with dead records', () => {
    expect(readdirSync(path.join(base, PACK_DIR)).filter((n) => n.endsWith('.dpk')).length).toBeGreaterThan(3);
    expect(kept.size).toBe(60);
  });

  for (const [i, at] of spread(6, 1, 60).entries()) {
    it(`kill point ${i + 1}`, async () => {
      const dir = path.join(tmp(), 'nb');
      cpSync(base, dir, { recursive: true });
      const before = packBytes(dir);
      // Spread over the whole run: early copies, syncs and index writes, removals at the end.
      const step = Math.max(1, Math.min(totalSteps - 1, Math.round((at / 60) * totalSteps)));
      const run = runGc(dir, step);
      tally('kill points');
      expect(run.signal).toBe('SIGKILL');
      expect(run.lines.at(-1)).toMatch(new RegExp(`^STEP ${step} `));
      await verifyAfterCrash(dir, async (nb) => {
        expect(nb.reports.count).toBe(kept.size);
        for (const [id, text] of kept) expect(await nb.reports.body(id)).toBe(text);
      });
      // A second gc finishes the job.
      const nb = await Notebook.open({ dir, writable: true, app: 'test' });
      try {
        await collectGarbage(nb);
        expect(nb.blobs.packs.stats().records).toBe(kept.size * 2); // a text and its original each
        for (const [id, text] of kept) expect(await nb.reports.body(id)).toBe(text);
      } finally {
        await nb.close();
      }
      expect(packBytes(dir)).toBeLessThan(before * 0.6);
    });
  }
});
