/** Shared helpers for the import tests: fixture loading and error assertions. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { DossierError, type ErrorCode } from '../../../electron/notebook/errors';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Awaits `work` and asserts it fails with a DossierError of `code` whose message matches. */
export async function expectDossierError(work: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<void> {
  let caught: unknown = null;
  try {
    await work;
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected an error').toBeInstanceOf(DossierError);
  const err = caught as DossierError;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
}
