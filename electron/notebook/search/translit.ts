/**
 * Transliteration keys. `translitKey` maps one normalized term to a variant-folding key so that
 * common spellings of the same name become one exact lookup: Cyrillic and Arabic script are
 * romanised first, then Latin spelling variants are folded (kh/h, zh/j, ou/u, y/i, yo/e, doubled
 * letters, q/k, dh/d, th/t, -ov/-off/-ow, ...). The rules are tuned to fold names, not English.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz',
  ѓ: 'g', ќ: 'k', ѕ: 'dz',
};

/** Arabic letters; null marks a long vowel / weak letter handled by the vowel heuristic. */
const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ء: '', ؤ: 'u', ئ: 'i', ب: 'b', ت: 't', ث: 'th', ج: 'j',
  ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't',
  ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', ة: 'a',
  و: 'u', ي: 'i', ى: 'a', پ: 'p', چ: 'ch', گ: 'g', ک: 'k', ی: 'i', ژ: 'zh',
};
const ARABIC_VOWELS = new Set(['ا', 'أ', 'إ', 'آ', 'ٱ', 'و', 'ي', 'ى', 'ة', 'ی', 'ؤ', 'ئ']);

const NON_LATIN_RE = /[^\x00-\x7f]/;
const CYRILLIC_RE = /[\u0400-\u04ff]/;
const ARABIC_RE = /[\u0600-\u06ff]/;

/** In a pattern: ain, which Latin writes as a vowel (Ali, Saad, Naim), seldom as nothing. */
export const AIN = "'";
/** In a pattern: the feminine ending (ة, or ه after a consonant or long i), written -a, -ah, -eh or -at in Latin, never left out. */
export const ENDING = '@';

/**
 * Romanises Cyrillic and Arabic script; other characters pass through. `shortVowel` is what
 * stands for the short vowels Arabic does not write (and for ain): "a" in keys, "*" in the
 * patterns ranking compares with Latin spellings (see variants.ts). `marks` (patterns, by
 * default): ain is written {@link AIN} and the feminine ending {@link ENDING}.
 */
export function toLatin(term: string, shortVowel = 'a', marks = shortVowel !== 'a'): string {
  if (!NON_LATIN_RE.test(term)) return term;
  let out = '';
  if (CYRILLIC_RE.test(term)) {
    for (const ch of term) out += CYRILLIC[ch] ?? ch;
    term = out;
    out = '';
  }
  if (ARABIC_RE.test(term)) {
    // Arabic writes no short vowels: put an "a" between two consonants so حماة -> hama, حلب -> halab.
    // Latin romanisations write ain as a vowel (Abbas, Saad, Rafa), wa and ya before alif or at
    // the start of a word as consonants (Wisam, Atwan, Sawadi), elsewhere as long vowels.
    const chars = [...term];
    let prevConsonant = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      let lat = ARABIC[ch];
      if (lat === undefined) {
        out += ch;
        prevConsonant = false;
        continue;
      }
      let vowel = ARABIC_VOWELS.has(ch);
      if (marks && (ch === 'ة' || (ch === 'ه' && i === chars.length - 1 && i >= 2 && chars[i - 1] !== 'ا'))) {
        out += ENDING;
        prevConsonant = false;
        continue;
      }
      if (ch === 'ع') {
        if (!prevConsonant && (out.endsWith('a') || out.endsWith(shortVowel))) continue;
        lat = marks ? AIN : shortVowel;
        vowel = true;
      } else if ((ch === 'و' || ch === 'ي') && (i === 0 || chars[i + 1] === 'ا')) {
        lat = ch === 'و' ? 'w' : 'y';
        vowel = false;
      }
      if (lat === '') continue;
      if (!vowel && prevConsonant) out += shortVowel;
      out += lat;
      prevConsonant = !vowel;
    }
    term = out;
  }
  return term;
}

/** Words whose spelling shows an Arabic romanisation (so g may stand for qaf: Gaddafi/Qadhafi). */
const ARABIC_LOOKING_RE = /dh|dd|q|kh|gh|aa/;

const RULES: Array<[RegExp, string]> = [
  [/jj/g, 'j'], // й in GOST 16876-71 (Valerijj, Sudzhejj)
  [/sch/g, 'sh'],
  [/dzh/g, 'j'],
  [/zh/g, 'j'],
  [/dj/g, 'j'],
  [/dh/g, 'd'],
  [/kh/g, 'h'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/c(?=[aou]|$)/g, 'k'],
  [/tz/g, 'c'],
  [/ts(?!$)/g, 'c'],
  [/ou/g, 'u'],
  [/^ye(?=[^aeiouy])/, 'e'],
  [/([^aeiouy])yo/g, '$1e'],
  [/iev/g, 'iv'],
  [/([aeiou])y(?=[aeiou])/g, '$1'],
  [/([aeiou])y/g, '$1i'],
  [/([aeiou])j$/, '$1i'],
  [/y/g, 'i'],
  [/(?:off|ow)$/, 'ov'],
];

/** The variant-folding key of one normalized term. */
export function translitKey(term: string): string {
  let s = toLatin(term);
  const arabicLooking = ARABIC_LOOKING_RE.test(s);
  for (const [re, rep] of RULES) s = s.replace(re, rep);
  if (arabicLooking) {
    // folds that would merge English words (that/tat, been/bin) only apply to Arabic-looking names
    s = s.replace(/^g(?=[aeiou])/, 'k').replace(/th/g, 't').replace(/ee/g, 'i').replace(/oo/g, 'u');
  }
  // o/u alternate freely in romanised Arabic and Slavic names (Homs/Hums, Zor/Zour)
  s = s.replace(/o/g, 'u');
  // an unstressed final e/i after a consonant cluster (Idleb/Idlib)
  s = s.replace(/([^aeiu][^aeiu])e([^aeiu])$/, '$1i$2');
  // the feminine ending ta marbuta: -ah, -a and -eh are one ending (Basrah/Basra, Hudaydeh)
  if (s.length >= 5) s = s.replace(/[ae]h$/, 'a');
  s = s.replace(/(.)\1+/g, '$1');
  return s;
}
