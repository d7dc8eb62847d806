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
