/**
 * HTML reports -> plain text. Parses with linkedom (no script ever runs), finds the main
 * article with Readability, and turns its DOM into text with a small walker that only ever
 * emits text nodes. Also reads title, publication date and author from the page metadata.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanAuthor, clampTitle, inferAuthor, inferDate, normalizeDate } from './infer';

export interface HtmlExtract {
  text: string;
  /** Null when the page names no title; the caller infers one. */
  title: string | null;
  publishedAt: string | null;
  author: string | null;
  warnings: string[];
}

const DROP = new Set([
  'script', 'style', 'noscript', 'iframe', 'frame', 'frameset', 'svg', 'math', 'template', 'object',
  'embed', 'applet', 'canvas', 'audio', 'video', 'source', 'track', 'map', 'head', 'link', 'meta',
  'base', 'title', 'input', 'select', 'textarea', 'button', 'option', 'datalist', 'img', 'picture',
]);
const PARAGRAPH = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table', 'section',
  'article', 'header', 'footer', 'aside', 'nav', 'figure', 'hr', 'main', 'details', 'address', 'fieldset',
]);
const LINE = new Set(['div', 'li', 'tr', 'dt', 'dd', 'figcaption', 'summary', 'caption', 'center', 'legend']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

/** Accumulates text with pending line breaks and collapsed whitespace. */
class TextSink {
  private readonly parts: string[] = [];
  private pendingBreak = 0;
  private pendingSpace = false;
  private prefix = '';
  private atLineStart = true;

  breakLine(level: 1 | 2): void {
    this.pendingBreak = Math.max(this.pendingBreak, level);
    this.pendingSpace = false;
  }

  /** A <br>: each one adds a line, two in a row make a paragraph break. */
  hardBreak(): void {
    this.pendingBreak = Math.min(2, this.pendingBreak + 1);
    this.pendingSpace = false;
  }

  listItem(): void {
    this.breakLine(1);
    this.prefix = '- ';
  }

  separator(sep: string): void {
    if (!this.atLineStart && this.pendingBreak === 0) {
      this.parts.push(sep);
      this.pendingSpace = false;
    }
  }

  text(raw: string, preformatted: boolean): void {
    if (preformatted) {
      raw.split('\n').forEach((line, i) => {
        if (i > 0) this.hardLine();
        if (line !== '') this.write(line);
      });
      return;
    }
    const collapsed = raw.replace(/[\s\u00a0]+/g, ' ');
    if (collapsed.trim() === '') {
      if (collapsed !== '') this.pendingSpace = true;
      return;
    }
    if (collapsed.startsWith(' ')) this.pendingSpace = true;
    this.write(collapsed.trim());
    if (collapsed.endsWith(' ')) this.pendingSpace = true;
  }

  private hardLine(): void {
    this.flushBreak();
    this.parts.push('\n');
    this.atLineStart = true;
  }

  private flushBreak(): void {
    if (this.pendingBreak > 0 && this.parts.length > 0) {
      this.parts.push(this.pendingBreak === 2 ? '\n\n' : '\n');
      this.atLineStart = true;
    }
    this.pendingBreak = 0;
  }

  private write(s: string): void {
    this.flushBreak();
    if (this.atLineStart) {
      this.pendingSpace = false;
      if (this.prefix !== '') this.parts.push(this.prefix);
    } else if (this.pendingSpace) {
      this.parts.push(' ');
    }
    this.prefix = '';
    this.pendingSpace = false;
    this.parts.push(s);
    this.atLineStart = false;
  }

  toString(): string {
    return this.parts
      .join('')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

function isFirstCell(el: Element): boolean {
  let prev = el.previousElementSibling;
  while (prev !== null) {
    const tag = prev.tagName.toLowerCase();
    if (tag === 'td' || tag === 'th') return false;
    prev = prev.previousElementSibling;
  }
  return true;
}

function walkElement(el: Element, sink: TextSink, pre: boolean): void {
  const tag = el.tagName.toLowerCase();
  if (DROP.has(tag)) return;
  if (tag === 'br') return sink.hardBreak();
  if ((tag === 'td' || tag === 'th') && !isFirstCell(el)) sink.separator(' | ');
  const level = PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : 0;
  if (tag === 'li') sink.listItem();
  else if (level > 0) sink.breakLine(level as 1 | 2);
  walkChildren(el, sink, pre || tag === 'pre');
  if (level > 0) sink.breakLine(level as 1 | 2);
}

function walkChildren(node: Node, sink: TextSink, pre: boolean): void {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_NODE) sink.text(child.nodeValue ?? '', pre);
    else if (child.nodeType === ELEMENT_NODE) walkElement(child as Element, sink, pre);
    // comments, processing instructions and doctypes carry no readable text
  }
}

/** Plain text of a DOM subtree: blocks become lines/paragraphs, list items get "- ". */
export function domToText(root: Node): string {
  const sink = new TextSink();
  if (root.nodeType === ELEMENT_NODE) walkElement(root as Element, sink, false);
  else walkChildren(root, sink, false);
  return sink.toString();
}

/** The charset a page declares in a <meta> tag within its first bytes, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m =
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i) ??
    head.match(/<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([\w.:-]+)/i);
  return m?.[1] ?? null;
}

// ---------------------------------------------------------------- metadata

function squash(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** Content of the first <meta> whose name, property or itemprop is one of `keys`. */
function metaContent(doc: Document, keys: readonly string[]): string | null {
  const metas = Array.from(doc.querySelectorAll('meta'));
  for (const key of keys) {
    for (const meta of metas) {
      const names = ['name', 'property', 'itemprop'].map((a) => (meta.getAttribute(a) ?? '').toLowerCase());
      const content = squash(meta.getAttribute('content'));
      if (names.includes(key) && content !== '') return content;
    }
  }
  return null;
}

const TITLE_SEPARATOR = /\s+[|\-–—·•:»]{1,2}\s+/g;

/**
 * "Headline | Site" -> "Headline" (or "Site - Headline" -> "Headline"), but only when the
 * page's h1 confirms which part is the headline; otherwise the title is kept as it is.
 */
export function stripSiteSuffix(title: string, h1: string | null): string {
  if (h1 === null || h1 === '') return title;
  const key = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const wanted = key(h1);
  for (const sep of title.matchAll(TITLE_SEPARATOR)) {
    const before = title.slice(0, sep.index);
    const after = title.slice(sep.index + sep[0].length);
    if (key(before) === wanted) return before.trim();
    if (key(after) === wanted) return after.trim();
  }
  return title;
}

function pageTitle(doc: Document): string | null {
  const h1 = squash(doc.querySelector('h1')?.textContent) || null;
  const declared = metaContent(doc, ['og:title', 'twitter:title']) ?? (squash(doc.querySelector('title')?.textContent) || null);
  if (declared !== null) return clampTitle(stripSiteSuffix(declared, h1));
  return h1 !== null ? clampTitle(h1) : null;
}

const DATE_META = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'datepublished',
  'publishdate', 'publish-date', 'pubdate', 'date', 'dc.date.issued', 'dc.date', 'dcterms.issued',
  'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published',
];

function pageDate(doc: Document): string | null {
  const fromMeta = normalizeDate(metaContent(doc, DATE_META));
  if (fromMeta !== null) return fromMeta;
  for (const el of Array.from(doc.querySelectorAll('[itemprop]'))) {
    if ((el.getAttribute('itemprop') ?? '').toLowerCase() !== 'datepublished') continue;
    const value = el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent;
    const date = normalizeDate(value);
    if (date !== null) return date;
  }
  for (const el of Array.from(doc.querySelectorAll('time'))) {
    const date = normalizeDate(el.getAttribute('datetime') ?? el.textContent);
    if (date !== null) return date;
  }
  return null;
}

function pageAuthor(doc: Document): string | null {
  const meta = cleanAuthor(metaContent(doc, ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'sailthru.author']));
  if (meta !== null) return meta;
  const rel = doc.querySelector('[rel="author"], [itemprop="author"]');
  return cleanAuthor(rel?.textContent);
}

// ---------------------------------------------------------------- article

interface Article {
  text: string;
  byline: string | null;
  publishedTime: string | null;
}

function readArticle(doc: Document): Article | null {
  try {
    const result = new Readability<Node>(doc, { serializer: (node: Node) => node, charThreshold: 200 }).parse();
    const content = result?.content;
    if (!result || !content) return null;
    const text = domToText(content);
    return text === '' ? null : { text, byline: result.byline ?? null, publishedTime: result.publishedTime ?? null };
  } catch {
    return null; // a page Readability cannot handle falls back to the whole body
  }
}

/** Text of the whole page; content outside <body> (e.g. "<html><p>..") counts too. */
function pageText(doc: Document): string {
  const body = doc.body as HTMLElement | null;
  const text = body ? domToText(body) : '';
  return text !== '' || !doc.documentElement ? text : domToText(doc.documentElement);
}

/**
 * linkedom keeps only the first element of a fragment ("<div>a</div><p>b</p>" loses the <p>),
 * so saved snippets and pages without an <html> element are wrapped into a full document.
 */
export function asFullDocument(html: string): string {
  if (/<html[\s>]/i.test(html)) return html;
  if (/<(head|body)[\s>]/i.test(html)) return `<!DOCTYPE html><html>${html}</html>`;
  return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

/** Extracts readable text and metadata from an HTML document string. */
export function extractHtml(html: string, fileName?: string): HtmlExtract {
  const { document } = parseHTML(asFullDocument(html));
  const warnings: string[] = [];
  const title = pageTitle(document);
  const metaDate = pageDate(document);
  const metaAuthor = pageAuthor(document);
  const fallbackText = pageText(document);
  const article = readArticle(document);
  let text = article?.text ?? '';
  if (text.length < Math.min(200, fallbackText.length / 2)) {
    if (fallbackText !== '') warnings.push('no main article found; imported the text of the whole page');
    text = fallbackText;
  }
  return {
    text,
    title,
    publishedAt: metaDate ?? normalizeDate(article?.publishedTime) ?? inferDate(text, { fileName }),
    author: metaAuthor ?? cleanAuthor(article?.byline) ?? inferAuthor(text),
    warnings,
  };
}
