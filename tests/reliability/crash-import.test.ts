/**
 * Crash safety, imports: a child imports many files in batches (and tags what it imported) and is
 * killed with SIGKILL at points spread over the import; the real `dossier import` command is killed
 * the same way. After each kill the notebook opens as the writer, no file needed recovering,
 * `check` passes, and every acknowledged report (and tag) is there with its text intact.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, reportTallies, runAndKill, spread, tally, tmp, verifyAfterCrash, WRITER } from './support';

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

  for (const [i, delay] of spread(10, 300, 2400).entries()) {
    it(`kill point ${i + 1} (${delay} ms after spawn)`, async () => {
      const run = await runAndKill(['--import', 'tsx', WRITER, 'import', dir, sourceFolder(250)], delay);
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

  for (const [i, delay] of spread(5, 600, 2200).entries()) {
    it(`kill point ${i + 1} (${delay} ms after spawn)`, async () => {
      const run = await runAndKill([BIN, '--notebook', dir, 'import', sourceFolder(400), '--json'], delay);
      tally('kill points');
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
});
