/**
 * The one Content-Security-Policy of every front door: the desktop window's session headers, the
 * browser host's responses and renderer/index.html's meta tag (checked by a test). The app's own
 * origin only: no inline script or style, no plugins, no framing, no remote anything.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
