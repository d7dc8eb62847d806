/**
 * Import: paths on this machine (reports.import; the host runs on this computer), or files chosen
 * with the picker / dropped here, uploaded in batches through `reports.importFiles`; a backend
 * without that method gets a note on how to import them instead.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { ImportResult } from '../../../../electron/api';
import { optional, type FileUpload } from '../../app/api';
import { useWorkspace } from '../../app/workspace';
import { useToasts } from '../../ui/Toasts';
import { ImportSummary } from './ImportSummary';

const BATCH = 8;

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function merge(a: ImportResult, b: ImportResult): ImportResult {
  return { imported: [...a.imported, ...b.imported], duplicates: [...a.duplicates, ...b.duplicates], failed: [...a.failed, ...b.failed] };
}

const EMPTY: ImportResult = { imported: [], duplicates: [], failed: [] };

export function ImportDialogBody({ onClose }: { onClose(): void }) {
  const ws = useWorkspace();
  const { api } = ws;
  const qc = useQueryClient();
  const toasts = useToasts();
  const [paths, setPaths] = useState('');
  const [tags, setTags] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const cancelled = useRef(false);
  const upload = optional(api, 'reports.importFiles');
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
  };

  const importPaths = async (e: FormEvent) => {
    e.preventDefault();
    const list = paths
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (list.length === 0) return;
    cancelled.current = false;
    let res = EMPTY;
    setResult(null);
    setProgress({ done: 0, total: list.length });
    for (let i = 0; i < list.length && !cancelled.current; i++) {
      try {
        res = merge(res, await api['reports.import']({ paths: [list[i] ?? ''], tags: tagList }));
      } catch (err) {
        const shape = err as { code?: string; message?: string };
        res = merge(res, { ...EMPTY, failed: [{ path: list[i] ?? '', error: { code: (shape.code ?? 'INTERNAL') as 'INTERNAL', message: shape.message ?? String(err) } }] });
      }
      setProgress({ done: i + 1, total: list.length });
    }
    finish(res);
  };

  const uploadFiles = async () => {
    if (!upload || chosen.length === 0) return;
    cancelled.current = false;
    let res = EMPTY;
    setResult(null);
    setProgress({ done: 0, total: chosen.length });
    try {
      for (let i = 0; i < chosen.length && !cancelled.current; i += BATCH) {
        const batch = chosen.slice(i, i + BATCH);
        const files: FileUpload[] = await Promise.all(batch.map(async (f) => ({ name: f.webkitRelativePath || f.name, base64: toBase64(await f.arrayBuffer()) })));
        res = merge(res, await upload({ files, tags: tagList }));
        setProgress({ done: Math.min(chosen.length, i + BATCH), total: chosen.length });
      }
    } catch (err) {
      toasts.error(err);
    }
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
          <p>Drop .txt, .md, .html or .pdf files here, or</p>
          <div className="button-row">
            <label className="file-button">
              Choose files…
              <input type="file" multiple accept=".txt,.md,.markdown,.html,.htm,.pdf" onChange={(e) => setChosen([...(e.target.files ?? [])])} />
            </label>
            <label className="file-button">
              Choose a folder…
              <input type="file" multiple {...{ webkitdirectory: '' }} onChange={(e) => setChosen([...(e.target.files ?? [])])} />
            </label>
          </div>
          {chosen.length > 0 ? <p role="status">{chosen.length} files chosen.</p> : null}
        </div>
        {upload ? (
          <button type="button" className="primary" disabled={chosen.length === 0 || progress !== null} onClick={() => void uploadFiles()}>
            Import {chosen.length || ''} files
          </button>
        ) : (
          <p className="notice" role="note">
            Import from this computer is available in the desktop app; in the browser mode use <code>dossier import PATH</code>, or type the file or folder
            paths below.
          </p>
        )}
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
          <progress max={progress.total} value={progress.done} aria-label="Import progress" />
          <span>
            {progress.done} / {progress.total}
          </span>
          <button type="button" onClick={() => (cancelled.current = true)}>
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
