/**
 * Imports that run in the background: a front door starts one, polls its progress (files, and the
 * posts or pages inside the current file) and may cancel it. Everything a cancelled import listed
 * as imported is saved. Finished jobs are kept a while so the last poll sees the result.
 */
import { randomBytes } from 'node:crypto';
import { DossierError, toErrorShape, type ErrorCode } from '../errors';
import type { ImportOptions, ImportSummary } from './importer';

export type ImportJobState = 'running' | 'done' | 'cancelled' | 'failed';

export interface ImportJobStatus {
  jobId: string;
  state: ImportJobState;
  files: { done: number; total: number };
  /** Posts, messages or pages inside the current file, when it has many. */
  items: { done: number; total: number | null } | null;
  path: string | null;
  result: ImportSummary | null;
  error: { code: ErrorCode; message: string } | null;
}

interface Job {
  status: ImportJobStatus;
  controller: AbortController;
  finishedAt: number | null;
}

const KEEP_MS = 10 * 60_000;
const MAX_KEPT = 50;

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  start(run: (opts: Pick<ImportOptions, 'signal' | 'onProgress'>) => Promise<ImportSummary>): ImportJobStatus {
    this.prune();
    const jobId = `job_${randomBytes(8).toString('hex')}`;
    const controller = new AbortController();
    const job: Job = {
      status: { jobId, state: 'running', files: { done: 0, total: 0 }, items: null, path: null, result: null, error: null },
      controller,
      finishedAt: null,
    };
    this.jobs.set(jobId, job);
    void run({
      signal: controller.signal,
      onProgress: ({ done, total, path, items }) => {
        job.status = { ...job.status, files: { done, total }, items: items ?? null, path };
      },
    }).then(
      (result) => this.finish(job, { state: controller.signal.aborted ? 'cancelled' : 'done', result }),
      (err: unknown) => this.finish(job, { state: 'failed', error: toErrorShape(err) }),
    );
    return job.status;
  }

  status(jobId: string): ImportJobStatus {
    return this.get(jobId).status;
  }

  cancel(jobId: string): ImportJobStatus {
    const job = this.get(jobId);
    job.controller.abort();
    return job.status;
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new DossierError('NOT_FOUND', `no import job ${jobId} (finished imports are kept for 10 minutes)`);
    return job;
  }

  private finish(job: Job, patch: Partial<ImportJobStatus>): void {
    job.status = { ...job.status, ...patch };
    job.finishedAt = Date.now();
  }

  private prune(): void {
    const now = Date.now();
    const done = [...this.jobs.values()].filter((j) => j.finishedAt !== null);
    for (const j of done) if (now - (j.finishedAt ?? now) > KEEP_MS || done.length > MAX_KEPT) this.jobs.delete(j.status.jobId);
  }
}
