/**
 * What `import` takes, for every front door (the file picker, drag and drop, the desktop dialog):
 * the extensions the core's extractors read (electron/notebook/import/extract.ts; a test checks the
 * two agree) and the OCR languages a user can choose in settings.
 */
export const IMPORT_EXTENSIONS = [
  '.txt', '.text', '.md', '.markdown', '.html', '.htm', '.pdf', '.json', '.docx', '.eml', '.mbox',
  '.mhtml', '.mht', '.epub', '.odt', '.rtf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.bmp', '.webp',
] as const;

export const OCR_LANGUAGE_NAMES = { eng: 'English', ukr: 'Ukrainian', rus: 'Russian', ara: 'Arabic' } as const;
export type OcrLanguage = keyof typeof OCR_LANGUAGE_NAMES;

/**
 * The largest file an import takes, for every front door: the core refuses a larger one with
 * TOO_LARGE (a Telegram result.json read from disk is streamed and may be larger), the browser
 * mode's upload sends one file per request and refuses a larger one before sending it.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Base64 characters of a file of MAX_FILE_BYTES: the most `reports.importFiles` takes for one file. */
export const MAX_FILE_BASE64_CHARS = Math.ceil(MAX_FILE_BYTES / 3) * 4;

/** The largest request body the browser host reads: one file of MAX_FILE_BYTES in base64, plus its name, tags and JSON. */
export const MAX_REQUEST_BYTES = MAX_FILE_BASE64_CHARS + 1024 * 1024;

/** "51.0 MB": a size as import errors state it. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a file of this size is refused, or null: the one wording of the file size limit. */
export function fileTooLarge(bytes: number, limit = MAX_FILE_BYTES): string | null {
  return bytes > limit ? `the file is ${formatMegabytes(bytes)}; the limit is ${formatMegabytes(limit)}` : null;
}
