/** `dossier search QUERY [filters]` and the batch form `dossier search --queries FILE --json`. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { MatchReason, ParsedInput, SearchResult } from '../../api';
import { CliError, parseCliInput, withNotebook, type Session } from '../context';
import { cell, lineText, print, printJson, safe, STYLE_MATCH, STYLE_RESET } from '../output';

interface SearchOptions {
  kind?: string[];
  tag?: string[];
  entity?: string;
  from?: string;
  to?: string;
  limit?: string;
  queries?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function inputFor(q: string, o: SearchOptions): Promise<ParsedInput<'search.query'>> {
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  return parseCliInput('search.query', { q, kinds: o.kind, tags: o.tag, entityId: o.entity, from: o.from, to: o.to, limit });
}

/** The JSON shape of DESIGN.md section 6, plus the total and the match ranges for highlighting. */
function toJson(r: SearchResult): unknown {
  return {
    query: r.query,
    total: r.total,
    results: r.results.map((h) => ({
      kind: h.kind,
      id: h.id,
      title: h.title,
      score: Number(h.score.toFixed(4)),
      snippet: h.snippet,
      matches: h.matches,
      why: h.why,
      date: h.date,
    })),
  };
}

/** "Khmeimim ≈ Hmeimim (variant)" for every query word not matched by its own spelling. */
export function whyLine(why: readonly MatchReason[]): string {
  return why
    .filter((w) => w.how !== 'exact')
    .map((w) => `${cell(w.query)} ≈ ${cell(w.spelling)} (${w.how})`)
    .join(', ');
}

function highlight(snippet: string, matches: Array<{ start: number; end: number }>, color: boolean): string {
  let out = '';
  let at = 0;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    if (m.start < at) continue;
    out += lineText(snippet.slice(at, m.start));
    const word = lineText(snippet.slice(m.start, m.end));
    out += color ? `${STYLE_MATCH}${word}${STYLE_RESET}` : word;
    at = m.end;
  }
  return out + lineText(snippet.slice(at));
}

function printHuman(r: SearchResult): void {
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  if (r.results.length === 0) {
    print(safe`No results for "${r.query}".`);
    return;
  }
  print(safe`${r.total} result${r.total === 1 ? '' : 's'} for "${r.query}" (${r.tookMs.toFixed(1)} ms)`);
  r.results.forEach((h, i) => {
    print();
    print(safe`${String(i + 1).padStart(2)}. ${h.title}`);
    print(safe`    ${h.kind} ${h.id}${h.date ? `  ${h.date}` : ''}${h.tags.length ? `  [${h.tags.join(', ')}]` : ''}  score ${h.score.toFixed(2)}`);
    const why = whyLine(h.why);
    if (why) print(safe`    matched: ${why}`);
    if (h.snippet) print(`    ${highlight(h.snippet, h.matches, color)}`); // highlight sanitises
  });
}

async function runOne(s: Session, q: string, o: SearchOptions): Promise<SearchResult> {
  const input = await inputFor(q, o);
  return s.call('search.query', input);
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('search reports, notes and entities; forgiving of spelling and transliteration (Khama finds Hama)')
    .argument('[query]', 'words; "quoted phrases"; word* for a prefix')
    .option('--kind <kind>', 'report, note or entity (repeatable)', collect)
    .option('--tag <tag>', 'only records with this tag (repeatable: all must match)', collect)
    .option('--entity <id>', 'only records that mention this entity')
    .option('--from <date>', 'published on or after YYYY-MM-DD')
    .option('--to <date>', 'published on or before YYYY-MM-DD')
    .option('--limit <n>', 'how many results (default 20)')
    .option('--queries <file>', 'run one query per line of FILE; with --json prints one JSON line per query')
    .option('--json', 'print {"query","total","results":[{"kind","id","title","score","snippet","matches","why",...}]}')
    .action(async (query: string | undefined, o: SearchOptions, cmd: Command) => {
      if (!o.queries && (query === undefined || query.trim() === '')) throw new CliError('give a query, or --queries FILE', 2);
      if (o.queries && query !== undefined) throw new CliError('give either a query or --queries FILE, not both', 2);
      let queries: string[] = [];
      if (o.queries) {
        try {
          queries = readFileSync(o.queries, 'utf8')
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l.length > 0);
        } catch (err) {
          throw new CliError(`cannot read ${o.queries}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 1);
        }
      }
      for (const q of queries) await inputFor(q, o); // usage errors before any work
      await withNotebook(cmd, false, async (s) => {
        if (!o.queries) {
          const r = await runOne(s, query ?? '', o);
          if (o.json) printJson(toJson(r));
          else printHuman(r);
          return;
        }
        for (const q of queries) {
          const r = await runOne(s, q, o);
          if (o.json) printJson(toJson(r), true);
          else {
            printHuman(r);
            print();
          }
        }
      });
    });
}
