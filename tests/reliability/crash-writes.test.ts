/**
 * Crash safety, notes and entities: a child process saves notes (creates and body edits) or
 * creates entities, scans and tags in a loop and is killed with SIGKILL at points spread over its
 * run, from during its start-up to deep in the loop. After each kill the notebook opens as the
 * writer (stale lock taken over), no file needed recovering, `check` passes, and every write the
 * child acknowledged is there.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../electron/notebook';
import { killPoints, reportTallies, runAndKill, tally, tmp, verifyAfterCrash, WRITER } from './support';

reportTallies('crash-writes');

describe('SIGKILL while saving notes', () => {
  const dir = path.join(tmp(), 'notebook');
  const acked = new Set<string>();
  const lastAckedBody = new Map<string, number>();
  const triedBody = new Map<string, number>();

  // From during start-up (creating the notebook) to well into the loop.
  for (const [i, { delay, from, label }] of killPoints(2, 250, 600, 8, 20, 2000).entries()) {
    it(`kill point ${i + 1} (${label})`, async () => {
      const run = await runAndKill(['--import', 'tsx', WRITER, 'notes', dir], delay, from);
      tally('kill points');
      expect(run.signal, run.stderr).toBe('SIGKILL');
      for (const l of run.lines) {
        const [tag, kind, id, v] = l.split(' ');
        if (tag === 'ACK' && kind === 'note' && id) acked.add(id);
        if (tag === 'ACK' && kind === 'body' && id) lastAckedBody.set(id, Math.max(Number(v), lastAckedBody.get(id) ?? 0));
        if (tag === 'TRY' && kind === 'body' && id) triedBody.set(id, Math.max(Number(v), triedBody.get(id) ?? 0));
      }
      await verifyAfterCrash(dir, (nb) => {
        for (const id of acked) expect(nb.notes.find(id), `acknowledged note ${id} is missing`).toBeDefined();
        for (const [id, v] of lastAckedBody) {
          const body = nb.notes.get(id).body;
          const stored = Number(/^version (\d+)/.exec(body)?.[1] ?? 0);
          expect(stored, `note ${id} lost an acknowledged edit`).toBeGreaterThanOrEqual(v);
          expect(stored).toBeLessThanOrEqual(triedBody.get(id) ?? Infinity);
        }
      });
    });
  }

  it('the loop really wrote', () => {
    expect(acked.size).toBeGreaterThan(5);
    expect(lastAckedBody.size).toBeGreaterThan(0);
  });
});

describe('SIGKILL while creating entities, scanning and tagging', () => {
  const dir = path.join(tmp(), 'notebook');
  const entities = new Set<string>();
  const tags: Array<[string, string]> = [];

  beforeAll(async () => {
    const src = tmp();
    mkdirSync(src, { recursive: true });
    for (let i = 0; i < 40; i++) {
      writeFileSync(path.join(src, `r${i}.txt`), `Report ${i} on Zorvan${i}\n\nTroops moved through Zorvan${i} and Zorvan${(i + 1) % 40} on day ${i}. ${'Filler words about logistics. '.repeat(40)}`);
    }
    const nb = await Notebook.open({ dir, writable: true, app: 'setup' });
    await importPaths(nb, [src]);
    await nb.close();
  });

  for (const [i, { delay, from, label }] of killPoints(1, 700, 700, 7, 20, 2300).entries()) {
    it(`kill point ${i + 1} (${label})`, async () => {
      const run = await runAndKill(['--import', 'tsx', WRITER, 'entities', dir, String(i)], delay, from);
      tally('kill points');
      expect(run.signal, run.stderr).toBe('SIGKILL');
      for (const l of run.lines) {
        const [tag, kind, id, t] = l.split(' ');
        if (tag !== 'ACK' || !id) continue;
        if (kind === 'entity') entities.add(id);
        if (kind === 'tag' && t) tags.push([id, t]);
      }
      await verifyAfterCrash(dir, (nb) => {
        expect(nb.reports.count).toBe(40);
        for (const id of entities) expect(nb.entities.find(id), `acknowledged entity ${id} is missing`).toBeDefined();
        for (const [id, t] of tags) expect(nb.reports.get(id).tags, `acknowledged tag ${t} on ${id} is missing`).toContain(t);
        // Every mention points at a known entity and report, inside its text.
        for (const m of nb.entities.allMentions()) {
          expect(nb.entities.find(m.entityId)).toBeDefined();
          expect(nb.reports.find(m.reportId)).toBeDefined();
        }
      });
    });
  }

  it('the loop really wrote', () => {
    expect(entities.size).toBeGreaterThan(3);
  });
});
