/**
 * Domain errors. Every failure the core reports to a user is a DossierError with a stable code;
 * front doors map it to the contract's `{ code, message }` shape.
 */
import type { ErrorCode } from '../api/errors';

export type { ErrorCode };

export class DossierError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DossierError';
    this.code = code;
  }
}

export function isDossierError(err: unknown): err is DossierError {
  return err instanceof DossierError;
}

/** Turns any thrown value into `{ code, message }` without leaking stack traces. */
export function toErrorShape(err: unknown): { code: ErrorCode; message: string } {
  if (err instanceof DossierError) return { code: err.code, message: err.message };
  const e = err as NodeJS.ErrnoException | undefined;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    const path = e.path ? ` (${e.path})` : '';
    switch (e.code) {
      case 'ENOENT':
        return { code: 'NOT_FOUND', message: `no such file or folder${path}` };
      case 'EACCES':
      case 'EPERM':
        return { code: 'IO_ERROR', message: `permission denied${path}` };
      case 'ENOSPC':
        return { code: 'IO_ERROR', message: `the disk is full${path}` };
      case 'EROFS':
        return { code: 'IO_ERROR', message: `the folder is read-only${path}` };
      case 'EISDIR':
        return { code: 'INVALID_INPUT', message: `expected a file but found a folder${path}` };
      default:
        return { code: 'IO_ERROR', message: `${e.code}${path}: ${e.message}` };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
