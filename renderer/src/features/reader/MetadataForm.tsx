/** Editing a report's title, published date, source, author and URL (reports.update, validated by the core). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ReportRecord } from '../../../../electron/api';
import type { AppApi } from '../../app/api';
import { useToasts } from '../../ui/Toasts';
import { FormActions } from '../../ui/FormActions';

interface Props {
  api: AppApi;
  report: ReportRecord;
  onDone(next: ReportRecord): void;
  onCancel(): void;
}

export function MetadataForm({ api, report, onDone, onCancel }: Props) {
  const toasts = useToasts();
  const [title, setTitle] = useState(report.title);
  const [date, setDate] = useState(report.publishedAt ?? '');
  const [source, setSource] = useState(report.source ?? '');
  const [author, setAuthor] = useState(report.author ?? '');
  const [url, setUrl] = useState(report.url ?? '');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    first.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const next = await api['reports.update']({ id: report.id, title, publishedAt: date || null, source: source || null, author: author || null, url: url || null });
      onDone(next);
    } catch (err) {
      toasts.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form meta-form" aria-label="Edit report details" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label>
        Title <input ref={first} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
      </label>
      <label>
        Published <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <span className="hint">Leave empty when the report states no date; the import date is kept apart.</span>
      </label>
      <label>
        Source <input value={source} onChange={(e) => setSource(e.target.value)} maxLength={2000} />
      </label>
      <label>
        Author <input value={author} onChange={(e) => setAuthor(e.target.value)} maxLength={500} />
      </label>
      <label>
        URL <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" maxLength={2000} />
      </label>
      <FormActions submit="Save" disabled={busy || !title.trim()} onCancel={onCancel} />
    </form>
  );
}
