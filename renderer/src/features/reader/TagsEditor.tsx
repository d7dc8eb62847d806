/**
 * Tags of a report, note or entity: remove with the × button, add with the input. A note's inline
 * `#tags` (`inline`) are part of its text: they show as written in the text, with no × button.
 */
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { sameTag } from '../../../../electron/api';
import { useWorkspace } from '../../app/workspace';
import { useToasts } from '../../ui/Toasts';

export function TagsEditor({ id, tags, invalidate, inline = [] }: { id: string; tags: string[]; invalidate: QueryKey[]; inline?: string[] }) {
  const { api } = useWorkspace();
  const qc = useQueryClient();
  const toasts = useToasts();
  const [draft, setDraft] = useState('');
  const refresh = () => {
    for (const key of [...invalidate, ['tags']]) void qc.invalidateQueries({ queryKey: key });
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const t = draft.trim();
    if (!t) return;
    try {
      await api['tags.add']({ id, tags: [t] });
      setDraft('');
      refresh();
    } catch (err) {
      toasts.error(err);
    }
  };
  const remove = async (t: string) => {
    try {
      await api['tags.remove']({ id, tags: [t] });
      refresh();
    } catch (err) {
      toasts.error(err);
    }
  };
  return (
    <div className="tags-editor">
      <ul className="tags" aria-label="Tags">
        {tags.map((t) =>
          inline.some((x) => sameTag(x, t)) ? (
            <li key={t} className="tag tag-inline" title={`Written in the text as #${t}: delete it there to remove the tag`}>
              #{t}
            </li>
          ) : (
            <li key={t} className="tag">
              {t}
              <button type="button" className="tag-remove" aria-label={`Remove tag ${t}`} onClick={() => void remove(t)}>
                ×
              </button>
            </li>
          ),
        )}
      </ul>
      <form onSubmit={add} className="tag-add">
        <label className="visually-hidden" htmlFor={`tag-add-${id}`}>
          Add a tag
        </label>
        <input id={`tag-add-${id}`} value={draft} placeholder="Add tag…" onChange={(e) => setDraft(e.target.value)} />
      </form>
    </div>
  );
}
