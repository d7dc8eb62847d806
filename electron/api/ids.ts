/**
 * The one rule for record kinds and ids, shared by the contract's schemas, the stored-file
 * schemas, the core (links, tags, `show`) and the renderer. An id is a kind prefix, `_` and 1-62
 * base-36 characters (`r_…` report, `n_…` note, `e_…` entity); new ids carry 10 random characters
 * (electron/notebook/ids.ts). Pure and dependency-free.
 */
export const RECORD_KINDS = ['report', 'note', 'entity'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const ID_PREFIX = { report: 'r', note: 'n', entity: 'e' } as const satisfies Record<RecordKind, string>;

/** An id of each kind as a pattern source without anchors, for expressions that hold one (`^cite(r_…:1-2)`). */
export const ID_SOURCE = {
  report: 'r_[0-9a-z]{1,62}',
  note: 'n_[0-9a-z]{1,62}',
  entity: 'e_[0-9a-z]{1,62}',
} as const satisfies Record<RecordKind, string>;

export const ID_PATTERN = {
  report: new RegExp(`^${ID_SOURCE.report}$`),
  note: new RegExp(`^${ID_SOURCE.note}$`),
  entity: new RegExp(`^${ID_SOURCE.entity}$`),
} as const satisfies Record<RecordKind, RegExp>;

/** Any record id: a report, note or entity id. */
export const RECORD_ID_PATTERN = new RegExp(`^(?:${ID_SOURCE.report}|${ID_SOURCE.note}|${ID_SOURCE.entity})$`);

/** Which kind of record an id names, from its prefix; null for anything else. */
export function kindOfId(id: string): RecordKind | null {
  for (const kind of RECORD_KINDS) if (ID_PATTERN[kind].test(id)) return kind;
  return null;
}

/** A background import job's id (`job_` and 16 hex digits), made by electron/notebook/import/jobs.ts. */
export const JOB_ID_PATTERN = /^job_[0-9a-f]{16}$/;
