/** `dossier entity add|alias|scan|suggest|merge|rm` and `entities`. */
import type { Command } from 'commander';
import type { EntityType } from '../../api';
import { createInterface } from 'node:readline/promises';
import { CliError, withNotebook, type Session } from '../context';
import { cell, plural, print, printJson, safe, table, terminalText, warn } from '../output';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Context text on one line, keeping its spaces at the edges. */
const inline = (s: string): string => s.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ');

export function registerEntityCommands(program: Command): void {
  const entity = program.command('entity').description('people, organisations, places, dates, equipment and events that reports mention');

  entity
    .command('add')
    .description('create an entity')
    .argument('<name>', 'its name')
    .requiredOption('--type <type>', 'person, organization, location, date, equipment, event or other')
    .option('--alias <alias>', 'another name or spelling (repeatable)', collect)
    .option('--json', 'print {"id","name","type","aliases"}')
    .action(async (name: string, opts: { type: string; alias?: string[]; json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const { entity: e, warnings, changed } = await s.call('entities.create', { name, type: opts.type as EntityType, aliases: opts.alias ?? [] });
        for (const w of [...(changed ?? []), ...warnings]) warn(w);
        if (opts.json) return printJson({ id: e.id, name: e.name, type: e.type, aliases: e.aliases });
        print(safe`Created ${e.type} ${e.id}  ${e.name}${e.aliases.length ? `  (also: ${e.aliases.map(cell).join(', ')})` : ''}`);
      });
    });

  entity
    .command('alias')
    .description('add another name or spelling to an entity')
    .argument('<id>', 'the entity id (e_…)')
    .argument('<alias>', 'the alias')
    .option('--json', 'print the entity')
    .action(async (id: string, alias: string, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const { entity: e, warnings, changed } = await s.call('entities.addAlias', { id, alias });
        for (const w of [...(changed ?? []), ...warnings]) warn(w);
        if (opts.json) return printJson({ id: e.id, name: e.name, type: e.type, aliases: e.aliases });
        print(safe`${e.id} ${e.name}: aliases ${e.aliases.map(cell).join(', ') || '(none)'}`);
      });
    });

  entity
    .command('scan')
    .description('find mentions of known entities (names, aliases, spelling variants) in every report')
    .argument('[id]', 'scan for this entity only')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const r = await s.call('entities.scan', { id });
        if (opts.json) return printJson(r);
        for (const w of r.warnings) warn(w);
        if (r.entities.length === 0) return print('No entities yet. Add one with: dossier entity add NAME --type TYPE');
        print(
          table(r.entities, [
            { header: 'id', value: (e) => e.id },
            { header: 'name', value: (e) => e.name, flex: true },
            { header: 'mentions', value: (e) => String(e.mentions) },
            { header: 'reports', value: (e) => String(e.reports) },
          ]),
        );
        print(safe`Scanned ${plural(r.reports, 'report')} in ${(r.ms / 1000).toFixed(1)} s`);
      });
    });

  entity
    .command('suggest')
    .description('offline suggestions of people, places, organisations and dates in one report, with offsets')
    .argument('<reportId>', 'the report id (r_…)')
    .option('--json', 'print JSON')
    .action(async (reportId: string, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const list = await s.call('entities.suggest', { reportId });
        if (opts.json) return printJson(list);
        if (list.length === 0) return print('No suggestions.');
        print(
          table(list, [
            { header: 'type', value: (c) => c.type },
            { header: 'text', value: (c) => c.text, flex: true },
            { header: 'at', value: (c) => `${c.start}-${c.end}` },
            { header: 'count', value: (c) => String(c.count) },
            { header: 'entity', value: (c) => c.existingEntityId ?? '' },
          ]),
        );
      });
    });

  entity
    .command('merge')
    .description('merge DROP into KEEP: aliases, mentions and links move to KEEP; DROP’s name becomes an alias')
    .argument('<keep>', 'the entity to keep (e_…)')
    .argument('<drop>', 'the entity to merge into it and remove (e_…)')
    .option('--json', 'print JSON')
    .action(async (keepId: string, dropId: string, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const r = await s.call('entities.merge', { keepId, dropId });
        if (opts.json) return printJson(r);
        print(safe`Merged ${dropId} into ${r.entity.id} ${r.entity.name}: ${plural(r.movedMentions, 'mention')} moved, ${plural(r.rewrittenNotes, 'note')} updated`);
      });
    });

  entity
    .command('rm')
    .description('delete an entity and its mentions (asks first when it has mentions; --yes skips the question)')
    .argument('<id>', 'the entity id (e_…)')
    .option('--yes', 'do not ask')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { yes?: boolean; json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const e = await s.call('entities.get', { id });
        if (e.mentions > 0 && !opts.yes) {
          const what = `${cell(e.name)} has ${plural(e.mentions, 'mention')} in ${plural(e.reports.length, 'report')}`;
          if (!process.stdin.isTTY) throw new CliError(`${what}; run again with --yes to delete it and its mentions`, 1);
          if (!(await confirm(`${what}. Delete it and its mentions? [y/N] `))) return print('Nothing deleted.');
        }
        const r = await s.call('entities.delete', { id });
        if (opts.json) return printJson(r);
        print(safe`Deleted entity ${id} and ${plural(r.mentions, 'mention')}`);
      });
    });

  entity
    .command('rename')
    .description('rename an entity (links to it keep working)')
    .argument('<id>', 'the entity id (e_…)')
    .argument('<name>', 'the new name')
    .option('--keep-alias', 'keep the old name as an alias')
    .option('--json', 'print the entity')
    .action(async (id: string, name: string, opts: { keepAlias?: boolean; json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const { entity: e, warnings } = await s.call('entities.rename', { id, name, keepOldName: !!opts.keepAlias });
        for (const w of warnings) warn(w);
        if (opts.json) return printJson({ id: e.id, name: e.name, type: e.type, aliases: e.aliases });
        print(`Renamed ${e.id} to ${cell(e.name)}${e.aliases.length ? `  (also: ${e.aliases.map(cell).join(', ')})` : ''}`);
      });
    });

  entity
    .command('spellings')
    .description('spellings a scan found for an entity that are not its name or an alias; --accept or --reject one')
    .argument('<id>', 'the entity id (e_…)')
    .option('--accept <text>', 'make this spelling an alias')
    .option('--reject <text>', 'this spelling is not the entity: remove its mentions, skip it in scans')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { accept?: string; reject?: string; json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, !!(opts.accept || opts.reject), async (s) => {
        if (opts.accept) {
          const { entity: e, warnings } = await s.call('entities.addAlias', { id, alias: opts.accept });
          for (const w of warnings) warn(w);
          if (!opts.json) print(`${cell(opts.accept)} is now an alias of ${cell(e.name)}`);
        }
        if (opts.reject) {
          const r = await s.call('entities.rejectSpelling', { id, text: opts.reject });
          if (!opts.json) print(`Rejected ${cell(opts.reject)} for ${cell(r.entity.name)}: ${plural(r.removedMentions, 'mention')} removed`);
        }
        const list = await s.call('entities.spellings', { id });
        if (opts.json) return printJson(list);
        if (opts.accept || opts.reject) return;
        if (list.length === 0) return print('No other spellings found. Run `dossier entity scan ID` to look for variants.');
        print(table(list, [{ header: 'spelling', value: (x) => x.text, flex: true }, { header: 'mentions', value: (x) => String(x.mentions) }, { header: 'reports', value: (x) => String(x.reports) }]));
      });
    });

  for (const sub of entity.commands) sub.exitOverride().configureOutput(program.configureOutput());

  program
    .command('entities')
    .description('list entities with their mention counts')
    .option('--json', 'print [{"id","name","type","aliases","mentions"}]')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const list = await s.call('entities.list', {});
        if (opts.json) return printJson(list.map((e) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, mentions: e.mentions })));
        if (list.length === 0) return print('No entities yet. Add one with: dossier entity add NAME --type TYPE');
        print(
          table(list, [
            { header: 'id', value: (e) => e.id },
            { header: 'name', value: (e) => e.name, flex: true },
            { header: 'type', value: (e) => e.type },
            { header: 'aliases', value: (e) => e.aliases.join(', ') },
            { header: 'mentions', value: (e) => String(e.mentions) },
          ]),
        );
      });
    });
}

/** `dossier show e_…`: the entity, its mentions with context, linking notes and co-occurring entities. */
export async function showEntity(s: Session, id: string, json: boolean): Promise<void> {
  const e = await s.call('entities.get', { id });
  const mentions = await s.call('entities.mentions', { id, limit: json ? 100_000 : 20 });
  if (json) return printJson({ kind: 'entity', ...e, mentionList: mentions });
  print(safe`${e.name}  (${e.type})`);
  print('─'.repeat(Math.min(78, Math.max(10, cell(e.name).length))));
  print(safe`id         ${e.id}`);
  print(safe`aliases    ${e.aliases.map(cell).join(', ') || '-'}`);
  print(safe`tags       ${e.tags.join(', ') || '-'}`);
  print(safe`mentions   ${e.mentions} in ${plural(e.reports.length, 'report')}`);
  if (e.notes.trim()) print(`\n${terminalText(e.notes)}`);
  if (mentions.length) {
    print('\nMentions');
    for (const m of mentions) print(safe`  ${m.reportId}  …${inline(m.before)}[${m.text}]${inline(m.after)}…`);
    if (e.mentions > mentions.length) print(safe`  … and ${e.mentions - mentions.length} more`);
  }
  if (e.linkedFrom.length) {
    print('\nLinked from');
    for (const l of e.linkedFrom) print(safe`  ${l.id}  ${l.title}`);
  }
  if (e.cooccurring.length) {
    print('\nMentioned in the same reports as');
    for (const c of e.cooccurring.slice(0, 20)) print(safe`  ${c.id}  ${c.name} (${c.type}): ${plural(c.reports, 'report')}`);
  }
}
