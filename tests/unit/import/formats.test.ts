/**
 * Word, OpenDocument, RTF, EPUB, e-mail (.eml, .mbox) and saved web pages (.mhtml): each fixture is
 * imported through the one pipeline and checked for the text, metadata and provenance a researcher
 * looks at. The fixtures are made by tests/fixtures/formats/make-fixtures.ts.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../../electron/notebook';
import { tmpDir } from '../../helpers/tmp';

const FIX = path.resolve(__dirname, '../../fixtures/formats');
const fx = (p: string): string => path.join(FIX, p);

async function importOne(file: string, opts: { tags?: string[]; source?: string } = {}) {
  const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
  const res = await importPaths(nb, [fx(file)], opts);
  expect(res.failed).toEqual([]);
  expect(res.imported).toHaveLength(1);
  const report = nb.reports.get(res.imported[0]!.id);
  return { nb, report, text: await nb.reports.body(report.id), res };
}

const field = (r: { fields?: Array<{ label: string; value: string }> }, label: string): string | undefined => r.fields?.find((f) => f.label === label)?.value;

describe('Word documents (.docx)', () => {
  it('keeps headings as paragraphs, a table row per line, and the document properties', async () => {
    const { report, text, nb } = await importOne('office/situation-report.docx', { tags: ['south'], source: 'desk share' });
    expect(text.startsWith('Situation report: southern front\n\nPrepared for the analysis desk.')).toBe(true);
    expect(text).toContain('\n\nLogistics\n\nSupply lines through Zaporizhzhia');
    expect(text).toContain('Town | Date | Reported shelling\nKherson | 2024-02-01 | 14 strikes\nNikopol | 2024-02-02 | 9 strikes');
    expect(text).toContain('Оцінка: ситуація складна, але контрольована.');
    expect(report).toMatchObject({ format: 'docx', title: 'Southern front situation report', author: 'Iryna Bondar', publishedAt: '2024-02-05', tags: ['south'], source: 'desk share', originalName: 'situation-report.docx' });
    expect(field(report, 'Modified')).toBe('2024-02-06T10:00:00Z');
    // The original is the .docx itself, byte for byte.
    const original = await nb.blobs.readBytes(report.originalRef);
    expect(original.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(report.size).toBe(original.length);
  });

  it('a second import of the same document is a duplicate', async () => {
    const { nb } = await importOne('office/situation-report.docx');
    const again = await importPaths(nb, [fx('office/situation-report.docx')]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(1);
  });
});

describe('OpenDocument (.odt) and RTF', () => {
  it('reads an .odt: heading, spaces, tabs, a table, Cyrillic, and meta.xml', async () => {
    const { report, text } = await importOne('office/corridor-notes.odt');
    expect(text).toBe('Humanitarian corridor notes\n\nThe corridor from Mariupol opened at 10:00 and closed at  16:00.\n\nBuses: 42\tCars: 310\n\nCheckpoint | Status\nVasylivka | open\n\nПримітка: дані попередні.');
    expect(report).toMatchObject({ format: 'odt', title: 'Corridor notes, Mariupol', author: 'Taras Melnyk', publishedAt: '2022-04-21' });
  });

  it('reads an .rtf: \\u and code-page characters, a table, and the \\info group; pictures are skipped', async () => {
    const { report, text } = await importOne('office/donetsk-note.rtf');
    expect(text).toBe('Звіт про ситуацію в Донецьку\n\nShelling of the Kuibyshevskyi district was reported at 06:40.\n\nПримітка: дані попередні.\n\nDistrict | Strikes\nKyivskyi | 3');
    expect(report).toMatchObject({ format: 'rtf', title: 'Donetsk situation note', author: 'Olha Shevchuk', publishedAt: '2023-06-12' });
  });
});

describe('EPUB books', () => {
  it('is one report with a mark at each chapter, in spine order, with the package metadata', async () => {
    const { report, text } = await importOne('books/donbas-chronicle.epub');
    expect(report).toMatchObject({ format: 'epub', title: 'Chronicle of the Donbas War', author: 'Mykola Hrytsenko', publishedAt: '2019-05-01' });
    expect(field(report, 'Identifier')).toBe('urn:isbn:9780000000001');
    expect(field(report, 'Chapters')).toBe('2');
    const starts = report.pageStarts ?? [];
    expect(starts).toHaveLength(2);
    expect(text.slice(starts[0], starts[0]! + 22)).toBe('Chapter 1. Spring 2014');
    expect(text.slice(starts[1], starts[1]! + 31)).toBe('Chapter 2. The summer offensive');
    expect(text).toContain('armed men seized administrative buildings in Sloviansk');
    // The navigation page is not in the spine, and the chapter's script left no trace.
    expect(text).not.toMatch(/Contents|pwned|tracker/);
  });
});

describe('e-mail', () => {
  it('an .eml keeps sender, recipients, date, subject and the attachments\' names', async () => {
    const { report, text } = await importOne('email/briefing.eml');
    expect(report).toMatchObject({ format: 'email', title: 'Briefing notes: Zaporizhzhia NPP, 5 February', author: 'Iryna Bondar <iryna.bondar@example.org>', publishedAt: '2024-02-05' });
    expect(field(report, 'To')).toBe('Analysis Desk <desk@example.org>, Petro Koval <petro@example.org>');
    expect(field(report, 'Cc')).toBe('Archive <archive@example.org>');
    expect(field(report, 'Message-ID')).toBe('<briefing-2024-02-05@example.org>');
    expect(field(report, 'Attachments')).toMatch(/^call-notes\.txt \(text\/plain, 41 B\), map\.png \(image\/png/);
    expect(text).toContain('The IAEA team reported that the plant lost external power for 40 minutes.');
    expect(text.split('\n')[0]).toBe('From: Iryna Bondar <iryna.bondar@example.org>');
  });

  it('an .mbox becomes one report per message; a re-import adds nothing', async () => {
    const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
    const res = await importPaths(nb, [fx('email/desk.mbox')]);
    expect(res.failed).toEqual([]);
    expect(res.imported.map((i) => i.title)).toEqual(['Morning summary 1 March', 'Morning summary 2 March', 'Morning summary 3 March']);
    const first = nb.reports.get(res.imported[0]!.id);
    expect(first.originalName).toBe('desk.mbox #1');
    expect((await nb.blobs.readBytes(first.originalRef)).toString('latin1')).toMatch(/^From: Desk <desk@example.org>/);
    expect(await nb.reports.body(first.id)).toContain('>From the field: two reports.');
    const again = await importPaths(nb, [fx('email/desk.mbox')]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(3);
  });
});

describe('saved web pages (.mhtml)', () => {
  it('takes the article through readability and keeps the original URL as a link', async () => {
    const { report, text } = await importOne('web/kramatorsk.mhtml');
    expect(report).toMatchObject({ format: 'mhtml', title: 'Kramatorsk station strike: what we know', author: 'Anna Kovalenko', publishedAt: '2022-04-08', link: 'http://dossier.test/news/kramatorsk' });
    expect(text.startsWith('A missile struck the railway station in Kramatorsk on the morning of 8 April 2022')).toBe(true);
    expect(text).toContain('redirected through Sloviansk and Pokrovsk.');
    // The navigation bar and the frame Chromium saved beside the page are not the article.
    expect(text).not.toMatch(/Home \| World|can’t be reached/);
  });
});

describe('folders of mixed formats', () => {
  it('imports every format in a folder with tags and source, and lists each failure with a reason', async () => {
    const src = tmpDir();
    for (const f of ['office/situation-report.docx', 'office/corridor-notes.odt', 'email/briefing.eml', 'books/donbas-chronicle.epub', 'office/zip-bomb.docx']) {
      mkdirSync(path.join(src, path.dirname(f)), { recursive: true });
      copyFileSync(fx(f), path.join(src, f));
    }
    const nb = await Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
    const res = await importPaths(nb, [src], { tags: ['batch'], source: 'shared drive' });
    expect(res.imported.map((i) => path.basename(i.path)).sort()).toEqual(['briefing.eml', 'corridor-notes.odt', 'donbas-chronicle.epub', 'situation-report.docx']);
    expect(res.failed.map((f) => [path.basename(f.path), f.error.code])).toEqual([['zip-bomb.docx', 'TOO_LARGE']]);
    for (const r of nb.reports.all()) expect(r).toMatchObject({ tags: ['batch'], source: 'shared drive' });
  });
});

describe('the list of formats every front door offers', () => {
  it('is exactly what the extractors read', async () => {
    const { IMPORT_EXTENSIONS } = await import('../../../electron/api/formats');
    const { SUPPORTED_EXTENSIONS } = await import('../../../electron/notebook/import/extract');
    expect([...IMPORT_EXTENSIONS].sort()).toEqual([...SUPPORTED_EXTENSIONS].sort());
  });
});
