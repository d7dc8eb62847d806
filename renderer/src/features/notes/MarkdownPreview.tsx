/**
 * The note preview: react-markdown with raw HTML skipped and a strict urlTransform. No link in it
 * is a live anchor to the outside: Dossier links open records, citations open the report at the
 * quoted passage, web links go through the desktop's confirm-and-open (or nothing in the browser).
 */
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import { decodeComponent } from '../../ui/uri';
import { citeOfHref, dossierMarkupToMarkdown, safeUrl } from './urls';

export interface PreviewHandlers {
  onLink(target: string): void;
  onCite(reportId: string, start: number, end: number): void;
  onExternal?(url: string): void;
  /** A `[[link]]` target that resolves to nothing: styled apart; clicking it creates the note. */
  isUnresolved?(target: string): boolean;
}

export function MarkdownPreview({ body, handlers }: { body: string; handlers: PreviewHandlers }) {
  const components: Components = {
    a: ({ href, children }) => <PreviewLink href={href ?? ''} handlers={handlers}>{children}</PreviewLink>,
    img: ({ alt }) => <span className="img-placeholder">[image{alt ? `: ${alt}` : ''}]</span>,
  };
  return (
    <div className="markdown-preview">
      <ReactMarkdown skipHtml urlTransform={safeUrl} components={components}>
        {dossierMarkupToMarkdown(body)}
      </ReactMarkdown>
    </div>
  );
}

function PreviewLink({ href, handlers, children }: { href: string; handlers: PreviewHandlers; children: ReactNode }) {
  if (href.startsWith('#link:')) {
    const target = decodeComponent(href.slice(6));
    const missing = handlers.isUnresolved?.(target) ?? false;
    return (
      <button
        type="button"
        className={missing ? 'wikilink wikilink-missing' : 'wikilink'}
        title={missing ? `Nothing is called “${target}” yet: click to create the note` : undefined}
        onClick={() => handlers.onLink(target)}
      >
        {children}
      </button>
    );
  }
  const cite = citeOfHref(href);
  if (cite) {
    return (
      <button type="button" className="citation" onClick={() => handlers.onCite(cite.reportId, cite.start, cite.end)}>
        {children}
      </button>
    );
  }
  if (/^(https?:|mailto:)/i.test(href)) {
    return (
      <button type="button" className="external-link" title={href} onClick={() => handlers.onExternal?.(href)}>
        {children}
      </button>
    );
  }
  return <span className="dead-link">{children}</span>;
}
