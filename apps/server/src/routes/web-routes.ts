import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveFile } from './static-files.ts';

/**
 * Content-Security-Policy for the built app: everything from our own origin, so a
 * browser refuses any request to a third party (fonts, icons, analytics, CDNs).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built web app from `root` with an SPA fallback to index.html. Files are read on
 * every request (a rebuild is served at once); `/assets/*` is hashed and cached for good,
 * everything else is revalidated with its ETag (see static-files.ts).
 */
export function webRoutes(root: string): Hono {
  const app = new Hono();
  const built = () => existsSync(join(root, 'index.html'));
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.on(['GET', 'HEAD'], '*', async (c) => {
    if (!built()) {
      return c.text('The web app is not built. Run `pnpm build` (or `pnpm start`, which builds it).', 503);
    }
    const file = await serveFile(c, root, c.req.path);
    if (file) return file;
    // A missing chunk is a 404, not the app shell: the page notices and reloads (pwa-links.ts).
    if (c.req.path.startsWith('/assets/')) return c.text('Not found', 404, { 'Cache-Control': 'no-cache' });
    return (await serveFile(c, root, '/index.html')) ?? c.text('Not found', 404);
  });
  return app;
}
