/**
 * Test helper: hand-builds small, valid PDF files (Helvetica, one BT/Tj block per line, exact
 * xref offsets) so import tests can make PDFs without any PDF library.
 */

export interface MakePdfOptions {
  /** Document information dictionary /Title. */
  title?: string;
  /** Document information dictionary /Author. */
  author?: string;
  /** Document information dictionary /CreationDate, e.g. 'D:20241203101500Z'. */
  creationDate?: string;
  /**
   * Adds a Standard security handler whose user password is not empty, so readers ask for a
   * password (the content itself is not actually encrypted; readers stop before reading it).
   */
  passwordProtected?: boolean;
}

const PAGE_TOP = 760;
const LINE_HEIGHT = 16;
const FONT_SIZE = 12;

/** Escapes a string for a PDF literal string; characters outside Latin-1 become '?'. */
function pdfLiteral(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code > 0xff) out += '?';
    else out += ch;
  }
  return `(${out})`;
}

/** Encodes an info-dictionary string as UTF-16BE hex with a BOM, so any script survives. */
function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) {
    hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  }
  return `<${hex}>`;
}

/** One BT/Tj/ET block per non-empty line; an empty line leaves a vertical gap (paragraph). */
function pageContent(pageText: string): string {
  const lines = pageText.split('\n');
  const blocks: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const y = PAGE_TOP - i * LINE_HEIGHT;
    blocks.push(`BT /F1 ${FONT_SIZE} Tf 72 ${y} Td ${pdfLiteral(line)} Tj ET`);
  });
  return blocks.join('\n');
}

/** Builds a PDF with one page per entry of `pages` (lines separated by '\n'). */
export function makePdf(pages: string[], opts: MakePdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalogId = add('');
  const pagesId = add('');
  const fontId = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  for (const page of pages) {
    const content = pageContent(page);
    const contentId = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 612 792] ` +
          `/Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${contentId} 0 R >>`,
      ),
    );
  }
  objects[catalogId - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const info: string[] = [];
  if (opts.title !== undefined) info.push(`/Title ${pdfTextString(opts.title)}`);
  if (opts.author !== undefined) info.push(`/Author ${pdfTextString(opts.author)}`);
  if (opts.creationDate !== undefined) info.push(`/CreationDate (${opts.creationDate})`);
  const infoId = info.length > 0 ? add(`<< ${info.join(' ')} >>`) : null;
  const hex32 = (seed: number): string =>
    Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  const encryptId = opts.passwordProtected
    ? add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hex32(11)}> /U <${hex32(91)}> /P -44 >>`)
    : null;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const infoRef = infoId === null ? '' : ` /Info ${infoId} 0 R`;
  const encryptRef = encryptId === null ? '' : ` /Encrypt ${encryptId} 0 R /ID [<${hex32(5)}> <${hex32(5)}>]`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalogId} 0 R${infoRef}${encryptRef} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
