/**
 * CodeMirror writes its styles into a <style> element (style-mod), which the CSP
 * (`style-src 'self'`, no 'unsafe-inline') blocks. Constructed stylesheets are CSSOM and allowed,
 * so this mirrors the text of such <style> elements into one adopted stylesheet and keeps it in
 * sync. Nothing is injected that did not come from the app's own bundle.
 */
let sheet: CSSStyleSheet | null = null;
let observer: MutationObserver | null = null;

function collect(): string {
  return [...document.head.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
}

function sync(): void {
  if (!sheet) return;
  try {
    sheet.replaceSync(collect());
  } catch {
    /* a browser without constructable stylesheets keeps the unstyled editor */
  }
}

export function mirrorInlineStyles(): void {
  if (observer || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  try {
    sheet = new CSSStyleSheet();
  } catch {
    return;
  }
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  observer = new MutationObserver(sync);
  observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  sync();
}
