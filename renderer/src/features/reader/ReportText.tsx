/** The report's text as plain text nodes, cut into spans that carry their offsets. */
import { forwardRef, memo, type KeyboardEvent } from 'react';
import { segment, type Span } from './selection';

interface Props {
  text: string;
  spans: Span[];
  onSelect(): void;
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
}

export const ReportText = memo(
  forwardRef<HTMLDivElement, Props>(function ReportText({ text, spans, onSelect, onKeyDown }, ref) {
    const parts = segment(text.length, spans);
    return (
      <div ref={ref} className="report-text" data-testid="report-text" onMouseUp={onSelect} onKeyDown={onKeyDown} tabIndex={0} aria-label="Report text">
        {parts.map((p) =>
          p.classes.length === 0 ? (
            <span key={p.start} data-start={p.start}>
              {text.slice(p.start, p.end)}
            </span>
          ) : (
            <mark key={p.start} data-start={p.start} className={p.classes.join(' ')} title={p.titles.join(', ') || undefined}>
              {text.slice(p.start, p.end)}
            </mark>
          ),
        )}
      </div>
    );
  }),
);
