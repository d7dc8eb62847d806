/**
 * Markdown export of notes. Layout inside the chosen folder:
 *
 *   index.md                 lists everything exported
 *   notes/<title>.md         one file per note, YAML front matter (title, id, tags, created,
 *                            updated, entities) then the body
 *   entities/<name>.md       every entity a note links to (export.all: every entity), with its
 *                            aliases, notes and mentions
 *   reports/<title>.md       every report a note links to or quotes, with its metadata and text
 *   .dossier-export.json     the manifest of files this export wrote
 *
 * Links: `links: 'markdown'` writes relative markdown links between the exported files
 * (`[label](../reports/Title.md)`); `links: 'wiki'` keeps `[[folder/File name|label]]` wikilinks
 * (paths from the export folder, as Obsidian reads them). A link to a note that is not part of
 * the export becomes its plain label; an unresolved link is kept as written. A quote's citation
 * (`^cite(r_…:start-end)`) becomes a link to the passage: the report's file ends with a
 * "Cited passages" section holding a heading and the quoted text for each passage cited.
 *
 * Safety (./folder.ts): the folder is checked before anything is created; a folder that holds
 * anything Dossier did not export (by this notebook's signed manifest) is refused, never
 * overwritten; re-exporting into a folder Dossier exported to before replaces its own files and
 * removes the ones the new export no longer has. Links inside the folder are never followed.
 */
import path from 'node:path';
import type { ExportResult } from '../../api/types';
import type { NotebookFacts, Stores } from '../stores';
import { parseCitations, parseLinks } from '../notes/markup';
import { noteTags } from '../notes/notes';
import type { Entity, Note } from '../schema/v1-notes';
import type { Report } from '../schema/v1';
import { checkExportFolder, writeExport } from './folder';
import { NameAllocator } from './names';

export { MANIFEST } from './folder';

/** The stores this module works on. */
export type ExportStores = Pick<Stores, 'entities' | 'reports' | 'notes' | 'links'> & Pick<NotebookFacts, 'dir'>;
const MENTIONS_LISTED = 200;

export interface ExportOptions {
  outDir: string;
  noteIds?: string[];
  links: 'wiki' | 'markdown';
  /** Export every entity, not only linked ones. */
  allEntities?: boolean;
}

/** A YAML double-quoted scalar (JSON string escapes are valid YAML; add the ones YAML needs on top). */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function yamlList(items: string[]): string {
  return `[${items.map(yamlString).join(', ')}]`;
}

function frontMatter(fields: Array<[string, string]>): string {
  return `---\n${fields.map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\n`;
}

/** A relative URL for a markdown link: every path segment percent-encoded, parentheses too. */
function relUrl(fromDir: string, to: string): string {
  const rel = path.posix.relative(fromDir, to);
  return rel
    .split('/')
    .map((seg) => (seg === '..' ? seg : encodeURIComponent(seg).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
    .join('/');
}

function mdText(s: string): string {
  return s.replace(/[[\]\\]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

export async function exportMarkdown(nb: ExportStores, opts: ExportOptions): Promise<ExportResult> {
  const notes: Note[] = opts.noteIds ? opts.noteIds.map((id) => nb.notes.get(id)) : nb.notes.list();
  const noteSet = new Set(notes.map((n) => n.id));

  // What the notes link to and quote.
  const entityIds = new Set<string>(opts.allEntities ? nb.entities.all().map((e) => e.id) : []);
  const reportIds = new Set<string>();
  const noteEntities = new Map<string, Set<string>>();
  for (const n of notes) {
    const ents = new Set<string>();
    for (const l of parseLinks(n.body)) {
      const ref = nb.links.resolve(l.target).ref;
      if (ref?.kind === 'entity') {
        entityIds.add(ref.id);
        ents.add(ref.id);
      }
      if (ref?.kind === 'report') reportIds.add(ref.id);
    }
    for (const c of parseCitations(n.body)) if (nb.reports.has(c.reportId)) reportIds.add(c.reportId);
    noteEntities.set(n.id, ents);
  }
  const entities: Entity[] = [...entityIds].map((id) => nb.entities.get(id)).sort((a, b) => a.name.localeCompare(b.name));
  const reports: Report[] = [...reportIds].map((id) => nb.reports.get(id)).sort((a, b) => a.title.localeCompare(b.title));

  // File names.
  const fileOf = new Map<string, string>();
  const noteNames = new NameAllocator();
  for (const n of notes) fileOf.set(n.id, `notes/${noteNames.take(n.title)}`);
  const entityNames = new NameAllocator();
  for (const e of entities) fileOf.set(e.id, `entities/${entityNames.take(e.name)}`);
  const reportNames = new NameAllocator();
  for (const r of reports) fileOf.set(r.id, `reports/${reportNames.take(r.title)}`);

  // The folder: checked before anything is written, created only once it passes.
  const folder = await checkExportFolder(opts.outDir, nb.dir);

  const linkFor = (fromFile: string, target: string, label: string | null, written: string): string => {
    const ref = nb.links.resolve(target).ref;
    const file = ref ? fileOf.get(ref.id) : undefined;
    if (!ref || (ref.kind === 'note' && !noteSet.has(ref.id))) return ref ? mdText(label ?? target) : written;
    if (!file) return written;
    if (opts.links === 'wiki') return `[[${file.replace(/\.md$/, '')}|${(label ?? target).replace(/[[\]|]/g, ' ')}]]`;
    return `[${mdText(label ?? target)}](${relUrl(path.posix.dirname(fromFile), file)})`;
  };

  // A citation becomes a link to the passage: a heading per cited passage at the end of the report's file.
  const cited = new Map<string, Array<{ start: number; end: number }>>();
  const passageAnchor = (c: { start: number; end: number }): string => `Cited passage ${c.start}-${c.end}`;
  const citationFor = (fromFile: string, c: { reportId: string; start: number; end: number }): string => {
    const rfile = fileOf.get(c.reportId);
    if (!rfile) return `(characters ${c.start}–${c.end} of report ${c.reportId}, which is not in this notebook any more)`;
    const list = cited.get(c.reportId) ?? [];
    if (!list.some((x) => x.start === c.start && x.end === c.end)) list.push({ start: c.start, end: c.end });
    cited.set(c.reportId, list);
    if (opts.links === 'wiki') return `([[${rfile.replace(/\.md$/, '')}#${passageAnchor(c)}|the passage]])`;
    const slug = passageAnchor(c).toLowerCase().replace(/\s+/g, '-');
    return `([the passage](${relUrl(path.posix.dirname(fromFile), rfile)}#${slug}))`;
  };

  const files = new Map<string, string>();
  for (const n of notes) {
    const file = fileOf.get(n.id) as string;
    let body = '';
    let at = 0;
    const edits = [
      ...parseLinks(n.body).map((l) => ({ start: l.start, end: l.end, text: () => linkFor(file, l.target, l.label, n.body.slice(l.start, l.end)) })),
      ...parseCitations(n.body).map((c) => {
        const marker = `^cite(${c.reportId}:${c.start}-${c.end})`;
        return { start: c.at, end: c.at + marker.length, text: () => citationFor(file, c) };
      }),
    ].sort((a, b) => a.start - b.start);
    for (const e of edits) {
      if (e.start < at) continue;
      body += n.body.slice(at, e.start) + e.text();
      at = e.end;
    }
    body += n.body.slice(at);
    const ents = [...(noteEntities.get(n.id) ?? [])].map((id) => nb.entities.find(id)?.name ?? id);
    files.set(
      file,
      frontMatter([
        ['title', yamlString(n.title)],
        ['id', yamlString(n.id)],
        ['tags', yamlList(noteTags(n))],
        ['created', yamlString(n.createdAt)],
        ['updated', yamlString(n.updatedAt)],
        ['entities', yamlList(ents)],
      ]) + `${body.endsWith('\n') ? body : `${body}\n`}`,
    );
  }

  for (const e of entities) {
    const file = fileOf.get(e.id) as string;
    const lines: string[] = [`# ${mdText(e.name)}`, '', `Type: ${e.type}`, ''];
    if (e.aliases.length) lines.push('Aliases:', '', ...e.aliases.map((a) => `- ${mdText(a)}`), '');
    if (e.notes.trim()) lines.push(e.notes.trim(), '');
    const mentions = nb.entities.mentionsOf(e.id);
    if (mentions.length) {
      lines.push(`Mentions (${mentions.length}):`, '');
      for (const m of mentions.slice(0, MENTIONS_LISTED)) {
        const r = nb.reports.find(m.reportId);
        const rfile = fileOf.get(m.reportId);
        const where = rfile ? `[${mdText(r?.title ?? m.reportId)}](${relUrl('entities', rfile)})` : mdText(r?.title ?? m.reportId);
        lines.push(`- ${where} (${m.reportId}, characters ${m.start}-${m.end}): “${mdText(m.text)}”`);
      }
      if (mentions.length > MENTIONS_LISTED) lines.push(`- … and ${mentions.length - MENTIONS_LISTED} more`);
      lines.push('');
    }
    const linking = nb.links.backlinks(e.id).filter((b) => noteSet.has(b.id));
    if (linking.length) {
      lines.push('Linked from:', '');
      for (const b of linking) lines.push(`- [${mdText(b.title)}](${relUrl('entities', fileOf.get(b.id) as string)})`);
      lines.push('');
    }
    files.set(
      file,
      frontMatter([
        ['name', yamlString(e.name)],
        ['id', yamlString(e.id)],
        ['type', yamlString(e.type)],
        ['aliases', yamlList(e.aliases)],
        ['tags', yamlList(e.tags)],
        ['created', yamlString(e.createdAt)],
        ['updated', yamlString(e.updatedAt)],
      ]) + lines.join('\n'),
    );
  }

  for (const r of reports) {
    const text = await nb.reports.body(r.id);
    const passages = (cited.get(r.id) ?? []).sort((a, b) => a.start - b.start);
    const citedSection = passages.length
      ? `\n## Cited passages\n\n${passages
          .map((c) => `### ${passageAnchor(c)}\n\n${text.slice(c.start, c.end).split('\n').map((l) => `> ${l}`.trimEnd()).join('\n')}\n`)
          .join('\n')}`
      : '';
    files.set(
      fileOf.get(r.id) as string,
      frontMatter([
        ['title', yamlString(r.title)],
        ['id', yamlString(r.id)],
        ['source', r.source === null ? 'null' : yamlString(r.source)],
        ['author', r.author === null ? 'null' : yamlString(r.author)],
        ['published', r.publishedAt === null ? 'null' : yamlString(r.publishedAt)],
        ['imported', yamlString(r.importedAt)],
        ['url', r.url ? yamlString(r.url) : 'null'],
        ['tags', yamlList(r.tags)],
      ]) + `${text}${text.endsWith('\n') ? '' : '\n'}${citedSection}`,
    );
  }

  const section = (title: string, ids: Array<{ id: string; label: string }>): string =>
    ids.length ? `## ${title}\n\n${ids.map(({ id, label }) => `- [${mdText(label)}](${relUrl('.', fileOf.get(id) as string)})`).join('\n')}\n\n` : '';
  files.set(
    'index.md',
    `# Dossier export\n\nExported ${new Date().toISOString()} from ${mdText(path.basename(nb.dir))}.\n\n` +
      section('Notes', notes.map((n) => ({ id: n.id, label: n.title }))) +
      section('Entities', entities.map((e) => ({ id: e.id, label: e.name }))) +
      section('Reports', reports.map((r) => ({ id: r.id, label: r.title }))),
  );

  const written = await writeExport(folder, files);
  return { dir: folder.root, files: written };
}
