// electron-vite: the Electron main process, the preload bridge and the React renderer.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Development server only: Vite injects an inline React Refresh preamble, inline <style> tags and an
// HMR websocket. The built app keeps the strict CSP of renderer/index.html untouched.
const devServerCsp = {
  name: 'dossier-dev-server-csp',
  apply: 'serve' as const,
  transformIndexHtml: (html: string): string =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // core: the notebook core's utility process (electron/main/core-host.ts forks out/main/core.js).
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts'), core: resolve(__dirname, 'electron/main/core-child.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads can require only 'electron': bundle everything else (the zod-free method list, api/methods.ts).
      externalizeDeps: false,
      // CommonJS: a sandboxed preload cannot be an ES module.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), devServerCsp],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
