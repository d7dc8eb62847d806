import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/notebook/import/extract';
import { makePdf } from '../../helpers/pdf';
import { expectDossierError, utf8 } from './helpers';

const PAGE_1 = [
  'Russian forces withdraw from Hama',
  '',
  'Russian units near Hama (Khama) moved toward the Khmeimim air base',
  'on December 1, 2024, according to Ukraine\'s intelligence agency GUR.',
  '',
  'Transport aircraft were seen at Hmeimim overnight.',
].join('\n');
const PAGE_2 = ['Command', '', 'General Zhuravlev was not named in the statement.'].join('\n');
const PAGE_3 = 'Annex: Tartus naval facility (page 3)';

describe('PDF reports', () => {
  it('extracts the text of every page, with page offsets', async () => {
    const r = await extractFile(makePdf([PAGE_1, PAGE_2, PAGE_3]), 'hama-sitrep.pdf');
    expect(r).toMatchObject({ kind: 'pdf', mime: 'application/pdf', encoding: null, warnings: [] });
    expect(r.text).toBe(
      'Russian forces withdraw from Hama\n\n' +
        'Russian units near Hama (Khama) moved toward the Khmeimim air base\n' +
        "on December 1, 2024, according to Ukraine's intelligence agency GUR.\n\n" +
        'Transport aircraft were seen at Hmeimim overnight.\n\n' +
        'Command\n\nGeneral Zhuravlev was not named in the statement.\n\n' +
        'Annex: Tartus naval facility (page 3)',
    );
    const starts = r.pageStarts ?? [];
    expect(starts).toHaveLength(3);
    expect(starts[0]).toBe(0);
    expect(r.text.slice(starts[1], starts[1]! + 7)).toBe('Command');
    expect(r.text.slice(starts[2])).toBe(PAGE_3);
    expect(r.text.slice(starts[0], starts[1]).trimEnd()).toContain('seen at Hmeimim overnight.');
  });

  it('infers title from the first line and the date from the text', async () => {
    const r = await extractFile(makePdf([PAGE_1]), 'x.pdf');
    expect(r.title).toBe('Russian forces withdraw from Hama');
    expect(r.publishedAt).toBe('2024-12-01');
  });

  it('uses a meaningful metadata title and author', async () => {
    const r = await extractFile(makePdf([PAGE_1], { title: 'Situation report: Hama, 1 December', author: 'J. Smith' }), 'x.pdf');
    expect(r.title).toBe('Situation report: Hama, 1 December');
    expect(r.author).toBe('J. Smith');
  });

  it('reads a non-Latin metadata title', async () => {
    const r = await extractFile(makePdf([PAGE_1], { title: 'Сводка: Хмеймим' }), 'x.pdf');
    expect(r.title).toBe('Сводка: Хмеймим');
  });

  it.each(['Untitled', 'Microsoft Word - sitrep_final.docx', 'document1', '   '])(
    'ignores a placeholder metadata title (%s)',
    async (title) => {
      const r = await extractFile(makePdf([PAGE_1], { title }), 'x.pdf');
      expect(r.title).toBe('Russian forces withdraw from Hama');
    },
  );

  it('keeps an empty page in the page offsets', async () => {
    const r = await extractFile(makePdf(['First page on Hama', '', 'Third page on Khmeimim']), 'x.pdf');
    expect(r.text).toBe('First page on Hama\n\nThird page on Khmeimim');
    const [p1 = -1, p2 = -1, p3 = -1] = r.pageStarts ?? [];
    expect(r.text.slice(p1, p2)).toBe('First page on Hama');
    expect(r.text.slice(p2, p3).trim()).toBe('');
    expect(r.text.slice(p3)).toBe('Third page on Khmeimim');
  });

  it('does not consume the caller\'s bytes', async () => {
    const bytes = makePdf([PAGE_1]);
    const copy = bytes.slice();
    await extractFile(bytes, 'x.pdf');
    expect(bytes).toEqual(copy);
  });

  it('refuses a file named .pdf that is not a PDF', async () => {
    await expectDossierError(extractFile(utf8('Russian forces near Hama'), 'report.pdf'), 'UNSUPPORTED_TYPE', /not a PDF file/);
  });

  it('refuses a PDF that is cut off before any text', async () => {
    const full = makePdf([PAGE_1]);
    await expectDossierError(extractFile(full.slice(0, 200), 'cut.pdf'), 'UNSUPPORTED_TYPE', /damaged or truncated/);
  });

  it('recovers text from a PDF truncated after its content, with a warning', async () => {
    const full = makePdf([PAGE_1]);
    const text = Buffer.from(full).toString('latin1');
    const cut = full.slice(0, text.indexOf('startxref'));
    const r = await extractFile(cut, 'cut.pdf');
    expect(r.text).toContain('Khmeimim air base');
    expect(r.warnings.join(' ')).toMatch(/truncated/);
  });

  it('refuses a PDF that is only a header', async () => {
    await expectDossierError(extractFile(utf8('%PDF-1.7\n%%EOF\n'), 'broken.pdf'), 'UNSUPPORTED_TYPE', /PDF is damaged/);
  });

  it('refuses a password-protected PDF', async () => {
    await expectDossierError(
      extractFile(makePdf([PAGE_1], { passwordProtected: true }), 'secret.pdf'),
      'UNSUPPORTED_TYPE',
      /encrypted \(password-protected\)/,
    );
  });

  it('reports a PDF without a text layer as having no text', async () => {
    await expectDossierError(extractFile(makePdf(['', '']), 'scan.pdf'), 'EMPTY', /^the PDF has no text layer \(scanned image\?\)$/);
  });
});
