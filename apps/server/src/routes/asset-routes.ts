import type { BoardService } from '@talkoot/boards';
import type { UploadAssetResponse } from '@talkoot/protocol';
import { Hono } from 'hono';
import type { AssetService } from '../asset-service.ts';
import { bearerToken } from '../bearer-token.ts';

/** What the asset routes need. */
export interface AssetRouteDeps {
  boards: BoardService;
  assets: AssetService;
}

/**
 * Headers of every served asset. Assets are named by their hash, so they never change
 * (`immutable`), but only members may read them (`private`: no shared cache keeps one). The
 * sandbox CSP and `nosniff` make sure that even a file that slipped past the sniffing is never
 * run as a page or a script, here or in any other page of this origin.
 */
export const ASSET_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'private, max-age=31536000, immutable',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Accept-Ranges': 'bytes',
};

/** The one byte range of a `Range: bytes=…` header within `size` bytes; null if unsatisfiable. */
export function parseRange(header: string, size: number): { start: number; end: number } | null | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: answered with the whole file, as RFC 9110 allows.
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return null;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}

/**
 * Members who may write the canvas: `POST /api/boards/:boardId/assets` with the file as the body
 * (any declared type; the bytes decide) → 201 `{ hash, src, contentType, size }` (200 if the
 * board had it). Any member: `GET /api/boards/:boardId/assets/:hash`, with range requests.
 */
export function assetRoutes(deps: AssetRouteDeps): Hono {
  const app = new Hono();

  app.post('/api/boards/:boardId/assets', async (c) => {
    const { board, member } = await deps.boards.authenticate(c.req.param('boardId'), bearerToken(c));
    // Before the body is read: an observer's upload is refused without taking it in.
    await deps.assets.checkMayUpload(board, member);
    const body = new Uint8Array(await c.req.arrayBuffer());
    const { created, response } = await deps.assets.upload(board, member, body);
    return c.json<UploadAssetResponse>(response, created ? 201 : 200);
  });

  app.get('/api/boards/:boardId/assets/:hash', async (c) => {
    const { board } = await deps.boards.authenticate(c.req.param('boardId'), bearerToken(c));
    const hash = c.req.param('hash');
    const asset = await deps.assets.read(board.id, hash);
    const etag = `"${hash}"`;
    const headers: Record<string, string> = { ...ASSET_HEADERS, 'Content-Type': asset.contentType, ETag: etag };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const size = asset.data.length;
    const rangeHeader = c.req.header('range');
    const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, size);
    if (range === null) {
      return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${size}` });
    }
    if (range) {
      const part = new Uint8Array(asset.data.subarray(range.start, range.end + 1));
      return c.body(part, 206, {
        ...headers,
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        'Content-Length': String(part.length),
      });
    }
    return c.body(new Uint8Array(asset.data), 200, { ...headers, 'Content-Length': String(size) });
  });

  return app;
}
