/**
 * The stores a notebook is built from (see notebook.ts, the one place that constructs them). Each
 * operation and service names the stores it needs with `Pick<Stores, …>` and is handed exactly
 * those; nothing reaches back into the notebook.
 */
import type { Entities } from './entities/entities';
import type { LinkIndex } from './notes/links';
import type { Notes } from './notes/notes';
import type { ReportTrash } from './report-trash';
import type { Reports } from './reports';
import type { Recovery } from './storage/jsonfile';
import type { Blobs } from './storage/blobs';

export interface Stores {
  readonly reports: Reports;
  /** Deleted reports with their mentions, until restored or purged. */
  readonly reportTrash: ReportTrash;
  readonly notes: Notes;
  readonly entities: Entities;
  /** Derived from notes, reports and entities; kept current by their change events. */
  readonly links: LinkIndex;
  readonly blobs: Blobs;
}

/** What the notebook as a whole says about itself: its folder, mode and what was recovered on open. */
export interface NotebookFacts {
  readonly dir: string;
  readonly writable: boolean;
  readonly recoveries: readonly Recovery[];
  /** Throws unless the notebook is open for writing. */
  requireWritable(): void;
}
