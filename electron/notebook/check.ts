/**
 * `stats` and `check`: what a notebook holds, and whether everything it says it holds is really on
 * disk and intact. `check --repair` rebuilds what can be rebuilt (a missing body from the kept
 * original) and says what could not be.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { plural } from '../api/text';
import type { CheckProblem, CheckResult, GcSummary, NotebookStats, ReportFormat } from '../api/types';
import type { NotebookFacts, Stores } from './stores';
import { ID_PATTERN } from '../api/ids';
import { parseCitations, parseLinks } from './notes/markup';
import type { Report } from './schema/v1';
import { refHash, sha256, type GcStep } from './storage/blobs';
import { tagKey } from './tags';

/** The stores this module works on. */
export type CheckStores = Stores & NotebookFacts;

export async function notebookStats(nb: CheckStores): Promise<NotebookStats> {
  const reports = nb.reports.all();
  const byFormat: Partial<Record<ReportFormat, number>> = {};
  const tags = new Set<string>();
  let bodyChars = 0;
  let originalBytes = 0;
  let lastImportAt: string | null = null;
  for (const r of reports) {
    byFormat[r.format] = (byFormat[r.format] ?? 0) + 1;
    bodyChars += r.chars;
    originalBytes += r.size;
    for (const t of r.tags) tags.add(tagKey(t));
    if (!lastImportAt || r.importedAt > lastImportAt) lastImportAt = r.importedAt;
  }
  for (const x of [...nb.notes.all(), ...nb.entities.all()]) for (const t of x.tags) tags.add(tagKey(t));
  return { dir: nb.dir, reports: reports.length, notes: nb.notes.count, entities: nb.entities.count, tags: tags.size, byFormat, bodyChars, originalBytes, lastImportAt };
}

async function checkReport(nb: CheckStores, r: Report, repair: boolean, problems: CheckProblem[]): Promise<void> {
  const body = nb.blobs.verify(r.bodyRef);
  const original = r.originalRef === r.bodyRef ? body : nb.blobs.verify(r.originalRef);
  const originalOk = original === 'ok';
  if (original === 'missing') {
    problems.push({ severity: 'warning', message: `report ${r.id} (${r.title}): the original file ${r.originalRef} is missing`, repaired: false });
  } else if (original === 'damaged' && r.originalRef !== r.bodyRef) {
    problems.push({ severity: 'warning', message: `report ${r.id} (${r.title}): the original file ${r.originalRef} is damaged (its checksum does not match)`, repaired: false });
  }
  if (body === 'ok') return;
  const what = body === 'missing' ? 'is missing' : 'is damaged (its checksum does not match)';
  if (!repair || !originalOk) {
    const why = original === 'missing' ? 'is missing' : r.originalRef === r.bodyRef ? 'is the same stored copy' : 'is damaged too';
    problems.push({
      severity: 'error',
      message:
        `report ${r.id} (${r.title}): its text ${r.bodyRef} ${what}` +
        (originalOk ? '; `dossier check --repair` can rebuild it from the original' : repair ? ` and could not be rebuilt: its original ${why}` : ''),
      repaired: false,
    });
    return;
  }
  try {
    // The extractors (and their format libraries) load only when a text has to be rebuilt.
    const { extractFile } = await import('./import/extract');
    const ex = await extractFile(new Uint8Array(await nb.blobs.readBytes(r.originalRef)), r.originalName);
    const hash = sha256(ex.text);
    if (hash !== r.contentHash) throw new Error('the original no longer gives the same text');
    await nb.blobs.replace(r.bodyRef, ex.text);
    problems.push({ severity: 'error', message: `report ${r.id} (${r.title}): its text ${what}; rebuilt it from the original`, repaired: true });
  } catch (err) {
    problems.push({
      severity: 'error',
      message: `report ${r.id} (${r.title}): its text ${what} and could not be rebuilt: ${(err as Error).message}`,
      repaired: false,
    });
  }
}

/**
 * Mentions of reports or entities that no longer exist (repaired by removing them), and notes that
 * cite or link to a report that is in the trash or gone (listed; the notes are never rewritten).
 */
async function checkReferences(nb: CheckStores, repair: boolean, problems: CheckProblem[]): Promise<void> {
  const all = nb.entities.allMentions();
  const dangling = all.filter((m) => !nb.reports.has(m.reportId) || !nb.entities.find(m.entityId));
  if (dangling.length > 0) {
    const first = dangling[0] as (typeof dangling)[number];
    const what = `${plural(dangling.length, 'mention')} ${dangling.length === 1 ? 'points' : 'point'} to a report or entity that no longer exists (e.g. "${first.text}" in ${first.reportId})`;
    if (repair) {
      const drop = new Set(dangling);
      nb.entities.setMentions(all.filter((m) => !drop.has(m)));
      await nb.entities.saveMentions();
    }
    problems.push({ severity: 'warning', message: repair ? `${what}; removed` : `${what}; \`dossier check --repair\` removes them`, repaired: repair });
  }
  for (const n of nb.notes.all()) {
    const linked = parseLinks(n.body).filter((l) => ID_PATTERN.report.test(l.target));
    const cited = new Set([...parseCitations(n.body).map((c) => c.reportId), ...linked.map((l) => l.target)]);
    for (const id of cited) {
      if (nb.reports.has(id)) continue;
      const trashed = nb.reportTrash.find(id);
      problems.push({
        severity: 'warning',
        message: trashed
          ? `note ${n.id} (${n.title}) cites report ${id} (${trashed.title}), which is in the trash; restore it with \`dossier restore ${id}\``
          : `note ${n.id} (${n.title}) cites report ${id}, which no longer exists; its citation is kept as written`,
        repaired: false,
      });
    }
  }
}

export async function checkNotebook(nb: CheckStores, repair: boolean): Promise<CheckResult> {
  const problems: CheckProblem[] = [];
  const reports = nb.reports.all();
  for (const r of reports) await checkReport(nb, r, repair && nb.writable, problems);
  const referenced = new Set([...reports, ...nb.reportTrash.list()].flatMap((r) => [refHash(r.bodyRef), refHash(r.originalRef)]));
  await checkReferences(nb, repair && nb.writable, problems);
  const blobs = await nb.blobs.storedHashes();
  const orphans = [...blobs].filter((b) => !referenced.has(b));
  if (orphans.length > 0) {
    problems.push({
      severity: 'warning',
      message: `${plural(orphans.length, 'stored text or original', 'stored texts or originals')} ${orphans.length === 1 ? 'belongs' : 'belong'} to no report (e.g. ${orphans[0]?.slice(0, 12)}…, left by deleted reports); \`dossier gc\` reclaims their space`,
      repaired: false,
    });
  }
  const stray = (await fs.readdir(nb.dir).catch(() => [] as string[])).filter((n) => /\.corrupt-/.test(n));
  for (const s of stray) {
    problems.push({ severity: 'warning', message: `a damaged file was set aside earlier and is kept for you: ${path.join(nb.dir, s)}`, repaired: false });
  }
  const ok = !problems.some((p) => p.severity === 'error' && !p.repaired) && !nb.recoveries.some((r) => !r.recovered);
  return { ok, checked: { files: 6, reports: reports.length, blobs: blobs.size }, problems, recoveries: [...nb.recoveries] };
}

/**
 * `dossier gc`: reclaims the space of texts and originals that no report uses any more (deleted
 * reports): packs holding them are compacted, loose files deleted. Safe to kill at any point.
 */
export async function collectGarbage(nb: CheckStores, onStep?: (s: GcStep) => void): Promise<GcSummary> {
  nb.requireWritable();
  // Reports in the trash keep their texts: a restore must find them.
  const live = [...nb.reports.all(), ...nb.reportTrash.list()].flatMap((r) => [r.bodyRef, r.originalRef]);
  const { packsCompacted, recordsKept, recordsDropped, looseRemoved, bytesBefore, bytesAfter } = await nb.blobs.gc(live, onStep);
  return { packsCompacted, recordsKept, recordsDropped, looseRemoved, bytesBefore, bytesAfter };
}
