/**
 * Uploads picked or dropped files one per request (`reports.importFiles` with a single file), so
 * each file is held to the contract's MAX_FILE_BYTES on its own and succeeds or fails on its own:
 * a file over the limit is refused before it is read or sent, a failed request fails only its file,
 * and the next file goes on. Progress is reported after each file, in files and in bytes.
 */
import { errorShapeOf, fileTooLarge, MAX_FILE_BYTES, type ImportResult, type MethodInput } from '../../../../electron/api';

/** One file of a `reports.importFiles` request: its name and its bytes in base64. */
type FileUpload = MethodInput<'reports.importFiles'>['files'][number];

/** What the upload needs of a File (a browser File, or a Blob with a name in tests). */
export interface UploadSource {
  readonly name: string;
  readonly size: number;
  /** The path inside a chosen folder, when a folder was picked. */
  readonly webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface UploadProgress {
  filesDone: number;
  files: number;
  bytesDone: number;
  bytes: number;
  /** The file being read or sent, or null once all are done. */
  current: string | null;
}

export interface UploadOptions {
  onProgress?(p: UploadProgress): void;
  /** Checked before each file; true stops the upload (what was imported stays imported). */
  isCancelled?(): boolean;
  /** The per-file limit (the contract's by default). */
  maxFileBytes?: number;
}

export const EMPTY_RESULT: ImportResult = { imported: [], duplicates: [], failed: [] };

/** Adds one file's answer to the running result in place: linear in the files, however many there are. */
function append(into: Required<ImportResult>, b: ImportResult): void {
  // Loops, not push(...list): one file (a Telegram export) can answer with more entries than a call takes arguments.
  for (const x of b.imported) into.imported.push(x);
  for (const x of b.duplicates) into.duplicates.push(x);
  for (const x of b.updated ?? []) into.updated.push(x);
  for (const x of b.failed) into.failed.push(x);
}

export function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The result of one file that failed: with the error it was given, or what a failed call threw. */
export function failedResult(path: string, err: unknown): ImportResult {
  return { ...EMPTY_RESULT, failed: [{ path, error: errorShapeOf(err) }] };
}

/** Sends each file in its own request through `send` and merges the answers, in the order given. */
export async function uploadEach(files: readonly UploadSource[], send: (file: FileUpload) => Promise<ImportResult>, opts: UploadOptions = {}): Promise<ImportResult> {
  const limit = opts.maxFileBytes ?? MAX_FILE_BYTES;
  const progress: UploadProgress = { filesDone: 0, files: files.length, bytesDone: 0, bytes: files.reduce((n, f) => n + f.size, 0), current: null };
  const result: Required<ImportResult> = { imported: [], duplicates: [], updated: [], failed: [] };
  for (const file of files) {
    if (opts.isCancelled?.()) break;
    const name = file.webkitRelativePath || file.name;
    opts.onProgress?.({ ...progress, current: name });
    const tooLarge = fileTooLarge(file.size, limit);
    if (tooLarge) {
      append(result, failedResult(name, { code: 'TOO_LARGE', message: tooLarge }));
    } else {
      try {
        append(result, await send({ name, base64: toBase64(await file.arrayBuffer()) }));
      } catch (err) {
        append(result, failedResult(name, err));
      }
    }
    progress.filesDone += 1;
    progress.bytesDone += file.size;
    opts.onProgress?.({ ...progress, current: null });
  }
  const { updated, ...rest } = result;
  return updated.length > 0 ? { ...rest, updated } : rest;
}
