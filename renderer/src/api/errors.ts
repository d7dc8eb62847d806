/** The renderer's view of a failed call: the contract's `{ code, message }` as an Error. */
import type { ApiErrorShape, ErrorCode } from '../../../electron/api';
import { isApiErrorShape } from '../../../electron/api';

export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(shape: unknown): ApiError {
    if (isApiErrorShape(shape)) return new ApiError(shape.code, shape.message);
    return new ApiError('INTERNAL', 'unexpected answer from Dossier');
  }
}
