/**
 * The `dossier` command line: parses arguments with commander, runs one command, and maps the
 * outcome to exit codes (0 ok, 1 failure, 2 usage) with errors as one line on stderr.
 */
import { Command, CommanderError } from 'commander';
import { registerEditCommands } from './commands/edit';
import { registerEntityCommands } from './commands/entities';
import { registerExportCommands } from './commands/export';
import { registerNotebookCommands } from './commands/notebook';
import { registerNoteCommands } from './commands/notes';
import { registerReportCommands } from './commands/reports';
import { registerSearchCommand } from './commands/search';
import { registerServeCommands } from './commands/serve';
import { CliError } from './context';
import { cell, guardStdout, printError } from './output';

export function buildProgram(): Command {
  const program = new Command('dossier')
    .description('Dossier: an offline research notebook. Import reports, search them, tag what they mention.')
    .option('--notebook <dir>', 'notebook folder (default: $DOSSIER_HOME, else the per-user app-data folder)')
    .showSuggestionAfterError(true)
    .configureOutput({
      // One line per error: "dossier: error: unknown option '--x' (see --help)".
      outputError: (str, write) => write(`dossier: ${cell(str)} (see --help)\n`),
    })
    .exitOverride();
  registerNotebookCommands(program);
  registerReportCommands(program);
  registerEditCommands(program);
  registerNoteCommands(program);
  registerEntityCommands(program);
  registerExportCommands(program);
  registerSearchCommand(program);
  registerServeCommands(program);
  for (const sub of program.commands) sub.exitOverride().configureOutput(program.configureOutput());
  return program;
}

export async function run(argv: string[]): Promise<number> {
  guardStdout();
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return 1;
      return 2;
    }
    if (err instanceof CliError) {
      printError(err.message);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    printError(message);
    return 1;
  }
}
