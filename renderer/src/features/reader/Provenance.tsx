/**
 * What an import kept about where a report came from, beyond source/date/author: the item's own
 * link (as text: never opened or fetched from here), the format's fields (channel, views, sender,
 * recipients, document dates…), and a notice when the text was recognised by OCR.
 */
import { OCR_LANGUAGE_NAMES, type ReportRecord } from '../../../../electron/api';

const SHOWN_ELSEWHERE = new Set(['Author', 'Link']);

export function Provenance({ report }: { report: ReportRecord }) {
  const fields = (report.fields ?? []).filter((f) => !SHOWN_ELSEWHERE.has(f.label) && f.label !== 'Text from');
  const ocr = report.ocr;
  if (!report.link && fields.length === 0 && !ocr) return null;
  const langs = ocr?.languages.map((l) => OCR_LANGUAGE_NAMES[l as keyof typeof OCR_LANGUAGE_NAMES] ?? l).join(', ');
  return (
    <>
      {ocr ? (
        <p className="ocr-notice" role="note">
          The text of this report was recognised by OCR ({langs}; mean confidence {ocr.confidence}%). Check quotes against the original image.
        </p>
      ) : null}
      <details className="provenance">
        <summary>Provenance ({report.format})</summary>
        <dl className="meta">
          {report.link ? (
            <div>
              <dt>Link</dt>
              <dd>
                <span className="source-text">{report.link}</span>
              </dd>
            </div>
          ) : null}
          {fields.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
          <div>
            <dt>Original</dt>
            <dd>{report.originalName}</dd>
          </div>
        </dl>
      </details>
    </>
  );
}
