import { ID_SOURCE } from '../../../../electron/api/ids';
import { citeRe } from '../../../../electron/api/markup';
import { encodeComponent } from '../../ui/uri';

/**
 * What a note's markdown may link to: http(s), mailto, in-page `#…` (Dossier's own links and
 * citations) and `dossier:`. Everything else (javascript:, data:, vbscript:, file:, relative
 * paths) becomes an empty URL, which the preview renders as plain text.
 */
export function safeUrl(url: string): string {
  const u = url.trim();
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const squashed = u.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (u.startsWith('#')) return u;
  if (/^(https?|mailto|dossier):/.test(squashed) && /^(https?|mailto|dossier):/i.test(u)) return u;
  return '';
}

/** The preview's in-page link for a citation (`#cite:r_x:1-9`), made by `dossierMarkupToMarkdown`. */
const CITE_HREF_RE = new RegExp(`^#cite:(${ID_SOURCE.report}):(\\d+)-(\\d+)$`);

/** The report and passage a preview citation link names, or null for any other href. */
export function citeOfHref(href: string): { reportId: string; start: number; end: number } | null {
  const m = CITE_HREF_RE.exec(href);
  return m ? { reportId: m[1] ?? '', start: Number(m[2]), end: Number(m[3]) } : null;
}

/**
 * Dossier's markup made into ordinary markdown links the preview can render:
 * `[[target|label]]` → `[label](#link:target)`, `^cite(r_x:1-9)` → `[↩ cited passage](#cite:r_x:1-9)`.
 * Code spans and fenced blocks are left alone. Targets are encoded so that any text, a lone
 * surrogate included, survives the round trip (see ui/uri.ts).
 */
export function dossierMarkupToMarkdown(body: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) {
      inFence = !inFence;
      out.push(line);
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    const pieces = line.split(/(`[^`]*`)/);
    out.push(
      pieces
        .map((p, i) =>
          i % 2 === 1
            ? p
            : p
                .replace(/(?<!\\)\[\[([^[\]|\n]+?)(?:\|([^[\]\n]*?))?\]\]/g, (_m, target: string, label: string | undefined) => {
                  const text = (label ?? target).trim().replace(/([\\[\]])/g, '\\$1');
                  return `[${text}](#link:${encodeComponent(target.trim())})`;
                })
                .replace(citeRe(), (_m, r: string, a: string, b: string) => `[↩ cited passage](#cite:${r}:${a}-${b})`),
        )
        .join(''),
    );
  }
  return out.join('\n');
}
