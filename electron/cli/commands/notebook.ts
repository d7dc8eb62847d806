/** `dossier init`, `stats` and `check [--repair]`. */
import type { Command } from 'commander';
import { CliError, withNotebook } from '../context';
import { plural, print, printJson, safe } from '../output';

const humanCount = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)} k` : String(n));
const humanBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} kB` : `${n} bytes`;

export function registerNotebookCommands(program: Command): void {
  program
    .command('init')
    .description('create a notebook folder (importing into a new folder also creates one)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const info = await s.call('notebook.info', {});
        if (opts.json) printJson({ dir: info.dir, id: info.id, created: s.nb.isNew });
        else print(s.nb.isNew ? safe`Created a new notebook in ${info.dir}` : safe`A notebook already exists in ${info.dir} (${plural(info.reports, 'report')}); left as it is`);
      });
    });

  program
    .command('stats')
    .description('what the notebook holds')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const st = await s.call('notebook.stats', {});
        if (opts.json) return printJson(st);
        const kinds = Object.entries(st.byFormat)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ');
        print(safe`Notebook   ${st.dir}`);
        print(safe`Reports    ${st.reports}${kinds ? ` (${kinds})` : ''}`);
        print(safe`Notes      ${st.notes}`);
        print(safe`Entities   ${st.entities}`);
        print(safe`Tags       ${st.tags}`);
        print(safe`Text       ${humanCount(st.bodyChars)} characters; originals ${humanBytes(st.originalBytes)}`);
        print(safe`Imported   ${st.lastImportAt ? `last on ${st.lastImportAt}` : 'nothing yet'}`);
      });
    });

  program
    .command('check')
    .description('verify every file of the notebook; exit 1 when something is wrong')
    .option('--repair', 'restore damaged files from backups and rebuild missing report texts from their originals')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean; repair?: boolean }, cmd: Command) => {
      const result = await withNotebook(cmd, !!opts.repair, (s) => s.call('notebook.check', { repair: !!opts.repair }));
      if (opts.json) printJson(result);
      else {
        for (const r of result.recoveries) print(safe`${r.recovered ? 'RECOVERED' : 'LOST'}  ${r.file}: ${r.problem}; ${r.action}`);
        for (const p of result.problems) print(safe`${p.repaired ? 'REPAIRED' : p.severity.toUpperCase()}  ${p.message}`);
        print(
          `${result.ok ? 'OK' : 'PROBLEMS FOUND'}: checked ${plural(result.checked.reports, 'report')} and ${plural(result.checked.blobs, 'stored file')}` +
            (result.problems.length ? `; ${plural(result.problems.length, 'problem')}` : ''),
        );
      }
      if (!result.ok) throw new CliError(opts.repair ? 'some problems could not be repaired' : 'the notebook has problems; run `dossier check --repair`', 1);
    });

  program
    .command('gc')
    .description('reclaim the space of texts and originals that deleted reports left behind (safe to interrupt)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const r = await withNotebook(cmd, true, (s) => s.call('notebook.gc', {}));
      if (opts.json) return printJson(r);
      const freed = Math.max(0, r.bytesBefore - r.bytesAfter);
      if (r.packsCompacted === 0 && r.looseRemoved === 0) print('Nothing to reclaim: every stored text belongs to a report');
      else
        print(
          `Reclaimed ${humanBytes(freed)}: dropped ${plural(r.recordsDropped, 'unused text')} from ${plural(r.packsCompacted, 'pack')}` +
            `${r.looseRemoved ? ` and ${plural(r.looseRemoved, 'loose file')}` : ''}; kept ${plural(r.recordsKept, 'text')}`,
        );
    });
}
