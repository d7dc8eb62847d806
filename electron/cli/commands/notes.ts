/** `dossier note add|edit|rm|restore`, `notes` and `links ID`. */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import type { LinksResult } from '../../api';
import { CliError, withNotebook, type Session } from '../context';
import { cell, plural, print, printJson, safe, table, terminalText, warn } from '../output';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

async function bodyFrom(opts: { body?: string; file?: string }): Promise<string | undefined> {
  if (opts.body !== undefined && opts.file !== undefined) throw new CliError('give either --body or --file, not both', 2);
  if (opts.file === undefined) return opts.body;
  try {
    return await fs.readFile(opts.file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${opts.file}: ${(err as Error).message}`, 1);
  }
}

export function printLinks(l: LinksResult): void {
  const line = (r: { kind: string; id: string; title: string }): string => `  ${r.kind.padEnd(6)}  ${r.id}  ${cell(r.title)}`;
  print(safe`Outgoing (${l.outgoing.length})`);
  for (const r of l.outgoing) print(line(r));
  print(safe`Backlinks (${l.backlinks.length})`);
  for (const r of l.backlinks) print(line(r));
  if (l.unresolved.length) {
    print(safe`Unresolved (${l.unresolved.length})`);
    for (const u of l.unresolved) print(safe`  [[${u.text}]]`);
  }
  for (const a of l.ambiguous) print(safe`Ambiguous: [[${a.text}]] matches ${a.candidates.length} records; goes to ${a.resolvedTo.id} (${a.resolvedTo.title})`);
}

export function registerNoteCommands(program: Command): void {
  const note = program.command('note').description('write and edit markdown notes (links: [[Title]], [[r_id]], [[Entity]], [[target|label]])');

  note
    .command('add')
    .description('create a note')
    .requiredOption('--title <title>', 'the note title')
    .option('--body <text>', 'the markdown body')
    .option('--file <file>', 'read the markdown body from a file')
    .option('--tag <tag>', 'tag the note (repeatable)', collect)
    .option('--json', 'print {"id","title"}')
    .action(async (opts: { title: string; body?: string; file?: string; tag?: string[]; json?: boolean }, cmd: Command) => {
      const body = await bodyFrom(opts);
      await withNotebook(cmd, true, async (s) => {
        const n = await s.call('notes.create', { title: opts.title, body: body ?? '', tags: opts.tag ?? [] });
        for (const c of n.changed ?? []) warn(c);
        if (opts.json) return printJson({ id: n.id, title: n.title });
        print(safe`Created note ${n.id}  ${n.title}`);
        if (n.links.unresolved.length) warn(safe`unresolved links: ${n.links.unresolved.map((u) => `[[${u.text}]]`).join(', ')}`);
      });
    });

  note
    .command('edit')
    .description('change a note’s title or body (a new title keeps links to it working)')
    .argument('<id>', 'the note id (n_…)')
    .option('--title <title>', 'new title')
    .option('--body <text>', 'new markdown body')
    .option('--file <file>', 'read the new body from a file')
    .option('--json', 'print {"id","title"}')
    .action(async (id: string, opts: { title?: string; body?: string; file?: string; json?: boolean }, cmd: Command) => {
      const body = await bodyFrom(opts);
      if (opts.title === undefined && body === undefined) throw new CliError('nothing to change: give --title, --body or --file', 2);
      await withNotebook(cmd, true, async (s) => {
        const n = await s.call('notes.update', { id, title: opts.title, body });
        for (const c of n.changed ?? []) warn(c);
        if (opts.json) return printJson({ id: n.id, title: n.title });
        print(safe`Saved note ${n.id}  ${n.title}`);
      });
    });

  note
    .command('rm')
    .description('move a note to the trash (restore it with `dossier note restore ID`)')
    .argument('<id>', 'the note id (n_…)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const r = await s.call('notes.delete', { id });
        if (opts.json) return printJson(r);
        print(safe`Moved note ${id} to the trash; restore it with: dossier note restore ${id}`);
      });
    });

  note
    .command('restore')
    .description('bring a note back from the trash')
    .argument('<id>', 'the note id (n_…)')
    .option('--json', 'print {"id","title"}')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, true, async (s) => {
        const n = await s.call('notes.restore', { id });
        if (opts.json) return printJson({ id: n.id, title: n.title });
        print(safe`Restored note ${n.id}  ${n.title}`);
      });
    });

  for (const sub of note.commands) sub.exitOverride().configureOutput(program.configureOutput());

  program
    .command('notes')
    .description('list notes, most recently edited first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const notes = await s.call('notes.list', {});
        if (opts.json) return printJson(notes);
        if (notes.length === 0) return print('No notes yet. Write one with: dossier note add --title T --body TEXT');
        print(
          table(notes, [
            { header: 'id', value: (n) => n.id },
            { header: 'title', value: (n) => n.title, flex: true },
            { header: 'tags', value: (n) => n.tags.join(', ') },
            { header: 'updated', value: (n) => n.updatedAt.slice(0, 16).replace('T', ' ') },
          ]),
        );
        print(plural(notes.length, 'note'));
      });
    });

  program
    .command('links')
    .description('links of a report, note or entity: what it links to, what links to it, and links that point nowhere')
    .argument('<id>', 'a report, note or entity id')
    .option('--json', 'print {"outgoing":[…],"backlinks":[…],"unresolved":[…],"ambiguous":[…]}')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withNotebook(cmd, false, async (s) => {
        const l = await s.call('notes.links', { id });
        if (opts.json) return printJson(l);
        printLinks(l);
      });
    });
}

/** `dossier show n_…`: the note's metadata, body and links. */
export async function showNote(s: Session, id: string, json: boolean): Promise<void> {
  const n = await s.call('notes.get', { id });
  if (json) return printJson({ kind: 'note', ...n });
  print(cell(n.title));
  print('─'.repeat(Math.min(78, Math.max(10, cell(n.title).length))));
  print(safe`id         ${n.id}`);
  print(safe`tags       ${n.tags.join(', ') || '-'}`);
  print(safe`created    ${n.createdAt}`);
  print(safe`updated    ${n.updatedAt}`);
  print();
  print(terminalText(n.body));
  print();
  printLinks(n.links);
}
