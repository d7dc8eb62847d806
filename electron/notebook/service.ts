/**
 * The core's implementation of the contract, composed from one service per area (services/*),
 * each built from the stores it needs. Handlers take input already validated with the contract's
 * schema; front doors reach them through `callMethod` (or the RPC module's `dispatch`).
 */
import type { DossierHandlers, MethodName, MethodResults } from '../api/contract';
import { METHOD_NAMES } from '../api/methods';
import { dispatch, type Envelope, type Transport } from '../api/rpc';
import { toErrorShape } from './errors';
import type { Notebook } from './notebook';
import { entityService } from './services/entities';
import { exportService } from './services/export';
import { linkService, noteService } from './services/notes';
import { notebookService } from './services/notebook';
import { reportService } from './services/reports';
import { searchService } from './services/search';
import { tagService } from './services/tags';
import { uiService } from './services/ui';

/**
 * Whether a method reads the report catalog. The notes methods and the workspace state do not (links
 * and citations in notes resolve report titles through the title index), except `notes.quote`,
 * which reads a report's text; nor do the status and cancel of an import job (the job's start
 * loaded it), nor preparing the search index (which loads the catalog itself,
 * in the background), nor a search or quick-switcher query (the stored title index answers the
 * catalog's fingerprint and where hit texts are; a rebuild of the index loads the catalog). On a lazy notebook (notebook.ts) every other method loads the catalog first.
 */
export function needsCatalog(method: MethodName): boolean {
  if (method.startsWith('notes.')) return method === 'notes.quote';
  // A search whose index cache is current needs no catalog (search-sources.ts); a rebuild loads it.
  if (method === 'search.query' || method === 'search.quick') return false;
  return !(method.startsWith('ui.') || method === 'reports.importStatus' || method === 'reports.importCancel' || method === 'search.prepare');
}

export function createHandlers(nb: Notebook): DossierHandlers {
  const handlers = allHandlers(nb);
  if (nb.reportsLoaded) return handlers;
  const lazy: Record<string, (input: never) => Promise<unknown>> = {};
  for (const m of METHOD_NAMES) {
    const h = handlers[m] as (input: never) => Promise<unknown>;
    lazy[m] = needsCatalog(m)
      ? async (input) => {
          await nb.openReports();
          return h(input);
        }
      : h;
  }
  return lazy as DossierHandlers;
}

function allHandlers(nb: Notebook): DossierHandlers {
  return {
    ...notebookService(nb),
    ...reportService(nb),
    ...tagService(nb),
    ...searchService(nb.search, nb, () => nb.prepareSearch()),
    ...noteService(nb),
    ...linkService(nb),
    ...entityService(nb),
    ...exportService(nb),
    ...uiService(nb),
  };
}

/** `dispatch` bound to the core's error mapping (DossierError codes, file-system errors as IO_ERROR…). */
export async function callMethod<M extends MethodName>(handlers: DossierHandlers, method: M, input: unknown): Promise<Envelope<MethodResults[M]>> {
  return (await dispatch(handlers, method, input, toErrorShape)) as Envelope<MethodResults[M]>;
}

/** The core as an in-process transport: what a front door hands calls to (IPC, HTTP, CLI, a worker). */
export function coreTransport(handlers: DossierHandlers): Transport {
  return (method, params) => dispatch(handlers, method, params, toErrorShape);
}
