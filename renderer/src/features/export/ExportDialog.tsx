/** Export notes (chosen, or all) as markdown files into a folder, with wiki or markdown links. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ExportResult } from '../../../../electron/api';
import { useWorkspace } from '../../app/workspace';
import { useToasts } from '../../ui/Toasts';

export function ExportDialogBody({ noteIds, onClose }: { noteIds?: string[]; onClose(): void }) {
  const { api } = useWorkspace();
  const toasts = useToasts();
  const notes = useQuery({ queryKey: ['notes'], queryFn: () => api['notes.list']({}) });
  const [scope, setScope] = useState<'chosen' | 'all'>(noteIds && noteIds.length > 0 ? 'chosen' : 'all');
  const [links, setLinks] = useState<'markdown' | 'wiki'>('markdown');
  const [outDir, setOutDir] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const chosenTitles = (noteIds ?? []).map((id) => notes.data?.find((n) => n.id === id)?.title ?? id);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const res =
        scope === 'chosen' && noteIds && noteIds.length > 0
          ? await api['export.notes']({ noteIds, outDir: outDir.trim(), links })
          : await api['export.all']({ outDir: outDir.trim(), links });
      setResult(res);
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="form-col export-dialog">
      <fieldset>
        <legend>What</legend>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'chosen'} disabled={!noteIds || noteIds.length === 0} onChange={() => setScope('chosen')} />{' '}
          {noteIds && noteIds.length > 0 ? `This note: ${chosenTitles.join(', ')}` : 'This note (open a note first)'}
        </label>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All notes ({notes.data?.length ?? '…'})
        </label>
      </fieldset>
      <fieldset>
        <legend>Links as</legend>
        <label>
          <input type="radio" name="export-links" checked={links === 'markdown'} onChange={() => setLinks('markdown')} /> Markdown links [label](file.md)
        </label>
        <label>
          <input type="radio" name="export-links" checked={links === 'wiki'} onChange={() => setLinks('wiki')} /> Wiki links [[Title]]
        </label>
      </fieldset>
      <label>
        Destination folder (on this computer) <input value={outDir} onChange={(e) => setOutDir(e.target.value)} required placeholder="/home/me/exports" />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !outDir.trim()}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {result ? (
        <div role="status" className="export-result">
          <p>
            Wrote {result.files.length} {result.files.length === 1 ? 'file' : 'files'} to <code>{result.dir}</code>
          </p>
          <ul className="plain-list">
            {result.files.slice(0, 50).map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
