import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/notebook/import/extract';
import { fixture, utf8 } from './helpers';

describe('markdown reports', () => {
  it('takes title, date and author from front matter and drops the front matter from the text', async () => {
    const r = await extractFile(fixture('syria-briefing.md'), 'syria-briefing.md');
    expect(r).toMatchObject({
      kind: 'markdown',
      mime: 'text/markdown',
      title: 'Briefing: Russian posture at Khmeimim',
      publishedAt: '2024-12-03',
      author: 'Desk Analyst',
    });
    expect(r.text.startsWith('# Situation in western Syria')).toBe(true);
    expect(r.text).not.toContain('tags:');
    expect(r.text).not.toContain('---');
  });

  it('keeps the markdown source of the body', async () => {
    const r = await extractFile(fixture('syria-briefing.md'), 'syria-briefing.md');
    expect(r.text).toContain('**Khmeimim**');
    expect(r.text).toContain('- GUR reports cargo flights to Latakia');
    expect(r.text).toContain('[the earlier note](notes/hama.md)');
  });

  it('uses a setext heading as the title and infers the date from the text', async () => {
    const r = await extractFile(fixture('khama-notes.md'), 'khama-notes.md');
    expect(r.title).toBe('Notes on Khama and the Hmeimim base');
    expect(r.publishedAt).toBe('2024-12-01');
    expect(r.author).toBeNull();
  });

  it('uses the first # heading, without markdown markers', async () => {
    const md = 'Some intro line\n\n# The *Khmeimim* base and [GUR](https://example.org) claims #\n\nBody.';
    const r = await extractFile(utf8(md), 'x.md');
    expect(r.title).toBe('The Khmeimim base and GUR claims');
  });

  it('ignores headings inside code fences', async () => {
    const md = '```\n# not a title\n```\n\n**Hama** situation report\n';
    const r = await extractFile(utf8(md), 'x.md');
    expect(r.title).toBe('not a title');
  });

  it('falls back to the first line stripped of markers when there is no heading', async () => {
    const r = await extractFile(utf8('> **Zhuravlev** seen at Khmeimim\n\nMore text.'), 'x.md');
    expect(r.title).toBe('Zhuravlev seen at Khmeimim');
  });

  it('reads a prose date and quoted values in front matter', async () => {
    const md = "---\ntitle: 'Hama: the last week'\ndate: December 7, 2024\n---\nText about Hama.\n";
    const r = await extractFile(utf8(md), 'x.md');
    expect(r.title).toBe('Hama: the last week');
    expect(r.publishedAt).toBe('2024-12-07');
  });
});
