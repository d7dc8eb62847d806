import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf';
import { damagePacked } from '../helpers/packs';
import { dossier, dossierJson } from '../helpers/cli';
import { writeBytes, writeText } from '../helpers/files';
import { tmpDir } from '../helpers/tmp';

interface ImportJson {
  imported: Array<{ path: string; id: string; title: string }>;
  duplicates: Array<{ path: string; id: string }>;
  failed: Array<{ path: string; error: { code: string; message: string } }>;
}
interface ReportJson {
  id: string;
  title: string;
  tags: string[];
  format: string;
  publishedAt: string | null;
}

describe('the dossier CLI, end to end', () => {
  const nb = path.join(tmpDir(), 'notebook');
  const src = tmpDir();
  let imported: ImportJson;

  beforeAll(() => {
    writeText(src, 'hama.txt', 'Russian forces regroup near Hama\n\nOn December 1, 2024, aircraft from the Khmeimim base struck positions north of Hama.\n');
    writeText(src, 'tartus.md', '---\ntitle: Tartus briefing\n---\n# Ignored heading\n\nThe naval facility at Tartus was partially evacuated.\n');
    writeText(src, 'web/khama.html', '<html><head><title>Khama offensive</title><script>alert("x")</script></head><body><article><h1>Khama offensive</h1><p>Rebels entered Khama on 5 December 2024.</p></article></body></html>');
    writeBytes(src, 'zhuravlev.pdf', makePdf(['General Zhuravlev in Syria', 'He commanded the Russian group from Khmeimim.']));
    writeText(src, 'empty.txt', '');
    const r = dossier(nb, ['import', src, '--json']);
    expect(r.code).toBe(1); // one file failed
    imported = JSON.parse(r.stdout) as ImportJson;
  });

  it('imports txt, md, html and pdf and lists each bad file with its reason', () => {
    expect(imported.imported.map((i) => i.title).sort()).toEqual(['General Zhuravlev in Syria', 'Khama offensive', 'Russian forces regroup near Hama', 'Tartus briefing']);
    expect(imported.failed).toEqual([{ path: path.join(src, 'empty.txt'), error: { code: 'EMPTY', message: 'the file is empty' } }]);
    for (const i of imported.imported) expect(i.id).toMatch(/^r_[0-9a-z]{10}$/);
  });

  it('reports a second import of the same files as duplicates, exit 1 only for the failed file', () => {
    const r = dossier(nb, ['import', src]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Imported 0 reports, 4 duplicates skipped, 1 failed/);
    expect(r.stdout).toMatch(/failed +.*empty\.txt: the file is empty \[EMPTY\]/);
    const again = dossier(nb, ['import', path.join(src, 'hama.txt'), '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).duplicates).toHaveLength(1);
  });

  it('lists reports as a table and as JSON', () => {
    const table = dossier(nb, ['reports']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID +TITLE +FORMAT +PUBLISHED +IMPORTED +TAGS/);
    expect(table.stdout).toMatch(/Khama offensive +html +2024-12-05/);
    expect(table.stdout).toMatch(/4 reports/);
    const list = dossierJson<ReportJson[]>(nb, ['reports']);
    expect(list.map((r) => r.format).sort()).toEqual(['html', 'markdown', 'pdf', 'text']);
  });

  it('lists a page of reports with the total, filtered by words of the title, and refuses a bad page size', () => {
    const byTitle = dossierJson<ReportJson[]>(nb, ['reports', '--sort', 'title']);
    const page = dossierJson<{ total: number; offset: number; items: ReportJson[] }>(nb, ['reports', '--sort', 'title', '--offset', '1', '--limit', '2']);
    expect(page.total).toBe(4);
    expect(page.offset).toBe(1);
    expect(page.items.map((r) => r.id)).toEqual(byTitle.slice(1, 3).map((r) => r.id));
    const table = dossier(nb, ['reports', '--sort', 'title', '--offset', '1', '--limit', '2']);
    expect(table.stdout).toMatch(/2-3 of 4 reports/);
    // Words are matched inside words, as the list's filter box does: Khama holds "hama".
    const hama = dossierJson<{ total: number; items: ReportJson[] }>(nb, ['reports', '--filter', 'HAMA', '--sort', 'title']);
    expect(hama.items.map((r) => r.title)).toEqual(['Khama offensive', 'Russian forces regroup near Hama']);
    expect(dossierJson<{ total: number }>(nb, ['reports', '--filter', 'regroup hama']).total).toBe(1);
    const bad = dossier(nb, ['reports', '--limit', 'ten']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit must be a whole number/);
  });

  it('shows one report with its text, never the HTML markup', () => {
    const id = imported.imported.find((i) => i.title === 'Khama offensive')?.id ?? '';
    const r = dossier(nb, ['show', id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rebels entered Khama on 5 December 2024.');
    expect(r.stdout).not.toMatch(/<script|alert\(/);
    const json = dossierJson<{ kind: string; id: string; text: string; publishedAt: string }>(nb, ['show', id]);
    expect(json).toMatchObject({ kind: 'report', id, publishedAt: '2024-12-05' });
  });

  it('tags and untags a report and counts tags', () => {
    const id = imported.imported[0]?.id ?? '';
    expect(dossier(nb, ['tag', id, 'syria', 'air power']).stdout).toContain('syria, air power');
    expect(dossierJson<Array<{ tag: string; count: number }>>(nb, ['tags'])).toEqual([
      { tag: 'air power', count: 1 },
      { tag: 'syria', count: 1 },
    ]);
    expect(dossierJson<ReportJson[]>(nb, ['reports', '--tag', 'SYRIA']).map((r) => r.id)).toEqual([id]);
    expect(dossierJson<{ tags: string[] }>(nb, ['untag', id, 'air power']).tags).toEqual(['syria']);
  });

  it('prints stats and a clean check', () => {
    const stats = dossierJson<{ reports: number; byFormat: Record<string, number> }>(nb, ['stats']);
    expect(stats.reports).toBe(4);
    expect(stats.byFormat).toEqual({ text: 1, markdown: 1, html: 1, pdf: 1 });
    const check = dossier(nb, ['check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/OK: checked 4 reports/);
  });

  it('check finds a damaged report text and --repair rebuilds it from the original', () => {
    const list = dossierJson<Array<ReportJson & { bodyRef: string }>>(nb, ['reports']);
    const victim = list.find((r) => r.format === 'html'); // its original (the HTML) is kept apart from its text
    if (!victim) throw new Error('no report');
    damagePacked(nb, victim.bodyRef);
    const broken = dossier(nb, ['check']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/is damaged \(its checksum does not match\); `dossier check --repair` can rebuild it/);
    const repaired = dossier(nb, ['check', '--repair']);
    expect(repaired.stdout).toMatch(/REPAIRED/);
    expect(dossier(nb, ['check']).code).toBe(0);
  });

  it('tells the user what it recovered when catalog.json was damaged', () => {
    writeFileSync(path.join(nb, 'catalog.json'), '{"schemaVersion":1,"rep');
    const r = dossier(nb, ['reports', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dossier: warning: catalog\.json: .*not valid JSON.*check --repair/);
    expect(JSON.parse(r.stdout)).toHaveLength(4);
    const repaired = dossier(nb, ['check', '--repair']);
    expect(repaired.stdout).toMatch(/RECOVERED +catalog\.json/);
    expect(dossier(nb, ['reports']).stderr).toBe('');
  });

  it('gives one clear error line and the right exit code for bad input', () => {
    const unknownId = dossier(nb, ['show', 'r_doesnotexist']);
    expect([unknownId.code, unknownId.stderr]).toEqual([1, 'dossier: error: no report with id r_doesnotexist\n']);
    const notAnId = dossier(nb, ['show', 'hello']);
    expect(notAnId.code).toBe(1);
    expect(notAnId.stderr).toMatch(/^dossier: error: "hello" is not a Dossier id/);
    const badOption = dossier(nb, ['reports', '--colour']);
    expect([badOption.code, badOption.stderr]).toEqual([2, "dossier: error: unknown option '--colour' (see --help)\n"]);
    const missingArg = dossier(nb, ['import']);
    expect(missingArg.code).toBe(2);
    const badTag = dossier(nb, ['tag', imported.imported[0]?.id ?? '', ' ']);
    expect(badTag.code).toBe(2);
    expect(badTag.stderr).toMatch(/^dossier: error: .*tag cannot be empty/);
  });

  it('refuses a second writer with a clear LOCKED message', () => {
    const holder = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { spawnSync } from 'node:child_process';
         import { readFileSync, writeFileSync } from 'node:fs';
         import os from 'node:os';
         writeFileSync(${JSON.stringify(path.join(nb, 'dossier.lock'))}, JSON.stringify({ pid: process.pid, host: os.hostname(), app: 'desktop', since: 'now' }));
         const r = spawnSync(process.execPath, [${JSON.stringify(path.resolve('electron/cli/bin.mjs'))}, '--notebook', ${JSON.stringify(nb)}, 'tag', ${JSON.stringify(imported.imported[0]?.id ?? '')}, 'x'], { encoding: 'utf8' });
         console.log(JSON.stringify(r));`,
      ],
      { encoding: 'utf8' },
    );
    const inner = JSON.parse(holder.stdout) as { status: number; stderr: string };
    expect(inner.status).toBe(1);
    expect(inner.stderr).toMatch(/^dossier: error: the notebook is open for writing in another Dossier process \(desktop, pid \d+/);
    // The holder has exited, so its lock is stale and the next writer takes over.
    expect(dossier(nb, ['tag', imported.imported[0]?.id ?? '', 'x']).code).toBe(0);
  });

  it('has --help for every command', () => {
    for (const cmd of ['init', 'import', 'reports', 'show', 'tag', 'untag', 'tags', 'stats', 'check']) {
      const r = dossier(nb, [cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: dossier ${cmd}`));
    }
  }, 180_000);

  it('stops quietly when the reader closes the pipe early (dossier reports --json | head -c 1)', () => {
    const many = path.join(tmpDir(), 'notebook');
    const files = tmpDir();
    for (let i = 0; i < 400; i++) writeText(files, `r${i}.txt`, `Report ${i} on the Hama front\n\nText of report ${i}.\n`);
    expect(dossier(many, ['import', files]).code).toBe(0);
    // 400 reports of JSON is more than a pipe holds, so the write after head has gone fails.
    const r = spawnSync('bash', ['-c', `"$0" "$1" --notebook "$2" reports --json 2>"$3" | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`, process.execPath, path.resolve('electron/cli/bin.mjs'), many, path.join(files, 'stderr.txt')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(files, 'stderr.txt'), 'utf8')).toBe('');
  });
});
