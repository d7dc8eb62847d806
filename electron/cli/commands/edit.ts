/** `dossier edit ID`, `dossier rm ID`, `dossier restore ID` and `dossier trash`: report metadata and the report trash. */
import type { Command } from 'commander';
import { kindOfId } from '../../api/ids';
import { CliError, withNotebook } from '../context';
import { cell, plural, print, printJson, table } from '../output';

interface EditOptions {
  title?: string;
  date?: string;
  source?: string;
  author?: string;
  url?: string;
  json?: boolean;
}

/** An option given as "" or "-" clears the field. */
const orNull = (v: string | undefined): string | null | undefined => (v === undefined ? undefined : v.trim() === '' || v.trim() === '-' ? null : v);

export function registerEditCommands(program: Command): void {
  program
    .command('edit')
    .description('change a report’s title, published date, source, author or URL ("" or - clears a field)')
    .argument('<id>', 'the report id (r_…)')
    .option('--title <title>', 'new title')
    .option('--date <YYYY-MM-DD>', 'the date the report was published')
    .option('--source <source>', 'where it came from')
    .option('--author <author>', 'who wrote it')
    .option('--url <url>', 'its web address (http:// or https://)')
    .option('--json', 'print the report')
    .action(async (id: string, opts: EditOptions, cmd: Command) => {
      if (kindOfId(id) === 'note') throw new CliError(`${id} is a note: use dossier note edit ${id}`, 2);
      if (kindOfId(id) === 'entity') throw new CliError(`${id} is an entity: use dossier entity rename ${id} NAME`, 2);
      const patch = { title: opts.title, publishedAt: orNull(opts.date), source: orNull(opts.source), author: orNull(opts.author), url: orNull(opts.url) };
      if (Object.values(patch).every((v) => v === undefined)) throw new CliError('nothing to change: give --title, --date, --source, --author or --url', 2);
      await withNotebook(cmd, true, async (s) => {
        const r = await s.call('reports.update', { id, ...patch });
        if (opts.json) return printJson(r);
        print(`Saved report ${r.id}  ${cell(r.title)}`);
        print(`  published ${r.publishedAt ?? '-'} · source ${cell(r.source) || '-'} · author ${cell(r.author) || '-'} · url ${cell(r.url) || '-'}`);
      });
    });

  program
    .command('rm')
    .description('move a report to the trash with its mentions (restore it with `dossier restore ID`); notes: see `dossier note rm`')
    .argument('<id>', 'the report id (r_…)')
    .option('--purge', 'delete it for good, with its files (also empties it from the trash)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { purge?: boolean; json?: boolean }, cmd: Command) => {
      if (kindOfId(id) === 'note') throw new CliError(`${id} is a note: use dossier note rm ${id}`, 2);
      if (kindOfId(id) === 'entity') throw new CliError(`${id} is an entity: use dossier entity rm ${id}`, 2);
      await withNotebook(cmd, true, async (s) => {
        const r = await s.call('reports.delete', { id, purge: !!opts.purge });
        if (opts.json) return printJson(r);
        const cites = r.citingNotes > 0 ? `; ${plural(r.citingNotes, 'note')} ${r.citingNotes === 1 ? 'cites' : 'cite'} it` : '';
        if (r.trashed) print(`Moved report ${id} to the trash with ${plural(r.mentions, 'mention')}${cites}; restore it with: dossier restore ${id}`);
        else print(`Deleted report ${id} for good${cites} (\`dossier check\` lists such citations)`);
      });
    });

  program
    .command('restore')
    .description('bring a report back from the trash, with its mentions')
    .argument('<id>', 'the report id (r_…)')
    .option('--json', 'print the report')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      if (kindOfId(id) === 'note') throw new CliError(`${id} is a note: use dossier note restore ${id}`, 2);
      await withNotebook(cmd, true, async (s) => {
        const r = await s.call('reports.restore', { id });
        if (opts.json) return printJson(r);
        print(`Restored report ${r.id}  ${cell(r.title)}`);
      });
    });

  program
    .command('trash')
    .description('list the reports in the trash')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const list = await s.call('reports.trash', {});
        if (opts.json) return printJson(list);
        if (list.length === 0) return print('The trash is empty.');
        print(
          table(list, [
            { header: 'id', value: (r) => r.id },
            { header: 'title', value: (r) => r.title, flex: true },
            { header: 'deleted', value: (r) => r.deletedAt.slice(0, 16).replace('T', ' ') },
            { header: 'mentions', value: (r) => String(r.mentions) },
          ]),
        );
        print(`${plural(list.length, 'report')} in the trash`);
      });
    });
}
