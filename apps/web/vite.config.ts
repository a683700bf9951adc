import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { webManifests } from './build/manifests.ts';
import { serviceWorkerOptions } from './build/service-worker.ts';

// The Node server serves `dist/` in production and embeds Vite in middleware mode in
// development, so the API and the sync websocket are always same-origin. `pnpm build` then
// precompresses dist/ (build/precompress.ts); the server picks the encoding per request.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), webManifests(), VitePWA(serviceWorkerOptions)],
  // @tldraw/assets is a directory of fonts, icons and translations imported with `?url`;
  // pre-bundling it would break those imports.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The canvas chunk (tldraw) is about 2.7 MB minified, ~600 kB brotli; only board pages load it.
    chunkSizeWarningLimit: 4096,
    // Never inline assets as data: URLs: tldraw fetch()es its translation files, and the
    // server's Content-Security-Policy (connect-src 'self') rightly refuses data: URLs.
    assetsInlineLimit: 0,
    // Lets the benchmark and the tests check which chunks each page needs.
    manifest: true,
  },
});
