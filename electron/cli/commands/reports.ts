/** `dossier import`, `reports`, `show`, `tag`, `untag` and `tags`. */
import type { Command } from 'commander';
import path from 'node:path';
import { kindOfId } from '../../api/ids';
import { loadCore, CliError, parseCliInput, withNotebook, type Session } from '../context';
import { spawnCacheWorker } from '../cache-worker';
import { showEntity } from './entities';
import { showNote } from './notes';
import { cell, plural, print, printJson, printJsonList, printTable, safe, table, terminalText, warn } from '../output';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

async function progressBar(enabled: boolean): Promise<{ update: (done: number, total: number, unit?: string) => void; stop: () => void }> {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Importing [{bar}] {value}/{total} {unit}  {percentage}%  eta {eta_formatted}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total, unit = 'files') => {
      if (!started) {
        bar.start(total, 0, { unit });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { unit });
    },
    stop: () => started && bar.stop(),
  };
}

async function importCommand(paths: string[], opts: { tag?: string[]; source?: string; json?: boolean; ocrLang?: string }, cmd: Command): Promise<void> {
  const ocrLanguages = opts.ocrLang?.split(/[+,\s]+/).filter(Boolean);
  const input = await parseCliInput('reports.import', { paths, tags: opts.tag ?? [], source: opts.source, ...(ocrLanguages ? { ocrLanguages } : {}) });
  await withNotebook(cmd, true, async (s) => {
    const bar = await progressBar(!opts.json && process.stderr.isTTY === true);
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      // Keep a current search cache current (appended to, never rewritten whole), on the other core:
      // the worker reads the cache while the catalog opens, and indexes what the import stores.
      s.nb.search.prefetchInWorker(spawnCacheWorker);
      await s.nb.openReports(); // the CLI opens lazily; an import works on the catalog
      await s.nb.search.loadIfCached({ appendOnly: true });
      const { importPaths } = await loadCore();
      const result = await importPaths(s.nb, input.paths, {
        tags: input.tags,
        source: input.source,
        signal: controller.signal,
        ...(input.ocrLanguages ? { ocrLanguages: input.ocrLanguages } : {}),
        // Files of a folder, or the posts of one big export (a Telegram result.json).
        onProgress: ({ done, total, items }) => {
          if (items && total === 1) bar.update(items.done, items.total ?? Math.max(items.done, 1), 'posts');
          else if (total >= 20) bar.update(done, total);
        },
      });
      bar.stop();
      if (opts.json) printJson(result);
      else {
        const updated = result.updated ?? [];
        print(safe`Imported ${plural(result.imported.length, 'report')}, ${updated.length > 0 ? `${updated.length} updated (edited at the source), ` : ''}${plural(result.duplicates.length, 'duplicate')} skipped, ${result.failed.length} failed.`);
        const SHOWN = 20; // every failure is listed; long lists of successes are cut
        for (const i of result.imported.slice(0, SHOWN)) print(safe`  imported   ${i.id}  ${i.title}  (${rel(i.path)})`);
        if (result.imported.length > SHOWN) print(safe`  … and ${result.imported.length - SHOWN} more imported (--json lists them all)`);
        for (const u of updated.slice(0, SHOWN)) print(safe`  updated    ${u.id}  ${u.title}  (${rel(u.path)})`);
        for (const d of result.duplicates.slice(0, SHOWN)) print(safe`  duplicate  ${d.id}  ${rel(d.path)} is already in the notebook`);
        if (result.duplicates.length > SHOWN) print(safe`  … and ${result.duplicates.length - SHOWN} more duplicates`);
        for (const f of result.failed) print(safe`  failed     ${rel(f.path)}: ${f.error.message} [${f.error.code}]`);
        if (controller.signal.aborted) print('Import interrupted; everything listed above as imported is saved.');
      }
      if (result.failed.length > 0) process.exitCode = 1;
    } finally {
      process.removeListener('SIGINT', onSigint);
      bar.stop();
    }
  });
}


async function showReport(s: Session, id: string, json: boolean): Promise<void> {
  const report = await s.call('reports.get', { id });
  const { text } = await s.call('reports.body', { id });
  if (json) return printJson({ kind: 'report', ...report, text });
  print(cell(report.title));
  print('─'.repeat(Math.min(78, Math.max(10, cell(report.title).length))));
  print(safe`id         ${report.id}`);
  print(safe`format     ${report.format} (${report.mime}${report.encoding ? `, ${report.encoding}` : ''})`);
  print(safe`source     ${cell(report.source) || '-'}`);
  if (report.author) print(safe`author     ${report.author}`);
  if (report.url) print(safe`url        ${report.url}`);
  print(safe`published  ${report.publishedAt ?? '- (the text states no date)'}`);
  print(safe`imported   ${report.importedAt}`);
  print(safe`tags       ${report.tags.join(', ') || '-'}`);
  print(safe`size       ${report.chars} characters from ${report.originalName} (${report.size} bytes)`);
  print();
  print(terminalText(text));
}

export function registerReportCommands(program: Command): void {
  program
    .command('import')
    .description('import files or folders (recursively): .txt .md .html .pdf, Telegram exports (result.json, messages*.html), .docx .odt .rtf .epub .eml .mbox .mhtml, and images/scans via OCR; exit 1 if any file failed')
    .argument('<paths...>', 'files or folders')
    .option('--tag <tag>', 'tag every imported report (repeatable)', collect)
    .option('--source <source>', 'where the reports came from (default: each file path)')
    .option('--ocr-lang <codes>', 'OCR languages for images and scanned PDFs, e.g. eng+ukr (eng, ukr, rus, ara; default eng)')
    .option('--json', 'print {"imported":[…],"duplicates":[…],"failed":[…]}')
    .action(importCommand);

  program
    .command('reports')
    .description('list reports: newest import first, or by published date or title')
    .option('--tag <tag>', 'only reports with this tag')
    .option('--entity <id>', 'only reports that mention this entity (e_…)')
    .option('--sort <order>', 'imported (default), published (newest first, undated last), published-asc (oldest first) or title', 'imported')
    .option('--from <YYYY-MM-DD>', 'only reports published on or after this date')
    .option('--to <YYYY-MM-DD>', 'only reports published on or before this date')
    .option('--filter <words>', 'only reports whose title or a tag holds these words (case and accents aside)')
    .option('--offset <n>', 'skip the first n reports of the order (a page: with --limit)')
    .option('--limit <n>', 'show at most n reports (1-1000); --json then prints {"total":…,"offset":…,"items":[…]}')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: { tag?: string; entity?: string; sort: string; from?: string; to?: string; filter?: string; offset?: string; limit?: string; json?: boolean },
        cmd: Command,
      ) => {
        const filter = { tag: opts.tag, entityId: opts.entity, sort: opts.sort, from: opts.from, to: opts.to };
        const paged = opts.offset !== undefined || opts.limit !== undefined || opts.filter !== undefined;
        const count = (v: string | undefined, what: string): number | undefined => {
          if (v === undefined) return undefined;
          if (!/^\d+$/.test(v.trim())) throw new CliError(`${what} must be a whole number (got "${v}")`, 2);
          return Number(v);
        };
        const pageInput = paged
          ? await parseCliInput('reports.page', { ...filter, text: opts.filter, offset: count(opts.offset, '--offset'), limit: count(opts.limit, '--limit') ?? 1000 })
          : null;
        const input = pageInput ? null : await parseCliInput('reports.list', filter);
        await withNotebook(cmd, false, async (s) => {
          const page = pageInput ? await s.call('reports.page', pageInput) : null;
          const reports = page ? page.items : await s.call('reports.list', input ?? {});
          if (opts.json) return page ? printJson(page) : printJsonList(reports);
          if (reports.length === 0) {
            const why = [opts.tag ? `tagged "${opts.tag}"` : '', opts.entity ? `mentioning ${opts.entity}` : '', opts.from || opts.to ? 'published in that range' : '', opts.filter ? `holding "${opts.filter}"` : ''].filter(Boolean);
            if (page && page.total > 0) return print(safe`No reports past ${page.offset} (${plural(page.total, 'report')} in all).`);
            return print(why.length ? safe`No reports ${why.join(', ')}.` : 'No reports yet. Import some with: dossier import PATH...');
          }
          await printTable(reports, [
            { header: 'id', value: (r) => r.id },
            { header: 'title', value: (r) => r.title, flex: true },
            { header: 'format', value: (r) => r.format },
            { header: 'published', value: (r) => r.publishedAt ?? '-' },
            { header: 'imported', value: (r) => r.importedAt.slice(0, 10) },
            { header: 'tags', value: (r) => r.tags.join(', ') },
          ]);
          print(page ? safe`${page.offset + 1}-${page.offset + reports.length} of ${plural(page.total, 'report')}` : safe`${plural(reports.length, 'report')}`);
        });
      },
    );

  program
    .command('show')
    .description('show a report (metadata and text), a note (body and links) or an entity (mentions and links)')
    .argument('<id>', 'a report, note or entity id (r_…, n_…, e_…)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const kind = kindOfId(id);
        if (kind === 'report') return showReport(s, id, !!opts.json);
        if (kind === 'note') return showNote(s, id, !!opts.json);
        if (kind === 'entity') return showEntity(s, id, !!opts.json);
        throw new CliError(kind ? `no ${kind} with id ${id}` : `"${id}" is not a Dossier id (reports are r_…, notes n_…, entities e_…)`, 1);
      });
    });

  const tagAction = (add: boolean) => async (id: string, tags: string[], opts: { json?: boolean }, cmd: Command) => {
    await withNotebook(cmd, true, async (s) => {
      const r = await s.call(add ? 'tags.add' : 'tags.remove', { id, tags });
      for (const c of r.changed ?? []) warn(c);
      if (opts.json) return printJson(r);
      print(safe`${r.id} tags: ${r.tags.join(', ') || '(none)'}`);
    });
  };
  program
    .command('tag')
    .description('add tags to a report, note or entity')
    .argument('<id>', 'the record id')
    .argument('<tags...>', 'one or more tags')
    .option('--json', 'print JSON')
    .action(tagAction(true));
  program
    .command('untag')
    .description('remove tags from a report, note or entity')
    .argument('<id>', 'the record id')
    .argument('<tags...>', 'one or more tags')
    .option('--json', 'print JSON')
    .action(tagAction(false));
  program
    .command('tags')
    .description('list tags with how many records carry each')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const tags = await s.call('tags.list', {});
        if (opts.json) return printJson(tags);
        if (tags.length === 0) return print('No tags yet. Add one with: dossier tag ID TAG');
        print(table(tags, [{ header: 'tag', value: (t) => t.tag, flex: true }, { header: 'count', value: (t) => String(t.count) }]));
      });
    });
}
