/**
 * One line that tells records with the same title apart: kind, date and source (reports), last
 * edit (notes), type and mentions (entities). Used by the palette and the `[[` autocomplete.
 */
import type { EntityRecord, NoteSummary, RecordKind, ReportRecord } from '../../../electron/api';
import { formatCount, formatDate } from '../ui/format';

export interface Described {
  kind: RecordKind;
  id: string;
  title: string;
  /** Other names the record is found by (entity aliases). */
  names: string[];
  line: string;
}

function sourceOf(r: ReportRecord): string {
  const s = r.source?.trim();
  if (s) {
    try {
      const u = new URL(s);
      if (u.hostname) return u.hostname.replace(/^www\./, '');
    } catch {
      /* not a URL: a path or a name */
    }
    return s.split(/[\\/]/).filter(Boolean).pop() ?? s;
  }
  return r.originalName;
}

export function describeReport(r: ReportRecord): Described {
  const date = r.publishedAt ? formatDate(r.publishedAt) : `imported ${formatDate(r.importedAt.slice(0, 10))}`;
  return { kind: 'report', id: r.id, title: r.title, names: [r.title], line: ['report', date, sourceOf(r), r.author].filter(Boolean).join(' · ') };
}

export function describeNote(n: NoteSummary): Described {
  return { kind: 'note', id: n.id, title: n.title, names: [n.title], line: `note · edited ${formatDate(n.updatedAt.slice(0, 10))} · ${formatCount(n.chars)} characters` };
}

export function describeEntity(e: EntityRecord): Described {
  const aka = e.aliases.length > 0 ? ` · also ${e.aliases.slice(0, 3).join(', ')}` : '';
  return { kind: 'entity', id: e.id, title: e.name, names: [e.name, ...e.aliases], line: `${e.type} · ${e.mentions} mention${e.mentions === 1 ? '' : 's'}${aka}` };
}

export function describeAll(reports: ReportRecord[] = [], notes: NoteSummary[] = [], entities: EntityRecord[] = []): Described[] {
  return [...reports.map(describeReport), ...notes.map(describeNote), ...entities.map(describeEntity)];
}
