/**
 * Schema versions and migrations. Every notebook file carries `schemaVersion`. A migration is a pure
 * function from version N to N+1; `migrate` applies them in order and validates the result with the
 * current zod schema. A file from a newer Dossier is refused, never rewritten.
 */
import type { z } from 'zod';
import { DossierError } from '../errors';

export type RawFile = Record<string, unknown> & { schemaVersion?: unknown };
export type Migration = (data: RawFile) => RawFile;

export interface FileSpec<T extends { schemaVersion: number }> {
  /** File name inside the notebook folder, e.g. `catalog.json`. */
  file: string;
  /** Current schema version written by this build. */
  version: number;
  /** Validates the current version. */
  schema: z.ZodType<T>;
  /** `migrations[i]` turns version i+1 into version i+2. Length is always `version - 1`. */
  migrations: readonly Migration[];
  empty: () => T;
}

export interface MigrationResult<T> {
  data: T;
  /** The version the file had before migration, or null when it was current. */
  migratedFrom: number | null;
}

export function migrate<T extends { schemaVersion: number }>(spec: FileSpec<T>, raw: unknown): MigrationResult<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DossierError('CORRUPT', `${spec.file} is not a JSON object`);
  }
  let data = raw as RawFile;
  const from = data.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    throw new DossierError('CORRUPT', `${spec.file} has no valid schemaVersion`);
  }
  if (from > spec.version) {
    throw new DossierError(
      'NEWER_VERSION',
      `${spec.file} was written by a newer Dossier (schema ${from}, this build reads up to ${spec.version}); update Dossier to open this notebook`,
    );
  }
  for (let v = from; v < spec.version; v++) {
    const step = spec.migrations[v - 1];
    if (!step) throw new DossierError('INTERNAL', `no migration for ${spec.file} from version ${v}`);
    data = { ...step(data), schemaVersion: v + 1 };
  }
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    throw new DossierError('CORRUPT', `${spec.file} failed validation at ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return { data: parsed.data, migratedFrom: from === spec.version ? null : from };
}
