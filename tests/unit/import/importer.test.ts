import { chmodSync, closeSync, openSync, ftruncateSync, statSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importPaths, MAX_IMPORT_BYTES, Notebook } from '../../../electron/notebook';
import { writeBytes, writeText } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';

const SYRIA = `Russian forces regroup near Hama

On December 1, 2024, Russian aircraft flying from the Khmeimim base struck positions north of Hama.
General Zhuravlev was reported to be in command. Ukraine's GUR said the redeployment began in November.
`;

async function open(): Promise<Notebook> {
  return Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
}

describe('importing files and folders', () => {
  it('imports a folder recursively, lists each bad file with its reason, and keeps the good ones', async () => {
    const src = tmpDir();
    writeText(src, 'syria.txt', SYRIA);
    writeText(src, 'briefs/tartus.md', '# Briefing: Tartus port\n\nThe naval facility at Tartus was partially evacuated.\n');
    writeText(src, 'briefs/deep/khama.html', '<html><head><title>Khama offensive</title></head><body><p>Rebels entered Khama.</p></body></html>');
    writeText(src, 'empty.txt', '');
    writeBytes(src, 'photo.txt', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(500, 7)]));
    writeText(src, 'slides.pptx', 'not really');
    writeText(src, '.hidden.txt', 'a hidden file is not imported');
    const nb = await open();
    const res = await importPaths(nb, [src], { tags: ['syria', 'Syria', 'dec-2024'], source: 'field notes' });
    expect(res.imported.map((i) => i.title).sort()).toEqual(['Briefing: Tartus port', 'Khama offensive', 'Russian forces regroup near Hama']);
    expect(res.failed.map((f) => [path.basename(f.path), f.error.code])).toEqual([
      ['empty.txt', 'EMPTY'],
      ['photo.txt', 'UNSUPPORTED_TYPE'],
      ['slides.pptx', 'UNSUPPORTED_TYPE'],
    ]);
    expect(res.failed[2]?.error.message).toMatch(/unsupported file type \.pptx/);
    const report = nb.reports.get(res.imported.find((i) => i.title.includes('Hama'))?.id ?? '');
    expect(report.tags).toEqual(['syria', 'dec-2024']);
    expect(report.source).toBe('field notes');
    expect(report.publishedAt).toBe('2024-12-01');
    expect(await nb.reports.body(report.id)).toContain('Khmeimim base');
    expect((await nb.blobs.readBytes(report.originalRef)).toString('utf8')).toBe(SYRIA);
    await nb.close();
  });

  it('reports a second import of the same files as duplicates and stores nothing twice', async () => {
    const src = tmpDir();
    writeText(src, 'a.txt', SYRIA);
    writeText(src, 'copy-of-a.txt', SYRIA);
    const nb = await open();
    const first = await importPaths(nb, [src]);
    expect(first.imported).toHaveLength(1);
    expect(first.duplicates).toHaveLength(1);
    const second = await importPaths(nb, [src]);
    expect(second.imported).toHaveLength(0);
    expect(second.duplicates.map((d) => d.id)).toEqual([first.imported[0]?.id, first.imported[0]?.id]);
    expect(nb.reports.count).toBe(1);
    await nb.close();
  });

  it('refuses a file above the size limit with TOO_LARGE without reading it', async () => {
    const src = tmpDir();
    const file = path.join(src, 'huge.txt');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 60 * 1024 * 1024); // sparse: 60 MB on paper, nothing on disk
    closeSync(fd);
    expect(statSync(file).size).toBeGreaterThan(MAX_IMPORT_BYTES);
    const nb = await open();
    const res = await importPaths(nb, [file]);
    expect(res.failed[0]?.error).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/60\.0 MB; the limit is 50\.0 MB/) });
    await nb.close();
  });

  it('names a path that does not exist and an unreadable one', async () => {
    const src = tmpDir();
    const locked = writeText(src, 'locked/secret.txt', 'classified');
    chmodSync(path.dirname(locked), 0o000);
    const nb = await open();
    const res = await importPaths(nb, [path.join(src, 'missing.txt'), path.dirname(locked)]);
    chmodSync(path.dirname(locked), 0o755);
    expect(res.failed[0]).toMatchObject({ error: { code: 'NOT_FOUND', message: 'no such file or folder' } });
    // Root can read anything; elsewhere the folder is listed as unreadable. Either way nothing is lost.
    if (process.getuid?.() !== 0) expect(res.failed[1]?.error.code).toBe('IO_ERROR');
    await nb.close();
  });

  it('imports a Windows-1251 Cyrillic report and keeps the original bytes', async () => {
    const src = tmpDir();
    const text = 'Российские войска у Хамы\n\nСамолёты с базы Хмеймим нанесли удары 1 декабря 2024 года. Генерал Журавлёв командовал операцией.\n';
    writeBytes(src, 'hama-ru.txt', iconv.encode(text, 'win1251'));
    const nb = await open();
    const res = await importPaths(nb, [src]);
    const r = nb.reports.get(res.imported[0]?.id ?? '');
    expect(r.title).toBe('Российские войска у Хамы');
    expect(r.encoding?.toLowerCase()).toContain('1251');
    expect(await nb.reports.body(r.id)).toContain('Хмеймим');
    await nb.close();
  });

  it('survives reopening: everything the summary lists is on disk', async () => {
    const src = tmpDir();
    for (let i = 0; i < 40; i++) writeText(src, `r${i}.txt`, `Report ${i}\n\nText of report number ${i} about Khmeimim.`);
    const dir = tmpDir();
    const nb = await Notebook.open({ dir, writable: true, app: 'test' });
    const res = await importPaths(nb, [src]);
    await nb.close();
    const again = await Notebook.open({ dir, writable: false });
    expect(again.reports.all().map((r) => r.id).sort()).toEqual(res.imported.map((i) => i.id).sort());
    await again.close();
  });
});

describe('importing uploaded files (browser mode)', () => {
  it('imports bytes under their file name and refuses what it cannot read', async () => {
    const { importFiles } = await import('../../../electron/notebook');
    const nb = await open();
    const res = await importFiles(nb, [
      { name: 'C:\\Users\\analyst\\hama.txt', bytes: Buffer.from(SYRIA) },
      { name: 'slides.pptx', bytes: Buffer.from('x') },
      { name: 'again.txt', bytes: Buffer.from(SYRIA) },
    ]);
    expect(res.imported).toEqual([{ path: 'hama.txt', id: expect.stringMatching(/^r_/), title: 'Russian forces regroup near Hama' }]);
    expect(res.duplicates).toEqual([{ path: 'again.txt', id: res.imported[0]?.id }]);
    expect(res.failed[0]).toMatchObject({ path: 'slides.pptx', error: { code: 'UNSUPPORTED_TYPE' } });
    expect(nb.reports.get(res.imported[0]?.id ?? '').source).toBe('uploaded file hama.txt');
    await nb.close();
  });
});
