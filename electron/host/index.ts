/** Public surface of the browser host (plain Node; importable without Electron). */
export { startHost, checkHostAndOrigin, httpStatusFor, newToken, MAX_BODY_BYTES, DEFAULT_RENDERER_DIR, type HostOptions, type RunningHost } from './server';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers';
export { resolveStatic, mimeType } from './static';
