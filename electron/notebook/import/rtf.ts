/**
 * Rich Text Format (.rtf) -> text with a small tokenizer: paragraphs, line breaks, tabs, table
 * cells and rows, \'hh characters in the document's code page (\ansicpgN, via iconv-lite), \uN
 * Unicode characters, and the \info group's title, author and creation time. Destinations that
 * hold no body text (fonts, colours, styles, pictures, objects, fields' instructions) are skipped.
 */
import iconv from 'iconv-lite';
import { DossierError } from '../errors';
import type { Extracted } from './extracted';
import { MIME_BY_KIND, requireText, tidy } from './extracted';
import { cleanAuthor, clampTitle, inferDate, inferTitle } from './infer';

const SKIP = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'pict', 'object', 'fldinst',
  'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'rsidtbl', 'generator', 'xmlnstbl',
  'header', 'footer', 'headerl', 'headerr', 'footerl', 'footerr', 'filetbl', 'revtbl', 'pgdsctbl',
  'mmathPr', 'bkmkstart', 'bkmkend', 'datafield', 'shppict', 'nonshppict', 'blipuid',
]);
const INFO = new Set(['title', 'author', 'subject', 'operator', 'company']);

interface Group {
  skip: boolean;
  info: string | null;
  uc: number;
}

export interface RtfResult {
  text: string;
  info: Record<string, string>;
  created: string | null;
}

export function parseRtf(src: string): RtfResult {
  if (!src.startsWith('{\\rtf')) throw new DossierError('UNSUPPORTED_TYPE', 'not an RTF file (it does not start with {\\rtf)');
  let codepage = 'windows-1252';
  const stack: Group[] = [];
  let g: Group = { skip: false, info: null, uc: 1 };
  let out = '';
  const info: Record<string, string> = {};
  let created: string | null = null;
  let pendingBytes: number[] = [];
  let skipChars = 0;
  const flushBytes = (): void => {
    if (pendingBytes.length === 0) return;
    const s = iconv.encodingExists(codepage) ? iconv.decode(Buffer.from(pendingBytes), codepage) : String.fromCharCode(...pendingBytes);
    pendingBytes = [];
    emit(s, true);
  };
  const emit = (s: string, decoded = false): void => {
    if (!decoded) flushBytes();
    if (g.skip) return;
    if (g.info) info[g.info] = (info[g.info] ?? '') + s;
    else out += s;
  };
  const creat: Record<string, number> = {};
  let inCreat = false;
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === '{') {
      flushBytes();
      stack.push(g);
      g = { ...g };
      i++;
    } else if (c === '}') {
      flushBytes();
      inCreat = false;
      g = stack.pop() ?? g;
      i++;
    } else if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (next === "'") {
        const hex = src.slice(i + 2, i + 4);
        i += 4;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        pendingBytes.push(parseInt(hex, 16) || 0x3f);
        continue;
      }
      if (!/[a-zA-Z]/.test(next)) {
        i += 2;
        if (next === '*') g.skip = true;
        else if (next === '~') emit('\u00a0');
        else if (next === '-' || next === '_') emit(next === '_' ? '-' : '');
        else if (next === '\n' || next === '\r') emit('\n');
        else if (next === '\\' || next === '{' || next === '}') emit(next);
        continue;
      }
      const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i + 1, i + 48));
      const word = m?.[1] ?? '';
      const arg = m?.[2] !== undefined ? Number(m[2]) : null;
      i += 1 + (m?.[0].length ?? 1);
      if (SKIP.has(word)) g.skip = true;
      else if (word === 'info') g.info = 'info';
      else if (INFO.has(word)) g.info = word;
      else if (word === 'creatim') inCreat = true;
      else if (inCreat && ['yr', 'mo', 'dy', 'hr', 'min'].includes(word) && arg !== null) creat[word] = arg;
      else if (word === 'ansicpg' && arg !== null) codepage = arg === 65001 ? 'utf8' : `windows-${arg}`;
      else if (word === 'uc' && arg !== null) g.uc = arg;
      else if (word === 'u' && arg !== null) {
        emit(String.fromCharCode(arg < 0 ? arg + 65536 : arg));
        skipChars = g.uc;
      } else if (word === 'par' || word === 'sect' || word === 'page') emit('\n\n');
      else if (word === 'line') emit('\n');
      else if (word === 'tab') emit('\t');
      else if (word === 'cell') emit(' | ');
      else if (word === 'row') emit('\n');
      else if (word === 'emdash') emit('—');
      else if (word === 'endash') emit('–');
      else if (word === 'bullet') emit('•');
      else if (word === 'lquote' || word === 'rquote') emit(word === 'lquote' ? '‘' : '’');
      else if (word === 'ldblquote' || word === 'rdblquote') emit(word === 'ldblquote' ? '“' : '”');
      continue;
    } else if (c === '\n' || c === '\r') {
      i++;
    } else {
      let j = i;
      while (j < src.length && !'\\{}\r\n'.includes(src[j]!)) j++;
      let chunk = src.slice(i, j);
      i = j;
      if (skipChars > 0) {
        const drop = Math.min(skipChars, chunk.length);
        chunk = chunk.slice(drop);
        skipChars -= drop;
      }
      if (chunk) emit(chunk);
    }
  }
  flushBytes();
  if (creat.yr && creat.mo && creat.dy) created = `${creat.yr}-${String(creat.mo).padStart(2, '0')}-${String(creat.dy).padStart(2, '0')}`;
  const text = out.replace(/ \| \n/g, '\n').replace(/[ \t]+\n/g, '\n');
  return { text, info, created };
}

export function extractRtf(bytes: Uint8Array, fileName: string): Extracted {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const rtf = parseRtf(src.replace(/^\uFEFF/, ''));
  const text = tidy(rtf.text.normalize('NFC'));
  requireText(text, 'the RTF document has no text');
  const title = rtf.info.title?.trim();
  const author = cleanAuthor(rtf.info.author);
  return {
    kind: 'rtf',
    mime: MIME_BY_KIND.rtf,
    text,
    title: title ? clampTitle(title) : inferTitle(text, fileName),
    publishedAt: rtf.created ?? inferDate(text),
    author,
    encoding: null,
    warnings: [],
    fields: [...(author ? [{ label: 'Author', value: author }] : []), ...(rtf.created ? [{ label: 'Created', value: rtf.created }] : [])],
  };
}
