/**
 * The core's implementation of the contract: one handler per method, each taking input already
 * validated with the contract's schema. Front doors wrap these with `callMethod`.
 */
import type { DossierHandlers, MethodName, MethodResults } from '../api/contract';
import { parseInput } from '../api/contract';
import type { ApiErrorShape, TagCount, TaggedRecord } from '../api';
import { checkNotebook, notebookStats } from './check';
import { DossierError, toErrorShape } from './errors';
import { kindOfId } from './ids';
import { importPaths } from './import/importer';
import type { Notebook } from './notebook';

async function tagRecord(nb: Notebook, id: string, tags: string[], add: boolean): Promise<TaggedRecord> {
  const kind = kindOfId(id);
  if (kind === 'report') {
    const r = add ? await nb.reports.tag(id, tags) : await nb.reports.untag(id, tags);
    return { id: r.id, kind, tags: r.tags };
  }
  throw new DossierError('NOT_FOUND', `no report, note or entity with id ${id}`);
}

function listTags(nb: Notebook): TagCount[] {
  const counts = new Map<string, TagCount>();
  for (const r of nb.reports.all()) {
    for (const t of r.tags) {
      const key = t.toLowerCase();
      const c = counts.get(key) ?? { tag: t, count: 0 };
      c.count++;
      counts.set(key, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export function createHandlers(nb: Notebook): DossierHandlers {
  return {
    'notebook.info': async () => ({
      dir: nb.dir,
      id: nb.meta.id,
      createdAt: nb.meta.createdAt,
      writable: nb.writable,
      reports: nb.reports.count,
      recoveries: [...nb.recoveries],
    }),
    'notebook.stats': async () => notebookStats(nb),
    'notebook.check': async ({ repair }) => checkNotebook(nb, repair),
    'reports.import': async ({ paths, tags, source }) => importPaths(nb, paths, { tags, source }),
    'reports.list': async ({ tag }) => nb.reports.list({ tag }),
    'reports.get': async ({ id }) => nb.reports.get(id),
    'reports.body': async ({ id }) => ({ id, text: await nb.reports.body(id) }),
    'reports.update': async ({ id, ...patch }) => nb.reports.update(id, patch),
    'reports.delete': async ({ id }) => {
      await nb.reports.delete(id);
      return { id, deleted: true as const };
    },
    'tags.list': async () => listTags(nb),
    'tags.add': async ({ id, tags }) => tagRecord(nb, id, tags, true),
    'tags.remove': async ({ id, tags }) => tagRecord(nb, id, tags, false),
  };
}

export type CallOutcome<M extends MethodName> = { ok: true; result: MethodResults[M] } | { ok: false; error: ApiErrorShape };

/** Validates input with the contract, calls the handler, maps any failure to `{ code, message }`. */
export async function callMethod<M extends MethodName>(handlers: DossierHandlers, method: M, input: unknown): Promise<CallOutcome<M>> {
  try {
    const parsed = parseInput(method, input);
    const handler = handlers[method] as (i: typeof parsed) => Promise<MethodResults[M]>;
    return { ok: true, result: await handler(parsed) };
  } catch (err) {
    if (err instanceof Error && err.name !== 'DossierError' && (err as { code?: unknown }).code === 'INVALID_INPUT') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: err.message } };
    }
    return { ok: false, error: toErrorShape(err) };
  }
}
