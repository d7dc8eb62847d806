/**
 * Publication dates on realistic documents: news wires with bylines and datelines, monitoring
 * digests, briefings, situation reports and saved web pages, through the whole import extraction
 * (file name, HTML and PDF metadata included). The body of each mentions other dates on purpose:
 * the date of the text must win over the dates of the events it reports.
 */
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/notebook/import/extract';
import { dateFromFileName } from '../../../electron/notebook/import/infer';
import { makePdf } from '../../helpers/pdf';
import { utf8 } from './helpers';

interface Fixture {
  name: string;
  file: string;
  content: string | Uint8Array;
  expected: string | null;
}

const BODY_DATES =
  'The offensive began on 27 November 2024, when columns left Idlib. By 1 December 2024 they were outside Hama, ' +
  'and officials said on November 30, 2024 that the airport had been abandoned.';

const FIXTURES: Fixture[] = [
  // ------------------------------------------------------------ bylines
  {
    name: 'BBC Monitoring byline after the headline, body dates earlier in the text than nothing else',
    file: 'syria-rebels-hama.txt',
    content: `Syrian rebels enter Hama city centre\n\nBBC Monitoring, December 3, 2024\n\n${BODY_DATES}\n`,
    expected: '2024-12-03',
  },
  {
    name: 'BBC Monitoring byline with day-first date',
    file: 'monitoring-digest.txt',
    content: `Russian TV plays down Syria setbacks\nBBC Monitoring, 4 December 2024\n\nState TV said on 2 December 2024 that Khmeimim was "operating normally". ${BODY_DATES}`,
    expected: '2024-12-04',
  },
  {
    name: 'a body date mentioned above the byline (in a standfirst)',
    file: 'standfirst.txt',
    content: `Hama falls\nOn 5 December 2024 rebels took the city, residents say.\nBBC Monitoring, December 6, 2024\n\n${BODY_DATES}`,
    expected: '2024-12-06',
  },
  {
    name: 'By-line with a pipe before the date',
    file: 'levant.txt',
    content: `Khmeimim quiet as convoys leave\nBy Jane Doe | December 9, 2024\n\nSatellite images from 7 December 2024 show empty aprons. ${BODY_DATES}`,
    expected: '2024-12-09',
  },
  {
    name: 'author and outlet before the date',
    file: 'analysis.txt',
    content: `Analysis: what the fall of Hama means\nBy Omar Khaled, Levant Monitor, 8 December 2024\n\n${BODY_DATES}`,
    expected: '2024-12-08',
  },
  {
    name: 'wire agency name then a dash',
    file: 'interfax.txt',
    content: `Defence ministry comments on Syria\nInterfax - 11.12.2024\n\nThe ministry said forces had redeployed on 08.12.2024. ${BODY_DATES}`,
    expected: '2024-12-11',
  },
  {
    name: 'Russian monitoring byline',
    file: 'ria.txt',
    content: `Минобороны о ситуации в Сирии\nРИА Новости, 10 декабря 2024\n\nВ ведомстве сообщили, что 8 декабря 2024 года войска покинули Хаму.`,
    expected: '2024-12-10',
  },
  {
    name: 'byline with weekday and time',
    file: 'guardian-live.txt',
    content: `Syria live: rebels reach Homs\nMartin Chulov, Tuesday 3 December 2024 14.05 GMT\n\n${BODY_DATES}`,
    expected: '2024-12-03',
  },
  // ------------------------------------------------------------ datelines
  {
    name: 'classic wire dateline',
    file: 'reuters-latakia.txt',
    content: `Russian jets leave Khmeimim\n\nLATAKIA, Syria, Dec 12, 2024 (Reuters) - Russian aircraft were seen leaving the base. ${BODY_DATES}`,
    expected: '2024-12-12',
  },
  {
    name: 'dateline with agency in brackets',
    file: 'ap-damascus.txt',
    content: `Assad flees as rebels take Damascus\nDAMASCUS (AP), 8 December 2024 — Rebels said on 7 December 2024 that they had reached the suburbs.`,
    expected: '2024-12-08',
  },
  {
    name: 'dateline in an all-caps city with a hyphenated name',
    file: 'deir.txt',
    content: `Oil fields change hands\nDEIR EZ-ZOR, December 10, 2024 — Kurdish-led forces withdrew. ${BODY_DATES}`,
    expected: '2024-12-10',
  },
  {
    name: 'dateline on the first line of the story',
    file: 'afp.txt',
    content: `BEIRUT, 13 December 2024 (AFP) — Lebanon reopened a border crossing that was closed on 4 December 2024.`,
    expected: '2024-12-13',
  },
  // ------------------------------------------------------------ header lines and cues
  {
    name: 'situation report with a date line of its own',
    file: 'sitrep-12.txt',
    content: `SITUATION REPORT No. 12\n3 December 2024\nPrepared for internal use\n\n1. Since 27 November 2024 armed groups have advanced south. ${BODY_DATES}`,
    expected: '2024-12-03',
  },
  {
    name: 'briefing with a "Date:" field',
    file: 'briefing.txt',
    content: `BRIEFING NOTE\nTo: Desk officers\nDate: 05/12/2024\nSubject: Russian posture at Tartus\n\nBetween 1 December 2024 and 3 December 2024 two frigates left port.`,
    expected: '2024-12-05',
  },
  {
    name: 'a "Published:" line after the event',
    file: 'ngo.txt',
    content: `Humanitarian update: Hama governorate\nThe displacement began on 28 November 2024.\nPublished: 6 December 2024\n\n${BODY_DATES}`,
    expected: '2024-12-06',
  },
  {
    name: 'ISO date in the header block',
    file: 'osint-log.txt',
    content: `OSINT log – Khmeimim\n2024-12-14\n\nImagery from 2024-12-11 shows two Il-76 on the apron; on 2024-12-12 one had left.`,
    expected: '2024-12-14',
  },
  {
    name: 'date in brackets after the title',
    file: 'digest.txt',
    content: `Weekly Syria digest (15 December 2024)\n\nEvents since 8 December 2024: ${BODY_DATES}`,
    expected: '2024-12-15',
  },
  {
    name: 'Russian "от" date',
    file: 'svodka.txt',
    content: `Сводка от 16 декабря 2024 года\n\nС 1 декабря 2024 года колонны двигались на юг.`,
    expected: '2024-12-16',
  },
  {
    name: 'posted and updated: posted wins',
    file: 'blog.txt',
    content: `Tracking the Russian withdrawal\nPosted on December 9, 2024 · Updated December 11, 2024\n\n${BODY_DATES}`,
    expected: '2024-12-09',
  },
  {
    name: 'only an "Updated" date',
    file: 'tracker.txt',
    content: `Control map of Syria\nUpdated 17 December 2024\n\nThe map shows the lines as of 15 December 2024.`,
    expected: '2024-12-17',
  },
  // ------------------------------------------------------------ web pages (HTML, metadata)
  {
    name: 'web page with article:published_time',
    file: 'page.html',
    content:
      '<html><head><title>Hama</title><meta property="article:published_time" content="2024-12-02T09:00:00Z"></head>' +
      `<body><article><h1>Hama changes hands</h1><p>${BODY_DATES}</p><p>${BODY_DATES}</p></article></body></html>`,
    expected: '2024-12-02',
  },
  {
    name: 'web page with a <time> element',
    file: 'time.html',
    content:
      '<html><head><title>Khmeimim</title></head><body><article><h1>Khmeimim after Assad</h1>' +
      `<p>By Anna Lee · <time datetime="2024-12-18">18 December 2024</time></p><p>${BODY_DATES}</p><p>${BODY_DATES}</p></article></body></html>`,
    expected: '2024-12-18',
  },
  {
    name: 'web page without metadata but with a byline in the text',
    file: 'nometa.html',
    content:
      '<html><head><title>Tartus</title></head><body><article><h1>Tartus: ships leave</h1>' +
      `<p>Naval News, 19 December 2024</p><p>${BODY_DATES}</p><p>${BODY_DATES}</p></article></body></html>`,
    expected: '2024-12-19',
  },
  {
    name: 'saved web page as text with navigation noise',
    file: 'saved-page.txt',
    content: `Home | World | Middle East\nRussia's bases in Syria: what next?\n20 December 2024\nShare this article\n\n${BODY_DATES}`,
    expected: '2024-12-20',
  },
  {
    name: 'web page text with "Last updated" and "Published" together',
    file: 'both.txt',
    content: `Syria after Assad\nLast updated: 23 Dec 2024 | Published: 21 Dec 2024\n\n${BODY_DATES}`,
    expected: '2024-12-21',
  },
  // ------------------------------------------------------------ markdown, PDF, file names
  {
    name: 'markdown with front matter date',
    file: 'notes.md',
    content: `---\ntitle: Hmeimim log\ndate: 2024-12-22\n---\n\n# Hmeimim log\n\n${BODY_DATES}`,
    expected: '2024-12-22',
  },
  {
    name: 'markdown with a byline under the heading',
    file: 'brief.md',
    content: `# Brief: Russian logistics\n\n*BBC Monitoring, 24 December 2024*\n\n${BODY_DATES}`,
    expected: '2024-12-24',
  },
  {
    name: 'PDF whose first page has a date line',
    file: 'report.pdf',
    content: makePdf([`Country report: Syria`, `25 December 2024`, `The offensive began on 27 November 2024.`]),
    expected: '2024-12-25',
  },
  {
    name: 'PDF with only its creation date in the metadata',
    file: 'scan-notes.pdf',
    content: makePdf([`Country report: Syria`, `Notes on Russian force posture at the coast.`], { creationDate: 'D:20241226093000Z' }),
    expected: '2024-12-26',
  },
  {
    name: 'date only in the file name (ISO)',
    file: '2024-12-27 sitrep khmeimim.txt',
    content: 'Khmeimim situation\n\nThe base is quiet. Two transport aircraft were seen.',
    expected: '2024-12-27',
  },
  {
    name: 'date only in the file name (compact)',
    file: 'bbcm_20241228_syria.txt',
    content: 'Syria: media round-up\n\nState media did not mention the withdrawal.',
    expected: '2024-12-28',
  },
  {
    name: 'file name date beats an event date in the body',
    file: 'brief-2024-12-29.txt',
    content: `Brief on Hama\n\nThe city was taken between 4 December 2024 and 5 December 2024, residents said. Fighting continued after 6 December 2024.`,
    expected: '2024-12-29',
  },
  // ------------------------------------------------------------ body dates only
  {
    name: 'a story whose first sentence gives the day',
    file: 'short.txt',
    content: 'Russian troops left Hama on December 1, 2024, officials said. Convoys were seen heading west.',
    expected: '2024-12-01',
  },
  {
    name: 'only an event date after "since": not a publication date',
    file: 'background.txt',
    content: 'Background: Russia in Syria\n\nRussian aircraft have operated from Khmeimim since 30 September 2015, and the navy from Tartus for longer.',
    expected: null,
  },
  // ------------------------------------------------------------ none
  {
    name: 'plain notes with no date at all',
    file: 'notes.txt',
    content: 'Names to check\n\nZhuravlev, Zhuravlyov, Khmeimim, Hmeimim, GUR.\n',
    expected: null,
  },
  {
    name: 'only a month and a year',
    file: 'monthly.txt',
    content: 'Monthly review\nDecember 2024\n\nThe situation changed quickly.',
    expected: null,
  },
  {
    name: 'ambiguous day and month',
    file: 'ambiguous.txt',
    content: 'Memo\n03/04/2024\n\nThe figures were revised.',
    expected: null,
  },
  {
    name: 'relative dates only',
    file: 'relative.txt',
    content: 'Live blog\n2 hours ago\n\nRebels said yesterday that they would move on Homs next week.',
    expected: null,
  },
  {
    name: 'web page with no date anywhere',
    file: 'about.html',
    content: '<html><head><title>About us</title></head><body><main><h1>About the Levant Monitor</h1><p>We track Russian deployments in Syria from open sources.</p></main></body></html>',
    expected: null,
  },
];

describe('publication dates on realistic documents', () => {
  it(`has at least 30 fixtures with bylines, datelines, body dates and none (${FIXTURES.length})`, () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(30);
    expect(FIXTURES.filter((f) => f.expected === null).length).toBeGreaterThanOrEqual(5);
  });

  it('gets at least 90% right, and never gives a date where the document states none', async () => {
    const wrong: string[] = [];
    const invented: string[] = [];
    const today = new Date().toISOString().slice(0, 10);
    for (const f of FIXTURES) {
      const bytes = typeof f.content === 'string' ? utf8(f.content) : f.content;
      const got = (await extractFile(bytes, f.file)).publishedAt;
      if (got !== f.expected) wrong.push(`${f.name} (${f.file}): expected ${f.expected}, got ${got}`);
      if (f.expected === null && got !== null) invented.push(f.name);
      expect(got, `${f.name}: the import date is never a publication date`).not.toBe(today);
    }
    const right = FIXTURES.length - wrong.length;
    expect(right / FIXTURES.length, `wrong:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(0.9);
    expect(invented, 'dates given to documents that state none').toEqual([]);
  });

  it.each([
    ['2024-12-03 sitrep.txt', '2024-12-03'],
    ['bbc_20241203.html', '2024-12-03'],
    ['Brief 3 Dec 2024.pdf', '2024-12-03'],
    ['report-3-december-2024.md', '2024-12-03'],
    ['notes 2024.txt', null],
    ['scan_12345678.pdf', null],
    ['photo-20241399.txt', null],
  ])('file name %s -> %s', (name, expected) => {
    expect(dateFromFileName(name)).toBe(expected);
  });
});
