/**
 * The core's implementation of the contract, composed from one service per area (services/*),
 * each built from the stores it needs. Handlers take input already validated with the contract's
 * schema; front doors reach them through `callMethod` (or the RPC module's `dispatch`).
 */
import type { DossierHandlers, MethodName, MethodResults } from '../api/contract';
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

export function createHandlers(nb: Notebook): DossierHandlers {
  return {
    ...notebookService(nb),
    ...reportService(nb),
    ...tagService(nb),
    ...searchService(nb.search, nb),
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
