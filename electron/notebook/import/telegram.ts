/**
 * Telegram Desktop exports ("Export chat history"): the machine-readable result.json and the HTML
 * export (messages.html, messages2.html...). Each post becomes a report: its own date and time, the
 * channel (an organization entity tagged on the post), author or signature, views and forwards,
 * its link as text (never fetched), "forwarded from", and the names of its attachments. An album
 * (several media sent together) is one report. The JSON is streamed, so an export of any size
 * costs memory for one chunk of posts at a time.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { JSONParser } from '@streamparser/json';
import { parseHTML } from 'linkedom';
import { DossierError } from '../errors';
import type { Extracted, ExtractedEntity, ExtractedField, ItemSource } from './extracted';
import { MIME_BY_KIND, tidy } from './extracted';
import { domToText } from './html';
import { clampTitle, stripLineNoise } from './infer';
import { limits, mb } from './limits';

/** One post as both export formats describe it. */
export interface TelegramPost {
  chat: { id: string | null; name: string; type: string | null };
  id: number;
  /** The post's own date and time as the export shows it (the exporting computer's clock). */
  date: string;
  /** Exact UTC time when the export gives it (date_unixtime), ISO. */
  utc: string | null;
  edited: string | null;
  author: string | null;
  from: string | null;
  forwardedFrom: string | null;
  views: number | null;
  forwards: number | null;
  text: string;
  attachments: string[];
  groupedId: string | null;
  /** The post as it appears in the export (JSON of the message or its HTML), kept as the original. */
  raw: string;
  rawExt: '.json' | '.html';
}

const TITLE_CHARS = 120;

// ------------------------------------------------------------------ shared: post -> report

function isChannel(type: string | null): boolean {
  return type === null || /channel/.test(type);
}

function linkOf(post: TelegramPost): string | null {
  const chatId = post.chat.id?.replace(/^-100/, '');
  return chatId && /^\d+$/.test(chatId) ? `t.me/c/${chatId}/${post.id}` : null;
}

function human(n: number): string {
  return n.toLocaleString('en-US');
}

/** Merges the posts of one album (same grouped_id) into the first; their texts and files join. */
export function mergeAlbum(parts: TelegramPost[]): TelegramPost {
  const [first, ...rest] = parts;
  if (!first) throw new Error('empty album');
  if (rest.length === 0) return first;
  const withText = parts.filter((p) => p.text.trim() !== '');
  return {
    ...first,
    text: withText.map((p) => p.text).join('\n\n'),
    attachments: parts.flatMap((p) => p.attachments),
    edited: parts.map((p) => p.edited).filter((e): e is string => e !== null).sort().pop() ?? null,
    views: parts.reduce<number | null>((m, p) => (p.views !== null && (m === null || p.views > m) ? p.views : m), null),
    raw: first.rawExt === '.json' ? `[${parts.map((p) => p.raw).join(',\n')}]` : parts.map((p) => p.raw).join('\n'),
  };
}

/** The report of one post: text first, then the provenance lines a researcher cites. */
export function postToReport(post: TelegramPost, fileName: string): Extracted {
  const fields: ExtractedField[] = [];
  const add = (label: string, value: string | null | undefined): void => {
    if (value) fields.push({ label, value });
  };
  add('Channel', post.chat.name);
  add('Posted', post.utc && post.utc.slice(0, 19).replace('T', ' ') !== post.date.replace('T', ' ') ? `${post.date.replace('T', ' ')} (UTC ${post.utc})` : post.date.replace('T', ' '));
  add('Edited', post.edited?.replace('T', ' '));
  add('Author', post.author);
  if (post.from && post.from !== post.chat.name && post.from !== post.author) add('From', post.from);
  add('Forwarded from', post.forwardedFrom);
  add('Views', post.views !== null ? human(post.views) : null);
  add('Forwards', post.forwards !== null ? human(post.forwards) : null);
  const link = linkOf(post);
  add('Link', link);
  add('Attachments', post.attachments.join(', '));
  add('Post', `${post.id} in ${fileName}`);

  const body = tidy(post.text);
  let text = body === '' ? '' : `${body}\n\n`;
  const entities: ExtractedEntity[] = [];
  for (const f of fields) {
    if (f.label === 'Post') continue;
    const line = `${f.label}: ${f.value}`;
    if (f.label === 'Channel' && isChannel(post.chat.type)) {
      entities.push({ name: post.chat.name, type: 'organization', start: text.length + f.label.length + 2, end: text.length + line.length });
    }
    text += `${line}\n`;
  }
  text = text.trimEnd();
  const firstLine = body.split('\n').map(stripLineNoise).find((l) => /\p{L}/u.test(l));
  const what = post.attachments.length > 0 ? 'Media' : 'Post';
  const title = firstLine ? clampTitle(firstLine, TITLE_CHARS) : `${what} ${post.id} in ${post.chat.name}, ${post.date.slice(0, 10)}`;
  const key = post.chat.id ?? post.chat.name;
  return {
    kind: 'telegram',
    mime: MIME_BY_KIND.telegram,
    text,
    title,
    publishedAt: /^\d{4}-\d{2}-\d{2}/.test(post.date) ? post.date.slice(0, 10) : null,
    author: post.author ?? (isChannel(post.chat.type) ? post.chat.name : post.from),
    encoding: 'UTF-8',
    warnings: [],
    link,
    fields,
    entities,
    itemKey: `telegram:${key}:${post.id}`,
    revision: post.edited ?? 'original',
    original: { bytes: new TextEncoder().encode(post.raw), ext: post.rawExt, name: `${fileName} #${post.id}` },
  };
}

/**
 * Groups consecutive posts into albums: the same grouped_id, or (where the export has no grouped_id)
 * a media-only post sent in the same second as a media post just before it.
 */
export class AlbumGrouper {
  private group: TelegramPost[] = [];

  /** Adds a post; returns the finished album or post it closes, if any. */
  push(post: TelegramPost): TelegramPost | null {
    const last = this.group[this.group.length - 1];
    const same =
      last !== undefined &&
      last.chat === post.chat &&
      ((post.groupedId !== null && post.groupedId === last.groupedId) ||
        (post.groupedId === null && last.groupedId === null && post.attachments.length > 0 && last.attachments.length > 0 && post.text.trim() === '' && post.date === last.date && post.from === last.from));
    if (same) {
      this.group.push(post);
      return null;
    }
    const done = this.flush();
    this.group = [post];
    return done;
  }

  flush(): TelegramPost | null {
    const done = this.group.length > 0 ? mergeAlbum(this.group) : null;
    this.group = [];
    return done;
  }
}

// ------------------------------------------------------------------ result.json

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function str(v: Json | undefined): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
}

function num(v: Json | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;
}

/** A message's text: a string, or an array of strings and {type, text} pieces. */
export function telegramText(v: Json | undefined): string {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return '';
  return v.map((p) => (typeof p === 'string' ? p : p && typeof p === 'object' && !Array.isArray(p) ? (str(p.text) ?? (typeof p.text === 'string' ? p.text : '')) : '')).join('');
}

function fileName(v: Json | undefined): string | null {
  const s = str(v);
  if (!s || s.startsWith('(File')) return null; // "(File not included. Change data exporting settings to download.)"
  return s.split('/').pop() ?? s;
}

function attachmentsOf(m: { [k: string]: Json }): string[] {
  const out: string[] = [];
  const photo = fileName(m.photo);
  if (photo) out.push(photo);
  const file = str(m.file_name) ?? fileName(m.file);
  if (file) out.push(file);
  if (out.length === 0 && (m.photo !== undefined || m.file !== undefined)) {
    out.push(str(m.media_type) ?? (m.photo !== undefined ? 'photo' : 'file') + ' (not included in the export)');
  }
  return out;
}

function utcOf(unix: Json | undefined): string | null {
  const n = num(unix);
  return n === null ? null : new Date(n * 1000).toISOString().replace('.000Z', 'Z');
}

export function jsonMessageToPost(m: { [k: string]: Json }, chat: TelegramPost['chat']): TelegramPost | null {
  if (m.type !== 'message') return null; // service messages: joins, pins, title changes
  const id = num(m.id);
  const date = str(m.date);
  if (id === null || date === null) return null;
  return {
    chat,
    id,
    date,
    utc: utcOf(m.date_unixtime),
    edited: str(m.edited) ?? null,
    author: str(m.author),
    from: str(m.from),
    forwardedFrom: str(m.forwarded_from) ?? str(m.saved_from),
    views: num(m.views),
    forwards: num(m.forwards),
    text: telegramText(m.text),
    attachments: attachmentsOf(m),
    groupedId: str(m.grouped_id) ?? str(m.media_group_id),
    raw: JSON.stringify(m, null, 1),
    rawExt: '.json',
  };
}

async function* chunksOf(src: ItemSource): AsyncGenerator<Uint8Array> {
  if (src.bytes) {
    for (let i = 0; i < src.bytes.length; i += 256 * 1024) yield src.bytes.subarray(i, i + 256 * 1024);
    return;
  }
  if (!src.path) return;
  for await (const chunk of createReadStream(src.path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
}

/**
 * Streams the posts of a result.json (one chat, or a whole-account export with chats.list).
 * Throws UNSUPPORTED_TYPE for JSON that is not a Telegram export or is cut short; the posts read
 * before a cut have been yielded (and so imported) by then, and the message says how many.
 */
export async function* extractTelegramJson(src: ItemSource): AsyncGenerator<Extracted> {
  const name = src.name.split(/[\\/]/).pop() ?? src.name;
  const parser = new JSONParser({
    paths: ['$.name', '$.type', '$.id', '$.messages.*', '$.chats.list.*.name', '$.chats.list.*.type', '$.chats.list.*.id', '$.chats.list.*.messages.*', '$.left_chats.list.*.name', '$.left_chats.list.*.type', '$.left_chats.list.*.id', '$.left_chats.list.*.messages.*'],
    keepStack: false,
  });
  let chat: TelegramPost['chat'] = { id: null, name: '', type: null };
  let pending: { name?: string; type?: string | null; id?: string | null } = {};
  let sawMessages = false;
  let posts = 0;
  let read = 0;
  let sinceValue = 0;
  const ready: TelegramPost[] = [];
  const albums = new AlbumGrouper();
  const size = src.bytes?.length ?? (src.path ? (await stat(src.path)).size : null);
  parser.onValue = ({ value, key }) => {
    sinceValue = 0;
    if (key === 'name' || key === 'type' || key === 'id') {
      const v = value as Json;
      if (key === 'name') pending = { name: str(v) ?? 'Telegram chat' };
      else if (key === 'type') pending.type = str(v);
      else pending.id = str(v);
      chat = { id: pending.id ?? null, name: pending.name ?? 'Telegram chat', type: pending.type ?? null };
      return;
    }
    sawMessages = true;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const post = jsonMessageToPost(value as { [k: string]: Json }, chat);
    if (!post) return;
    const done = albums.push(post);
    if (done) ready.push(done);
  };
  const emit = function* (): Generator<Extracted> {
    while (ready.length > 0) {
      const post = ready.shift();
      if (!post) break;
      if (posts >= limits.telegramPosts) return;
      posts++;
      yield postToReport(post, name);
    }
  };
  try {
    for await (const chunk of chunksOf(src)) {
      if (src.signal?.aborted) return;
      read += chunk.length;
      sinceValue += chunk.length;
      if (read === chunk.length && !/^\s*[{[]/.test(new TextDecoder().decode(chunk.subarray(0, 64)).replace(/^\uFEFF/, ''))) {
        throw new DossierError('UNSUPPORTED_TYPE', `${name} is not JSON, so not a Telegram export`);
      }
      parser.write(chunk);
      if (sinceValue > limits.telegramMessageBytes) {
        throw new DossierError('TOO_LARGE', `${name} has a single value larger than ${mb(limits.telegramMessageBytes)}; a Telegram export does not`);
      }
      if (!sawMessages && read > 4 * 1024 * 1024 && chat.name === '') {
        throw new DossierError('UNSUPPORTED_TYPE', `${name} is not a Telegram Desktop export (no "messages" list)`);
      }
      yield* emit();
      if (posts >= limits.telegramPosts) break;
      // The total is estimated from the share of the file read so far, until the end gives it exactly.
      src.onItemProgress?.({ done: posts, total: size && read > 0 && posts > 0 ? Math.max(posts, Math.round((posts * size) / read)) : null });
    }
    if (posts < limits.telegramPosts && !parser.isEnded) parser.end();
  } catch (err) {
    if (err instanceof DossierError) throw err;
    const cut = posts > 0 ? `; the ${posts} complete post${posts === 1 ? '' : 's'} before the cut were imported` : '';
    throw new DossierError('UNSUPPORTED_TYPE', `${name} is damaged or cut short (invalid JSON after ${mb(read)})${cut}`, { cause: err });
  }
  const last = albums.flush();
  if (last) ready.push(last);
  yield* emit();
  src.onItemProgress?.({ done: posts, total: posts });
  if (!sawMessages) throw new DossierError('UNSUPPORTED_TYPE', `${name} is not a Telegram Desktop export (no "messages" list)`);
  if (posts === 0) throw new DossierError('EMPTY', `the Telegram export ${name} has no posts with text or media`);
}

// ------------------------------------------------------------------ messages.html

/** A Telegram Desktop HTML export page (messages.html, messages2.html...). */
export function isTelegramHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 16 * 1024));
  return /class="page_wrap"/.test(head) && /class="history"/.test(head);
}

/** "03.02.2024 14:22:05 UTC+03:00" -> date "2024-02-03T14:22:05" and utc ISO. */
export function htmlDate(title: string | null): { date: string; utc: string | null } | null {
  const m = title?.match(/(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):(\d{2}))?/);
  if (!m) return null;
  const [, d, mo, y, h, mi, s, sign, oh, om] = m;
  const date = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (!sign) return { date, utc: null };
  const offset = (Number(oh) * 60 + Number(om)) * (sign === '+' ? 1 : -1);
  const utc = new Date(Date.parse(`${date}Z`) - offset * 60_000).toISOString().replace('.000Z', 'Z');
  return { date, utc };
}

function textOf(el: Element | null): string {
  return el ? domToText(el as unknown as Node).trim() : '';
}

/** Reads the posts of one HTML export page. */
export function telegramHtmlPosts(html: string): TelegramPost[] {
  const { document } = parseHTML(html);
  const chatName = textOf(document.querySelector('.page_header .text.bold')) || 'Telegram chat';
  const chat: TelegramPost['chat'] = { id: null, name: chatName, type: null };
  const posts: TelegramPost[] = [];
  let lastFrom: string | null = null;
  for (const el of Array.from(document.querySelectorAll('.history > .message'))) {
    if (el.classList.contains('service')) continue;
    const id = Number((el.getAttribute('id') ?? '').replace(/^message/, ''));
    const body = el.querySelector(':scope > .body');
    if (!Number.isFinite(id) || id <= 0 || !body) continue;
    const dateEl = body.querySelector(':scope > .date');
    const when = htmlDate(dateEl?.getAttribute('title') ?? null);
    if (!when) continue;
    const fromEl = body.querySelector(':scope > .from_name');
    const from: string | null = fromEl ? textOf(fromEl) : lastFrom;
    lastFrom = from;
    const fwd = body.querySelector(':scope > .forwarded');
    const fwdFrom = fwd?.querySelector('.from_name');
    if (fwdFrom) for (const d of Array.from(fwdFrom.querySelectorAll('.date, .details'))) d.remove();
    const scope = fwd ?? body;
    const textEl = scope.querySelector(':scope > .text');
    const attachments = Array.from(scope.querySelectorAll('.media_wrap a[href]'))
      .map((a) => (a.getAttribute('href') ?? '').split('/').pop() ?? '')
      .filter((h) => h !== '' && !/^(https?:|tg:|#)/.test(h));
    const editedTitle = body.querySelector('.edited')?.getAttribute('title') ?? (/edited/i.test(dateEl?.textContent ?? '') ? dateEl?.getAttribute('title') : null);
    const edited = editedTitle ? (htmlDate(editedTitle)?.date ?? editedTitle) : null;
    const signature = textOf(body.querySelector('.signature'));
    const views = textOf(body.querySelector('.views')).replace(/[^\d]/g, '');
    posts.push({
      chat,
      id,
      date: when.date,
      utc: when.utc,
      edited,
      author: signature || null,
      from,
      forwardedFrom: fwdFrom ? textOf(fwdFrom) || null : null,
      views: views ? Number(views) : null,
      forwards: null,
      text: textEl ? textOf(textEl) : '',
      attachments,
      groupedId: null,
      raw: el.outerHTML,
      rawExt: '.html',
    });
  }
  return posts;
}

export function extractTelegramHtml(bytes: Uint8Array, fileName: string): Extracted[] {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const posts = telegramHtmlPosts(new TextDecoder('utf-8').decode(bytes));
  const albums = new AlbumGrouper();
  const out: Extracted[] = [];
  for (const p of posts) {
    const done = albums.push(p);
    if (done) out.push(postToReport(done, name));
  }
  const last = albums.flush();
  if (last) out.push(postToReport(last, name));
  if (out.length === 0) throw new DossierError('EMPTY', `the Telegram export page ${name} has no posts`);
  return out;
}
