/** `dossier export`: notes to markdown files in a folder. */
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, withNotebook } from '../context';
import { plural, print, printJson, safe } from '../output';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description(
      'export notes (all, or --note ID…) to markdown, with the entities and reports they link to; ' +
        'refuses a folder that holds files Dossier did not export',
    )
    .option('--out <dir>', 'the folder to write (default: a new dossier-export-<time> folder here)')
    .option('--note <id>', 'export this note (repeatable; default: every note and entity)', collect)
    .option('--links <style>', 'wiki ([[…]]) or markdown (relative [..](..) links)', 'markdown')
    .option('--json', 'print {"files":[…]}')
    .action(async (opts: { out?: string; note?: string[]; links: string; json?: boolean }, cmd: Command) => {
      if (opts.links !== 'wiki' && opts.links !== 'markdown') throw new CliError(`--links must be wiki or markdown, not "${opts.links}"`, 2);
      const links = opts.links;
      const outDir = path.resolve(opts.out ?? `dossier-export-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`);
      await withNotebook(cmd, false, async (s) => {
        const r = opts.note?.length ? await s.call('export.notes', { noteIds: opts.note, outDir, links }) : await s.call('export.all', { outDir, links });
        if (opts.json) return printJson({ dir: r.dir, files: r.files });
        print(safe`Exported ${plural(r.files.length, 'file')} to ${r.dir}`);
      });
    });
}
