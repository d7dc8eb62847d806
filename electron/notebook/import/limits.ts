/**
 * The limits every import format is held to, in one place (the README lists them). A file over a
 * limit is refused with TOO_LARGE and a reason, or reduced to what fits with a warning; nothing
 * an import does is unbounded in time, memory or expanded size.
 */
import { extensionOf } from './extracted';

export const LIMITS = {
  /** Telegram result.json is streamed, so it may be larger than the ordinary file limit. */
  telegramJsonBytes: 2 * 1024 * 1024 * 1024,
  /** Posts taken from one export (a bigger export is cut with a warning). */
  telegramPosts: 1_000_000,
  /** One JSON value (a message) in a streamed export; a larger one is not a Telegram message. */
  telegramMessageBytes: 8 * 1024 * 1024,
  /** Everything a .docx/.odt/.epub unpacks to, and any one part of it. */
  zipExpandedBytes: 200 * 1024 * 1024,
  zipEntryBytes: 100 * 1024 * 1024,
  zipEntries: 20_000,
  /** Messages taken from one .mbox. */
  mboxMessages: 100_000,
  /** OCR: image size in pixels, pages of a scanned PDF, seconds for one page and for one file. */
  ocrPixels: 40_000_000,
  ocrPages: 100,
  ocrPageSeconds: 120,
  ocrFileSeconds: 900,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** The limits in force; tests lower them to show what happens at the edge. */
export const limits: Limits = { ...LIMITS };

/** The size limit for one file of this name: the ordinary one, or the streamed one for Telegram JSON. */
export function maxBytesFor(fileName: string, ordinary: number): number {
  return extensionOf(fileName) === '.json' ? limits.telegramJsonBytes : ordinary;
}

export function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;
}
