/**
 * Crash safety, imports: a child imports many files in batches (and tags what it imported) and is
 * killed with SIGKILL at points spread over the import; the real `dossier import` command is killed
 * the same way. After each kill the notebook opens as the writer, no file needed recovering,
 * `check` passes, and every acknowledged report (and tag) is there with its text intact.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, killPoints, reportTallies, runAndKill, spread, tally, tmp, verifyAfterCrash, WRITER } from './support';

reportTallies('crash-import');

let seq = 0;
/** A folder of `n` small reports of distinct content (text and markdown). */
function sourceFolder(n: number): string {
  const src = path.join(tmp(), 'src');
  mkdirSync(src, { recursive: true });
  for (let i = 0; i < n; i++) {
    const k = seq++;
    const ext = i % 3 === 0 ? 'md' : 'txt';
    const head = ext === 'md' ? `# Field report ${k}\n\n` : `Field report ${k}\n\n`;
    writeFileSync(path.join(src, `f${String(i).padStart(3, '0')}.${ext}`), `${head}Convoy ${k} passed the checkpoint at Khmeimim on 2024-12-0${(k % 9) + 1}.\n\n${`Observation ${k}. `.repeat(60)}`);
  }
  return src;
}

describe('SIGKILL while importing (batches, tags)', () => {
  const dir = path.join(tmp(), 'notebook');
  const reports = new Set<string>();
  const tags: Array<[string, string]> = [];

  for (const [i, { delay, from, label }] of killPoints(2, 300, 600, 8, 20, 1800).entries()) {
    it(`kill point ${i + 1} (${label})`, async () => {
      const run = await runAndKill(['--import', 'tsx', WRITER, 'import', dir, sourceFolder(250)], delay, from);
      tally('kill points');
      expect(run.signal, run.stderr).toBe('SIGKILL');
      for (const l of run.lines) {
        const [tag, kind, id, t] = l.split(' ');
        if (tag !== 'ACK' || !id) continue;
        if (kind === 'report') reports.add(id);
        if (kind === 'tag' && t) tags.push([id, t]);
      }
      await verifyAfterCrash(dir, async (nb) => {
        for (const id of reports) {
          expect(nb.reports.find(id), `acknowledged report ${id} is missing`).toBeDefined();
          expect(await nb.reports.body(id)).toMatch(/Convoy \d+/);
        }
        for (const [id, t] of tags) expect(nb.reports.get(id).tags).toContain(t);
      });
    });
  }

  it('the imports really wrote', () => {
    expect(reports.size).toBeGreaterThan(20);
  });
});

describe('SIGKILL of the `dossier import` command', () => {
  const dir = path.join(tmp(), 'notebook');
  const reports = new Set<string>();

  // A run that is not killed says how long the command takes on this machine now; the kill points
  // are spread over that time (fixed delays either all landed in start-up or all after the end).
  let fullMs = 0;
  let killed = 0;
  beforeAll(async () => {
    const t = performance.now();
    const probe = await runAndKill([BIN, '--notebook', path.join(tmp(), 'probe'), 'import', sourceFolder(400), '--json'], 120_000);
    expect(probe.signal, probe.stderr).toBe(null);
    fullMs = performance.now() - t;
  }, 150_000);

  for (const [i, share] of spread(5, 25, 90).entries()) {
    it(`kill point ${i + 1} (${share}% into a full run)`, async () => {
      const run = await runAndKill([BIN, '--notebook', dir, 'import', sourceFolder(400), '--json'], Math.round((fullMs * share) / 100));
      tally('kill points');
      if (run.signal === 'SIGKILL') killed++;
      // The command prints its JSON summary only once everything in it is on disk.
      const out = run.lines.join('\n');
      if (run.signal === null && out.trim().startsWith('{')) {
        const summary = JSON.parse(out) as { imported: Array<{ id: string }> };
        for (const r of summary.imported) reports.add(r.id);
      }
      await verifyAfterCrash(dir, (nb) => {
        for (const id of reports) expect(nb.reports.find(id), `acknowledged report ${id} is missing`).toBeDefined();
      });
    });
  }

  it('the command was really killed mid-run', () => {
    expect(killed, `of 5 runs, ${killed} were killed (a full run took ${fullMs.toFixed(0)} ms)`).toBeGreaterThanOrEqual(3);
  });
});
