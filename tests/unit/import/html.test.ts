import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/notebook/import/extract';
import { fixture, utf8 } from './helpers';

const page = (head: string, body: string): Uint8Array =>
  utf8(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`);

const ARTICLE_BODY =
  '<article><h1>Russian troops leave Hama</h1>' +
  '<p>Russian forces began withdrawing from positions near Hama, written Khama in some reports, ' +
  'according to residents and to Ukraine&#39;s military intelligence agency, the GUR.</p>' +
  '<p>Convoys were seen heading toward the Khmeimim air base near Latakia, where general Zhuravlev ' +
  'once commanded the Russian group of forces in Syria.</p></article>';

describe('HTML article pages', () => {
  it('extracts the article text, title, date and author', async () => {
    const r = await extractFile(fixture('syria-article.html'), 'syria-article.html');
    expect(r).toMatchObject({
      kind: 'html',
      mime: 'text/html',
      encoding: 'UTF-8',
      title: 'Russian troops leave Hama as front collapses',
      publishedAt: '2024-12-01',
      author: 'Omar Haddad',
    });
    expect(r.text).toContain('Russian forces began withdrawing from positions around Hama — written “Khama” in several wire reports — on Sunday');
    expect(r.text).toContain('Ukraine’s military intelligence agency, the GUR.');
    expect(r.text).toContain('Khmeimim air base near Latakia');
    expect(r.text).toContain('general Alexander Zhuravlev');
  });

  it('leaves out navigation, footer, styles and scripts', async () => {
    const r = await extractFile(fixture('syria-article.html'), 'syria-article.html');
    expect(r.text).not.toContain('Subscribe');
    expect(r.text).not.toContain('All rights reserved');
    expect(r.text).not.toContain('font-family');
    expect(r.text).not.toContain('trackPageView');
  });

  it('turns lists into "- " lines, paragraphs into blank-line-separated blocks', async () => {
    const r = await extractFile(fixture('syria-article.html'), 'syria-article.html');
    expect(r.text).toContain('- Hama airport: abandoned\n- Khmeimim: reinforced\n- Tartus naval facility: on alert');
    expect(r.text).toContain('\n\nWe saw trucks moving all night toward the coast.\n\n');
    expect(r.text).toMatch(/Location \| Status\nHama \| withdrawn/);
    expect(r.text).not.toMatch(/\n{3,}/);
    expect(r.text).not.toMatch(/ {2,}/);
  });

  it('keeps the <title> with its site suffix when no h1 confirms the headline', async () => {
    const r = await extractFile(page('<title>Hama update | Levant Monitor</title>', '<p>Short note on Hama and Khmeimim.</p>'), 'p.html');
    expect(r.title).toBe('Hama update | Levant Monitor');
  });

  it('prefers og:title and strips the site name when the h1 matches', async () => {
    const r = await extractFile(
      page('<meta property="og:title" content="Russian troops leave Hama - Levant Monitor"><title>ignored</title>', ARTICLE_BODY),
      'p.html',
    );
    expect(r.title).toBe('Russian troops leave Hama');
  });

  it.each([
    ['Hama: the last week | Levant Monitor', 'Hama: the last week', 'Hama: the last week'],
    ['Levant Monitor - Khmeimim on alert', 'Khmeimim on alert', 'Khmeimim on alert'],
    ['Hama | Levant Monitor', 'Hama falls to rebels', 'Hama | Levant Monitor'],
  ])('title %j with h1 %j -> %j', async (title, h1, expected) => {
    const r = await extractFile(page(`<title>${title}</title>`, `<h1>${h1}</h1><p>Text on Hama.</p>`), 'p.html');
    expect(r.title).toBe(expected);
  });

  it('uses the first h1 when there is no <title>', async () => {
    const r = await extractFile(page('', ARTICLE_BODY), 'p.html');
    expect(r.title).toBe('Russian troops leave Hama');
  });

  it('falls back to the text, then the file name, for the title', async () => {
    expect((await extractFile(page('', '<p>Khmeimim quiet overnight.</p>'), 'p.html')).title).toBe('Khmeimim quiet overnight.');
  });

  it.each([
    ['<meta itemprop="datePublished" content="2024-12-02">', ''],
    ['', '<span itemprop="datePublished" content="2024-12-02">Monday</span>'],
    ['', '<p>Posted <time datetime="2024-12-02T08:00:00Z">yesterday</time></p>'],
    ['', '<p>Published on December 2, 2024.</p>'],
  ])('finds the publication date (%s%s)', async (head, extra) => {
    const r = await extractFile(page(head, extra + ARTICLE_BODY), 'p.html');
    expect(r.publishedAt).toBe('2024-12-02');
  });

  it('has no date when the page states none', async () => {
    expect((await extractFile(page('', ARTICLE_BODY), 'p.html')).publishedAt).toBeNull();
  });

  it('reads the author from a byline when there is no author meta', async () => {
    const r = await extractFile(page('', '<article><p class="byline">By Lina Saleh</p>' + ARTICLE_BODY.slice(9)), 'p.html');
    expect(r.author).toBe('Lina Saleh');
  });

  it('decodes entities', async () => {
    const r = await extractFile(page('', '<p>Hama &amp; Khama &quot;GUR&quot; &lt;b&gt; &#1061;&#1072;&#1084;&#1072; &eacute;</p>'), 'p.html');
    expect(r.text).toBe('Hama & Khama "GUR" <b> Хама é');
  });

  it('uses the charset the page declares when the bytes are not UTF-8', async () => {
    const html = '<html><head><meta charset="windows-1251"><title>Сводка</title></head><body><p>Войска покинули Хмеймим.</p></body></html>';
    const r = await extractFile(new Uint8Array(iconv.encode(html, 'windows-1251')), 'svodka.html');
    expect(r.encoding).toBe('windows-1251');
    expect(r.title).toBe('Сводка');
    expect(r.text).toBe('Войска покинули Хмеймим.');
  });

  it('falls back to the whole page text when there is no article', async () => {
    const r = await extractFile(page('<title>Links</title>', '<div>Hama</div><div>Khmeimim</div><span>GUR</span>'), 'p.html');
    expect(r.text.split(/\n+/)).toEqual(['Hama', 'Khmeimim', 'GUR']);
  });

  it.each([
    '<div>Hama</div><p>Khmeimim</p><p>GUR</p>',
    '<html><p>Hama</p><p>Khmeimim</p><p>GUR</p></html>',
    '<head><title>Saved</title></head><p>Hama</p><p>Khmeimim</p><p>GUR</p>',
  ])('reads every paragraph of a page saved without the usual wrappers: %s', async (html) => {
    const r = await extractFile(utf8(html), 'snippet.html');
    expect(r.text.split(/\n+/)).toEqual(['Hama', 'Khmeimim', 'GUR']);
  });
});

describe('hostile HTML is reduced to harmless text', () => {
  it('keeps the article words', async () => {
    const r = await extractFile(fixture('hostile.html'), 'hostile.html');
    expect(r.title).toBe('Khmeimim base report');
    expect(r.publishedAt).toBe('2024-12-01');
    expect(r.text).toContain('The Russian air base at Khmeimim remained operational on December 1, 2024');
    expect(r.text).toContain('Read the full briefing later.');
    expect(r.text).toContain('General Zhuravlev was not seen at the base.');
  });

  it('contains no markup, script bodies, handlers or hidden content', async () => {
    const r = await extractFile(fixture('hostile.html'), 'hostile.html');
    for (const banned of [
      '<', '>', 'script', 'alert(', 'onerror', 'onload', 'onclick', 'javascript:', 'document.write', 'injected',
      'srcdoc', 'iframe fallback', 'svg label', 'noscript fallback', 'template text', 'object fallback',
      'hidden comment', 'tracker.example', 'input value', 'button text', 'background',
    ]) {
      expect(r.text, `must not contain ${banned}`).not.toContain(banned);
    }
  });

  it('never lets markup through even when readability finds no article', async () => {
    const html = '<body><div onclick="alert(1)">Hama</div><script>alert("x")</script><svg><text>svg</text></svg><img src=x onerror=alert(2)>';
    const r = await extractFile(utf8(html), 'tiny.html');
    expect(r.text).toBe('Hama');
  });
});
