/**
 * The contract: every method's name, its zod input schema and its result type. IPC, the browser
 * host, the CLI and the renderer all use this one list. Importing this module pulls in zod and
 * types only, never Node or Electron.
 */
import { z } from 'zod';
import type {
  CheckResult,
  ImportResult,
  NotebookInfo,
  NotebookStats,
  ReportRecord,
  TagCount,
  TaggedRecord,
} from './types';

const id = z.string().trim().min(3).max(64).regex(/^[a-z]{1,2}_[0-9a-z]+$/, 'not a Dossier id');
const reportId = z.string().trim().regex(/^r_[0-9a-z]+$/, 'not a report id (r_…)');
const tag = z.string().trim().min(1, 'a tag cannot be empty').max(100, 'a tag can be at most 100 characters');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const empty = z.object({}).strict();

export const contract = {
  'notebook.info': empty,
  'notebook.stats': empty,
  'notebook.check': z.object({ repair: z.boolean().default(false) }).strict(),
  'reports.import': z
    .object({
      paths: z.array(z.string().min(1).max(4096)).min(1, 'give at least one file or folder').max(100_000),
      tags: z.array(tag).max(100).default([]),
      source: z.string().max(2000).optional(),
    })
    .strict(),
  'reports.list': z.object({ tag: tag.optional() }).strict(),
  'reports.get': z.object({ id: reportId }).strict(),
  'reports.body': z.object({ id: reportId }).strict(),
  'reports.update': z
    .object({
      id: reportId,
      title: z.string().trim().min(1, 'a title cannot be empty').max(500).optional(),
      source: z.string().max(2000).nullable().optional(),
      author: z.string().max(500).nullable().optional(),
      publishedAt: isoDate.nullable().optional(),
      tags: z.array(tag).max(100).optional(),
    })
    .strict(),
  'reports.delete': z.object({ id: reportId }).strict(),
  'tags.list': empty,
  'tags.add': z.object({ id, tags: z.array(tag).min(1).max(100) }).strict(),
  'tags.remove': z.object({ id, tags: z.array(tag).min(1).max(100) }).strict(),
} as const;

export type MethodName = keyof typeof contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof contract)[M]>;
export type ParsedInput<M extends MethodName> = z.output<(typeof contract)[M]>;

export interface MethodResults {
  'notebook.info': NotebookInfo;
  'notebook.stats': NotebookStats;
  'notebook.check': CheckResult;
  'reports.import': ImportResult;
  'reports.list': ReportRecord[];
  'reports.get': ReportRecord;
  'reports.body': { id: string; text: string };
  'reports.update': ReportRecord;
  'reports.delete': { id: string; deleted: true };
  'tags.list': TagCount[];
  'tags.add': TaggedRecord;
  'tags.remove': TaggedRecord;
}

/** The one interface the renderer, the CLI and the front doors program against. */
export type DossierApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResults[M]>;
};

/** Core-side implementation: receives input already validated by `parseInput`. */
export type DossierHandlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodResults[M]>;
};

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export class InputError extends Error {
  readonly code = 'INVALID_INPUT' as const;
}

/** Validates a method's input with its schema; throws InputError with a readable message. */
export function parseInput<M extends MethodName>(method: M, input: unknown): ParsedInput<M> {
  const result = contract[method].safeParse(input ?? {});
  if (result.success) return result.data as ParsedInput<M>;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new InputError(`invalid input for ${method}: ${where}${issue?.message ?? 'invalid'}`);
}
