import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The Node server serves `dist/` in production and embeds Vite in middleware mode in
// development, so the API and the sync websocket are always same-origin.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // @tldraw/assets is a directory of fonts, icons and translations imported with `?url`;
  // pre-bundling it would break those imports.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // tldraw alone is about 2 MB minified; the default 500 kB warning would fire on every build.
    chunkSizeWarningLimit: 4096,
    // Never inline assets as data: URLs: tldraw fetch()es its translation files, and the
    // server's Content-Security-Policy (connect-src 'self') rightly refuses data: URLs.
    assetsInlineLimit: 0,
  },
});
