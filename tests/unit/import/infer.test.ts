import { describe, expect, it } from 'vitest';
import { inferAuthor, inferDate, inferTitle } from '../../../electron/notebook/import/infer';

describe('publication date from text', () => {
  it.each([
    ['Russian troops left Hama on December 1, 2024, officials said.', '2024-12-01'],
    ['HAMA, 1 December 2024 — Russian units withdrew.', '2024-12-01'],
    ['Report date: 2024-12-01. Khmeimim remains active.', '2024-12-01'],
    ['Published Dec. 3, 2024 by the Levant Monitor', '2024-12-03'],
    ['On Sunday, December 1st, 2024, convoys moved toward Khmeimim.', '2024-12-01'],
    ['the 5th of December, 2024 statement by GUR', '2024-12-05'],
    ['Dated 01.12.2024, the memo mentions general Zhuravlev.', '2024-12-01'],
    ['Posted 25/12/2024 from Latakia', '2024-12-25'],
    ['Posted 12/25/2024 from Latakia', '2024-12-25'],
    ['Опубликовано 1 декабря 2024 г. Войска покинули Хаму.', '2024-12-01'],
    ['Сводка от 3 декабря 2024 года: авиабаза Хмеймим.', '2024-12-03'],
    ['The offensive began on 27 November 2024. Published: December 2, 2024.', '2024-12-02'],
    ['Updated December 4, 2024 — first reported on December 1, 2024 near Hama.', '2024-12-04'],
  ])('%s -> %s', (text, expected) => {
    expect(inferDate(text)).toBe(expected);
  });

  it.each([
    ['Russian forces left Hama last Tuesday.'],
    ['The base has been in use since 2015.'],
    ['In December 2024 the situation changed.'],
    ['Talks are expected on Monday.'],
    ['They may march on Hama in 2024 if supplies allow.'],
    ['Posted 03/04/2024 (day and month are ambiguous)'],
    ['Invalid date 2024-02-30 in the header'],
    ['No date here at all, only Khmeimim and GUR.'],
    [''],
  ])('%s -> no date', (text) => {
    expect(inferDate(text)).toBeNull();
  });

  it('takes a news dateline over a later date in the story', () => {
    const story = 'Russian jets leave Khmeimim\n\nLATAKIA, December 3, 2024 — Satellite images show aircraft leaving. Residents of Hama reported strikes on December 1, 2024.';
    expect(inferDate(story)).toBe('2024-12-03');
    expect(inferDate('MOSCOW (Reuters), 5 December 2024 - The ministry said on December 1, 2024 that...')).toBe('2024-12-05');
    expect(inferDate('Analysts said on December 1, 2024 that the base at Khmeimim was quiet.')).toBe('2024-12-01');
  });

  it('only looks at the top of the document', () => {
    const filler = 'Russian forces near Hama. '.repeat(80);
    expect(inferDate(`${filler}Published on December 1, 2024.`)).toBeNull();
    expect(inferDate(`Published on December 1, 2024. ${filler}`)).toBe('2024-12-01');
  });

  it('still finds the date after many month-like words', () => {
    const noise = 'They may go, they may stay; the march is long. '.repeat(6);
    expect(inferDate(`${noise}Dated 2 December 2024.`)).toBe('2024-12-02');
  });
});

describe('title from text', () => {
  it.each([
    ['Russian forces pull back from Hama\n\nBody text.', 'Russian forces pull back from Hama'],
    ['\n\n   \n  Khmeimim update  \nmore', 'Khmeimim update'],
    ['# GUR says *Zhuravlev* left Syria\ntext', 'GUR says Zhuravlev left Syria'],
    ['====\n---\n** Hama sitrep **\n', 'Hama sitrep'],
    ['> - [Khmeimim base](https://example.org) report', 'Khmeimim base report'],
    ['12345\n2024\nConvoy seen near Khama', 'Convoy seen near Khama'],
  ])('%j -> %s', (text, expected) => {
    expect(inferTitle(text, 'fallback.txt')).toBe(expected);
  });

  it('falls back to the file name without extension or folders', () => {
    expect(inferTitle('', '/home/me/reports/hama-2024-12-01.txt')).toBe('hama-2024-12-01');
    expect(inferTitle('  \n --- \n', 'C:\\reports\\Khmeimim notes.md')).toBe('Khmeimim notes');
    expect(inferTitle('', '.txt')).not.toBe('');
  });

  it('uses the first sentence of a long opening paragraph', () => {
    const para = 'Russian forces withdrew from Hama on Sunday. ' + 'Convoys moved west toward the Khmeimim base and Tartus. '.repeat(6);
    expect(inferTitle(para, 'x.txt')).toBe('Russian forces withdrew from Hama on Sunday.');
  });

  it('cuts a very long line at a word boundary, at most 300 characters', () => {
    const line = 'Khmeimim '.repeat(60);
    const title = inferTitle(line, 'x.txt');
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title.endsWith('Khmeimim…')).toBe(true);
    expect(title).not.toMatch(/^\s|\s$/);
  });
});

describe('author from text', () => {
  it.each([
    ['Headline\n\nBy Anna Petrova\n\nText', 'Anna Petrova'],
    ['Headline\nby Omar Haddad, Damascus\nText', 'Omar Haddad'],
    ['Headline\nAuthor: J. Smith\n', 'J. Smith'],
    ['Сводка\nАвтор: Иван Петров\n', 'Иван Петров'],
  ])('%j -> %s', (text, expected) => {
    expect(inferAuthor(text)).toBe(expected);
  });

  it('does not take an ordinary sentence for a byline', () => {
    expect(inferAuthor('Headline\nby the end of the week forces had left Hama.\n')).toBeNull();
  });
});
