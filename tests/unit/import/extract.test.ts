import { describe, expect, it } from 'vitest';
import { extractFile, kindForFile, SUPPORTED_EXTENSIONS } from '../../../electron/notebook/import/extract';
import { expectDossierError, fixture, utf8 } from './helpers';

describe('which files can be imported', () => {
  it('lists the supported extensions', () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([
      '.bmp', '.docx', '.eml', '.epub', '.htm', '.html', '.jpeg', '.jpg', '.json', '.markdown', '.mbox', '.md',
      '.mht', '.mhtml', '.odt', '.pdf', '.png', '.rtf', '.text', '.tif', '.tiff', '.txt', '.webp',
    ]);
  });

  it.each([
    ['report.txt', 'text'],
    ['REPORT.TXT', 'text'],
    ['notes.text', 'text'],
    ['Briefing.Md', 'markdown'],
    ['briefing.markdown', 'markdown'],
    ['page.HTM', 'html'],
    ['/home/analyst/saved/page.html', 'html'],
    ['C:\\Reports\\scan.PDF', 'pdf'],
    ['report.docx', 'docx'],
    ['result.json', 'telegram'],
    ['inbox.MBOX', 'email'],
    ['page.mht', 'mhtml'],
    ['scan.tiff', 'image'],
  ] as const)('%s is imported as %s', (name, kind) => {
    expect(kindForFile(name)).toBe(kind);
  });

  it.each(['slides.pptx', 'archive.tar.gz', 'README', '.txt', 'folder.txt/report.xyz'])('%s is not supported', (name) => {
    expect(kindForFile(name)).toBeNull();
  });

  it('refuses an unknown extension and lists what is supported', async () => {
    await expectDossierError(
      extractFile(utf8('Hama'), 'report.xyz'),
      'UNSUPPORTED_TYPE',
      /^unsupported file type \.xyz \(supported: \.txt, .*\.pdf, .*\.docx, .*\.png\b.*\)$/,
    );
  });

  it('refuses a file without an extension', async () => {
    await expectDossierError(extractFile(utf8('Hama'), 'README'), 'UNSUPPORTED_TYPE', /unsupported .*supported: \.txt/);
  });
});

describe('empty files', () => {
  it.each(['empty.txt', 'empty.md', 'empty.html', 'empty.pdf'])('%s (zero bytes) is reported as empty', async (name) => {
    await expectDossierError(extractFile(new Uint8Array(0), name), 'EMPTY', /^the file is empty$/);
  });

  it('a text file with only whitespace is empty', async () => {
    await expectDossierError(extractFile(utf8('  \r\n\t\n   \n'), 'blank.txt'), 'EMPTY', /the file is empty/);
  });

  it('a markdown file with only front matter has no text', async () => {
    await expectDossierError(extractFile(utf8('---\ntitle: Draft\n---\n\n'), 'draft.md'), 'EMPTY', /no text could be extracted/);
  });

  it('an HTML page with only scripts and styles has no text', async () => {
    const html = '<html><head><style>p{}</style></head><body><script>alert(1)</script>  </body></html>';
    await expectDossierError(extractFile(utf8(html), 'blank.html'), 'EMPTY', /no text could be extracted/);
  });
});

describe('a plain-text news report', () => {
  it('keeps the words, infers title, date and author', async () => {
    const r = await extractFile(fixture('syria-report.txt'), 'syria-report.txt');
    expect(r).toMatchObject({
      kind: 'text',
      mime: 'text/plain',
      encoding: 'UTF-8',
      title: 'Russian forces pull back from Hama as rebels advance',
      publishedAt: '2024-12-01',
      author: 'Anna Petrova',
      warnings: [],
    });
    expect(r.pageStarts).toBeUndefined();
    for (const word of ['Khama', 'Khmeimim', 'Hmeimim', 'GUR', 'Zhuravlev', 'Tartus']) expect(r.text).toContain(word);
    expect(r.text.split('\n\n')).toHaveLength(5);
  });

  it('falls back to the file name when the text has no usable first line', async () => {
    const r = await extractFile(utf8('---\n***\n12\n'), '/reports/hama-sitrep.txt');
    expect(r.title).toBe('hama-sitrep');
  });

  it('tidies spacing: no trailing spaces, at most one blank line between paragraphs', async () => {
    const r = await extractFile(utf8('Khmeimim update   \n\n\n\n\nSecond paragraph.\t\n'), 'a.txt');
    expect(r.text).toBe('Khmeimim update\n\nSecond paragraph.');
  });
});
