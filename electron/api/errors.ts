/** The error shape every front door returns: `{ code, message }`, with a closed list of codes. */
export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_INPUT',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'EMPTY',
  'DUPLICATE',
  'LOCKED',
  'CORRUPT',
  'CORRUPT_RECOVERED',
  'NEWER_VERSION',
  'IO_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
}

export function isApiErrorShape(v: unknown): v is ApiErrorShape {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.message === 'string' && (ERROR_CODES as readonly string[]).includes(String(o.code));
}
