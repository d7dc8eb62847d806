/**
 * What the content area shows when a view fails to render: an error line and the record's raw
 * text as stored (a note's title and markdown, a report's title and text, an entity's name,
 * aliases and notes), as plain text only, so nothing in it can fail again.
 */
import { useQuery } from '@tanstack/react-query';
import { ViewError } from '../ui/ErrorBoundary';
import type { AppApi } from './api';
import type { Route } from './workspace';

async function rawText(api: AppApi, route: Route): Promise<string | null> {
  switch (route.view) {
    case 'note': {
      const n = await api['notes.get']({ id: route.id });
      return `${n.title}\n\n${n.body}`;
    }
    case 'report': {
      const [r, body] = await Promise.all([api['reports.get']({ id: route.id }), api['reports.body']({ id: route.id })]);
      return `${r.title}\n\n${body.text}`;
    }
    case 'entity': {
      const e = await api['entities.get']({ id: route.id });
      return [e.name, e.aliases.length ? `Aliases: ${e.aliases.join(', ')}` : '', e.notes].filter(Boolean).join('\n\n');
    }
    default:
      return null;
  }
}

const WHAT: Record<Route['view'], string> = { note: 'This note', newNote: 'The new note', report: 'This report', entity: 'This entity', graph: 'The link chart', search: 'The search results', trash: 'The trash', home: 'This page' };

export function RawRecord({ api, route, error, onRetry }: { api: AppApi; route: Route; error: Error; onRetry: () => void }) {
  const id = 'id' in route ? route.id : null;
  const raw = useQuery({ queryKey: ['raw', route.view, id], queryFn: () => rawText(api, route), retry: false });
  const text = raw.data ?? (raw.isError ? `(the text could not be loaded either: ${raw.error.message})` : raw.isLoading ? 'Loading…' : undefined);
  return <ViewError what={WHAT[route.view]} error={error} raw={text ?? undefined} onRetry={onRetry} className="content-error" />;
}
