/**
 * Telegram Desktop exports: result.json (streamed) and messages.html. Each post is a report with the
 * post's own date and time, channel, author, views, forwarded-from, link and attachments; an album
 * is one report; the channel is an organization entity tagged on its posts; a newer export adds only
 * the new posts and updates the edited one. Damaged and oversized exports get clear reasons.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths, Notebook } from '../../../electron/notebook';
import { limits, LIMITS } from '../../../electron/notebook/import/limits';
import type { Report } from '../../../electron/notebook/schema/v1';
import { tmpDir } from '../../helpers/tmp';

const FIX = path.resolve(__dirname, '../../fixtures/formats');
const field = (r: Report, label: string): string | undefined => r.fields?.find((f) => f.label === label)?.value;

async function fresh(): Promise<Notebook> {
  return Notebook.open({ dir: tmpDir(), writable: true, app: 'test' });
}

function byPost(nb: Notebook): Map<number, Report> {
  return new Map(nb.reports.all().map((r) => [Number(r.itemKey?.split(':').pop()), r]));
}

afterEach(() => Object.assign(limits, LIMITS));

describe('Telegram result.json', () => {
  it('makes one report per post with the post\'s own date, channel, author, views and link', async () => {
    const nb = await fresh();
    const res = await importPaths(nb, [path.join(FIX, 'telegram-json/result.json')], { tags: ['telegram'] });
    expect(res.failed).toEqual([]);
    // 7 messages and a service message; the album of three photos is one report: 5 reports.
    expect(res.imported).toHaveLength(5);
    const posts = byPost(nb);
    expect([...posts.keys()].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 8]);

    const p2 = posts.get(2)!;
    const body2 = await nb.reports.body(p2.id);
    expect(p2).toMatchObject({ format: 'telegram', title: 'Обстріл Херсона вночі: пошкоджено підстанцію, без світла 12 тисяч абонентів.', publishedAt: '2024-02-01', author: 'Олена К.', link: 't.me/c/1234567890/2', tags: ['telegram'] });
    expect(field(p2, 'Posted')).toBe('2024-02-01 10:15:00 (UTC 2024-02-01T07:15:00Z)');
    expect(field(p2, 'Views')).toBe('15,230');
    expect(field(p2, 'Forwards')).toBe('48');
    expect(body2).toContain('Channel: Dnipro Watch\n');
    expect(body2).toContain('Link: t.me/c/1234567890/2');
    // The original of a post is the post as the export has it.
    const original = JSON.parse((await nb.blobs.readBytes(p2.originalRef)).toString('utf8')) as { id: number; views: number };
    expect(original).toMatchObject({ id: 2, views: 15230 });
    expect(p2.originalName).toBe('result.json #2');
  });

  it('keeps forwarded-from, rich text pieces, the edit time, the album\'s files and a 4,000-character post', async () => {
    const nb = await fresh();
    await importPaths(nb, [path.join(FIX, 'telegram-json/result.json')]);
    const posts = byPost(nb);
    expect(await nb.reports.body(posts.get(3)!.id)).toMatch(/^Briefing by the General Staff: the situation near Avdiivka remains difficult\.\n\n/);
    expect(field(posts.get(3)!, 'Forwarded from')).toBe('General Staff of the Armed Forces');
    expect(field(posts.get(4)!, 'Edited')).toBe('2024-02-02 08:20:00');
    expect(field(posts.get(5)!, 'Attachments')).toBe('photo_1@02-02-2024_14-00-00.jpg, photo_2@02-02-2024_14-00-00.jpg, photo_3@02-02-2024_14-00-00.jpg');
    const long = await nb.reports.body(posts.get(8)!.id);
    expect(long.indexOf('\n\nChannel:')).toBe(4000);
    expect(field(posts.get(8)!, 'Attachments')).toBe('analysis.pdf');
  });

  it('tags the channel on every post as an organization', async () => {
    const nb = await fresh();
    await importPaths(nb, [path.join(FIX, 'telegram-json/result.json')]);
    const channels = nb.entities.all().filter((e) => e.name === 'Dnipro Watch');
    expect(channels).toHaveLength(1);
    expect(channels[0]!.type).toBe('organization');
    const mentions = nb.entities.mentionsOf(channels[0]!.id);
    expect(mentions).toHaveLength(5);
    for (const m of mentions) expect((await nb.reports.body(m.reportId)).slice(m.start, m.end)).toBe('Dnipro Watch');
  });

  it('a newer export adds only the new posts and updates the edited one', async () => {
    const nb = await fresh();
    await importPaths(nb, [path.join(FIX, 'telegram-json/result.json')], { tags: ['first'] });
    const before = byPost(nb);
    const res = await importPaths(nb, [path.join(FIX, 'telegram-json-newer/result.json')], { tags: ['second'] });
    expect(res.failed).toEqual([]);
    expect(res.imported.map((i) => i.title)).toEqual(['Нове повідомлення: ремонт мосту у Миколаєві завершено.', 'Друге нове повідомлення про ситуацію в Одесі.']);
    expect(res.updated?.map((u) => u.id)).toEqual([before.get(4)!.id]);
    expect(res.duplicates).toHaveLength(4);
    const after = byPost(nb);
    expect(nb.reports.count).toBe(7);
    const edited = after.get(4)!;
    expect(await nb.reports.body(edited.id)).toContain('вивезено 37 людей (оновлено)');
    expect(edited).toMatchObject({ id: before.get(4)!.id, importedAt: before.get(4)!.importedAt, tags: ['first', 'second'] });
    expect(field(edited, 'Edited')).toBe('2024-02-02 09:30:00');
    // The channel is still one entity; the edited post's mention points into its new text.
    const channel = nb.entities.all().find((e) => e.name === 'Dnipro Watch')!;
    const mentions = nb.entities.mentionsOf(channel.id);
    expect(mentions).toHaveLength(7);
    const m4 = mentions.find((m) => m.reportId === edited.id)!;
    expect((await nb.reports.body(edited.id)).slice(m4.start, m4.end)).toBe('Dnipro Watch');
    // The update is on disk: reopened, the notebook has the edited post, not the first export's.
    const dir = nb.dir;
    await nb.close();
    const again = await Notebook.open({ dir, writable: false });
    const reopened = byPost(again).get(4)!;
    expect(reopened).toMatchObject({ contentHash: edited.contentHash, tags: ['first', 'second'] });
    expect(await again.reports.body(reopened.id)).toContain('вивезено 37 людей (оновлено)');
    await again.close();
  });

  it('reads a whole-account export (chats.list) with each chat\'s own name', async () => {
    const one = JSON.parse(readFileSync(path.join(FIX, 'telegram-json/result.json'), 'utf8')) as { messages: unknown[] };
    const account = { about: 'export', chats: { about: 'chats', list: [
      { name: 'Dnipro Watch', type: 'public_channel', id: 1234567890, messages: one.messages.slice(0, 3) },
      { name: 'Petro Koval', type: 'personal_chat', id: 555, messages: [{ id: 11, type: 'message', date: '2024-03-01T10:00:00', date_unixtime: '1709280000', from: 'Petro Koval', text: 'Привіт, надсилаю звіт.' }] },
    ] } };
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'result.json'), JSON.stringify(account));
    const nb = await fresh();
    const res = await importPaths(nb, [path.join(dir, 'result.json')]);
    expect(res.imported).toHaveLength(3);
    const chat = nb.reports.all().find((r) => r.itemKey === 'telegram:555:11')!;
    expect(chat).toMatchObject({ author: 'Petro Koval', title: 'Привіт, надсилаю звіт.' });
    expect(field(chat, 'Channel')).toBe('Petro Koval');
    // A personal chat is not an organization.
    expect(nb.entities.all().map((e) => e.name)).toEqual(['Dnipro Watch']);
  });

  it('a truncated export imports the posts before the cut and says so', async () => {
    const dir = tmpDir();
    const full = readFileSync(path.join(FIX, 'telegram-json/result.json'));
    writeFileSync(path.join(dir, 'result.json'), full.subarray(0, Math.floor(full.length * 0.45)));
    const nb = await fresh();
    const res = await importPaths(nb, [path.join(dir, 'result.json')]);
    expect(res.failed).toHaveLength(1);
    expect(res.failed[0]!.error.code).toBe('UNSUPPORTED_TYPE');
    expect(res.failed[0]!.error.message).toMatch(/damaged or cut short .*the \d complete posts? before the cut were imported/);
    expect(res.imported.length).toBeGreaterThan(0);
    expect(nb.reports.count).toBe(res.imported.length);
  });

  it('refuses JSON that is not a Telegram export, and a single value past the limit', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'result.json'), JSON.stringify({ rows: [1, 2, 3] }));
    writeFileSync(path.join(dir, 'huge.json'), `{"name":"X","type":"public_channel","id":1,"messages":[{"id":1,"type":"message","date":"2024-01-01T00:00:00","text":"${'A'.repeat(3 * 1024 * 1024)}`);
    limits.telegramMessageBytes = 1024 * 1024;
    const nb = await fresh();
    const res = await importPaths(nb, [dir]);
    expect(res.failed.map((f) => [path.basename(f.path), f.error.code, f.error.message])).toEqual([
      ['huge.json', 'TOO_LARGE', 'huge.json has a single value larger than 1.0 MB; a Telegram export does not'],
      ['result.json', 'UNSUPPORTED_TYPE', 'result.json is not a Telegram Desktop export (no "messages" list)'],
    ]);
  });

  it('refuses an export over the size limit before reading it', async () => {
    limits.telegramJsonBytes = 1000;
    const nb = await fresh();
    const res = await importPaths(nb, [path.join(FIX, 'telegram-json/result.json')]);
    expect(res.failed[0]?.error).toMatchObject({ code: 'TOO_LARGE' });
    expect(res.failed[0]?.error.message).toMatch(/^the file is .* MB; the limit is .* MB$/);
  });
});

describe('Telegram HTML export (messages.html)', () => {
  it('reads the same posts from the HTML pages, with the album as one report', async () => {
    const dir = tmpDir();
    mkdirSync(path.join(dir, 'ChatExport_2024-02-05'));
    copyFileSync(path.join(FIX, 'telegram-html/messages.html'), path.join(dir, 'ChatExport_2024-02-05/messages.html'));
    const nb = await fresh();
    const res = await importPaths(nb, [dir]);
    expect(res.failed).toEqual([]);
    expect(res.imported).toHaveLength(5);
    const posts = new Map(nb.reports.all().map((r) => [Number(r.itemKey?.split(':').pop()), r]));
    const p2 = posts.get(2)!;
    expect(p2).toMatchObject({ format: 'telegram', author: 'Олена К.', publishedAt: '2024-02-01' });
    expect(field(p2, 'Posted')).toBe('2024-02-01 10:15:00 (UTC 2024-02-01T07:15:00Z)');
    expect(field(posts.get(3)!, 'Forwarded from')).toBe('General Staff of the Armed Forces');
    expect(await nb.reports.body(posts.get(3)!.id)).toMatch(/^Briefing by the General Staff: the situation near Avdiivka remains difficult\./);
    expect(field(posts.get(4)!, 'Edited')).toBe('2024-02-02 08:20:00');
    expect(field(posts.get(5)!, 'Attachments')).toBe('photo_1@02-02-2024_14-00-00.jpg, photo_2@02-02-2024_14-00-00.jpg, photo_3@02-02-2024_14-00-00.jpg');
    expect(field(posts.get(8)!, 'Attachments')).toBe('analysis.pdf');
    expect((await nb.reports.body(posts.get(8)!.id)).indexOf('\n\nChannel:')).toBe(4000);
    expect((await nb.blobs.readBytes(p2.originalRef)).toString('utf8')).toMatch(/^<div class="message default clearfix" id="message2">/);
    expect(nb.entities.all().map((e) => [e.name, e.type])).toEqual([['Dnipro Watch', 'organization']]);
  });

  it('an ordinary web page named messages.html is still an ordinary page', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'messages.html'), '<html><head><title>Messages from the front</title></head><body><p>Letters home, 1944.</p></body></html>');
    const nb = await fresh();
    const res = await importPaths(nb, [dir]);
    expect(nb.reports.get(res.imported[0]!.id)).toMatchObject({ format: 'html', title: 'Messages from the front' });
  });
});
