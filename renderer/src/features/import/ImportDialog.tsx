/**
 * Import: paths on this machine (run in the background with reports.importStart, polled for progress
 * over files and over the posts/pages inside a big file, cancellable), or files chosen with the
 * picker / dropped here, uploaded one file per request through `reports.importFiles` (upload.ts:
 * each file within the 50 MB limit, succeeding or failing on its own).
 * The OCR languages are a setting kept in this browser profile.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { formatMegabytes, IMPORT_EXTENSIONS, OCR_LANGUAGE_NAMES, type ImportJobStatus, type ImportResult, type OcrLanguage } from '../../../../electron/api';
import { useWorkspace } from '../../app/workspace';
import { useToasts } from '../../ui/Toasts';
import { ImportSummary } from './ImportSummary';
import { EMPTY_RESULT as EMPTY, uploadEach } from './upload';

const POLL_MS = 250;
const OCR_SETTING = 'dossier.ocrLanguages';
const ACCEPT = IMPORT_EXTENSIONS.join(',');

/** The OCR languages setting (English by default), kept in this profile's local storage. */
export function loadOcrLanguages(): OcrLanguage[] {
  try {
    const saved = JSON.parse(localStorage.getItem(OCR_SETTING) ?? '[]') as unknown;
    const valid = Array.isArray(saved) ? saved.filter((l): l is OcrLanguage => typeof l === 'string' && l in OCR_LANGUAGE_NAMES) : [];
    return valid.length > 0 ? valid : ['eng'];
  } catch {
    return ['eng'];
  }
}

function saveOcrLanguages(langs: OcrLanguage[]): void {
  try {
    localStorage.setItem(OCR_SETTING, JSON.stringify(langs));
  } catch {
    // private mode: the choice lasts for this dialog only
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function ImportDialogBody({ onClose }: { onClose(): void }) {
  const ws = useWorkspace();
  const { api } = ws;
  const qc = useQueryClient();
  const toasts = useToasts();
  const [paths, setPaths] = useState('');
  const [tags, setTags] = useState('');
  const [progress, setProgress] = useState<{
    done: number;
    total: number;
    items?: { done: number; total: number | null } | null;
    /** Uploads: bytes sent of all chosen files, and the file being sent. */
    bytes?: { done: number; total: number; current: string | null };
  } | null>(null);
  const [ocrLanguages, setOcrLanguages] = useState<OcrLanguage[]>(loadOcrLanguages);
  const jobId = useRef<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const cancelled = useRef(false);
  const toggleLanguage = (lang: OcrLanguage, on: boolean) => {
    const next = on ? [...new Set([...ocrLanguages, lang])] : ocrLanguages.filter((l) => l !== lang);
    const langs = next.length > 0 ? next : ocrLanguages;
    setOcrLanguages(langs);
    saveOcrLanguages(langs);
  };
  const tagList = tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

  const finish = (res: ImportResult) => {
    setResult(res);
    setProgress(null);
    void qc.invalidateQueries({ queryKey: ['reports'] });
    void qc.invalidateQueries({ queryKey: ['tags'] });
    void qc.invalidateQueries({ queryKey: ['graph'] });
    // Imports may create entities (a Telegram channel) and tag them on their posts.
    void qc.invalidateQueries({ queryKey: ['entities'] });
    void qc.invalidateQueries({ queryKey: ['entity'] });
  };

  const importPaths = async (e: FormEvent) => {
    e.preventDefault();
    const list = paths
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (list.length === 0) return;
    setResult(null);
    setProgress({ done: 0, total: list.length });
    try {
      finish(await runInBackground(list));
    } catch (err) {
      toasts.error(err);
      finish(EMPTY);
    }
  };

  /** One background job for all the paths; polled until it ends, cancelled with the Cancel button. */
  const runInBackground = async (list: string[]): Promise<ImportResult> => {
    let status: ImportJobStatus = await api['reports.importStart']({ paths: list, tags: tagList, ocrLanguages });
    jobId.current = status.jobId;
    try {
      while (status.state === 'running') {
        setProgress({ done: status.files.done, total: Math.max(status.files.total, 1), items: status.items });
        await sleep(POLL_MS);
        status = await api['reports.importStatus']({ jobId: status.jobId });
      }
    } finally {
      jobId.current = null;
    }
    if (status.state === 'failed' && status.error) throw status.error;
    if (status.state === 'cancelled') toasts.info('Import cancelled; everything listed as imported is saved.');
    return status.result ?? EMPTY;
  };

  const cancel = () => {
    cancelled.current = true;
    if (jobId.current) void api['reports.importCancel']({ jobId: jobId.current }).catch(toasts.error);
  };

  const uploadFiles = async () => {
    if (chosen.length === 0) return;
    cancelled.current = false;
    setResult(null);
    setProgress({ done: 0, total: chosen.length });
    const res = await uploadEach(chosen, (file) => api['reports.importFiles']({ files: [file], tags: tagList, ocrLanguages }), {
      isCancelled: () => cancelled.current,
      onProgress: (p) => setProgress({ done: p.filesDone, total: p.files, bytes: { done: p.bytesDone, total: p.bytes, current: p.current } }),
    });
    if (cancelled.current) toasts.info('Import cancelled; everything listed as imported is saved.');
    finish(res);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    setChosen([...e.dataTransfer.files]);
  };

  return (
    <div className="import-dialog">
      <section aria-labelledby="import-files-title">
        <h3 id="import-files-title">Files from this computer</h3>
        <div
          className={`dropzone ${dragging ? 'dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>
            Drop files here: text, Markdown, HTML, PDF (scans are read by OCR), Word, OpenDocument, RTF, EPUB, e-mail (.eml, .mbox), saved pages (.mhtml),
            Telegram exports (result.json, messages.html) and images. Or
          </p>
          <div className="button-row">
            <label className="file-button">
              Choose files…
              <input type="file" multiple accept={ACCEPT} onChange={(e) => setChosen([...(e.target.files ?? [])])} />
            </label>
            <label className="file-button">
              Choose a folder…
              <input type="file" multiple {...{ webkitdirectory: '' }} onChange={(e) => setChosen([...(e.target.files ?? [])])} />
            </label>
          </div>
          {chosen.length > 0 ? <p role="status">{chosen.length} files chosen.</p> : null}
        </div>
        <button type="button" className="primary" disabled={chosen.length === 0 || progress !== null} onClick={() => void uploadFiles()}>
          Import {chosen.length || ''} files
        </button>
      </section>
      <form onSubmit={importPaths} aria-labelledby="import-paths-title">
        <h3 id="import-paths-title">Paths on this computer</h3>
        <label>
          Files or folders, one per line
          <textarea rows={3} value={paths} onChange={(e) => setPaths(e.target.value)} placeholder="/home/me/reports" />
        </label>
        <label>
          Tags for the imported reports (comma-separated) <input value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <fieldset className="ocr-options">
          <legend>Settings: OCR languages for images and scanned PDFs</legend>
          {(Object.keys(OCR_LANGUAGE_NAMES) as OcrLanguage[]).map((lang) => (
            <label key={lang}>
              <input type="checkbox" checked={ocrLanguages.includes(lang)} onChange={(e) => toggleLanguage(lang, e.target.checked)} /> {OCR_LANGUAGE_NAMES[lang]}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!paths.trim() || progress !== null}>
            Import
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      {progress ? (
        <div className="progress-row">
          {progress.items && progress.total === 1 ? (
            progress.items.total ? (
              <progress max={progress.items.total} value={progress.items.done} aria-label="Import progress" />
            ) : (
              <progress aria-label="Import progress" />
            )
          ) : progress.bytes && progress.bytes.total > 0 ? (
            <progress max={progress.bytes.total} value={progress.bytes.done} aria-label="Import progress" />
          ) : (
            <progress max={progress.total} value={progress.done} aria-label="Import progress" />
          )}
          <span>
            {progress.items && progress.total === 1
              ? `${progress.items.done.toLocaleString()}${progress.items.total ? ` / ${progress.items.total.toLocaleString()}` : ''} items`
              : progress.bytes
                ? `${progress.done} / ${progress.total} files, ${formatMegabytes(progress.bytes.done)} of ${formatMegabytes(progress.bytes.total)}${progress.bytes.current ? `: ${progress.bytes.current}` : ''}`
                : `${progress.done} / ${progress.total} files`}
          </span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : null}
      {result ? (
        <ImportSummary
          result={result}
          onOpen={(id) => {
            onClose();
            ws.open({ view: 'report', id });
          }}
        />
      ) : null}
    </div>
  );
}
