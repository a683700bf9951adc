import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';

/**
 * Static files of the built web app. The build writes `file.br` and `file.gz` beside every
 * compressible file (apps/web/build/precompress.ts); this picks one per request from
 * `Accept-Encoding`, so 30 tablets on one venue Wi-Fi pull ~1 MB each instead of ~4 MB, and the
 * server spends no CPU compressing.
 */

/** Encodings the build writes, in the order we prefer them, with their file suffix. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
export type Encoding = (typeof ENCODINGS)[number]['name'];

/** Extensions that have precompressed copies (fonts and images are compressed already). */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.map']);

/** Hashed build output: its name changes with its content, so caches keep it for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, manifests, icons): revalidate every time (cheap with ETag). */
export const REVALIDATE = 'no-cache';

/**
 * The encodings `header` accepts, best first, among `available` (RFC 9110 §12.5.3): `q=0`
 * refuses, `*` stands for every encoding not named, equal weights keep our order (br first).
 */
export function negotiateEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.toLowerCase().split(';');
    const name = rawName?.trim();
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = Number(value);
    }
    weights.set(name, Number.isFinite(q) ? q : 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/** A URL path as a path below the root, or null for anything odd (traversal, dotfiles, NUL). */
function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  return segments.join('/');
}

async function fileSize(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** Whether `If-None-Match` names `etag` (weak comparison, as for GET). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

/**
 * Responds with the file at `urlPath` below `root` (index.html for a directory), in the best
 * encoding the client accepts; null when there is no such file.
 */
export async function serveFile(c: Context, root: string, urlPath: string): Promise<Response | null> {
  const relative = safeRelativePath(urlPath);
  if (relative === null) return null;
  let path = join(root, relative);
  if (relative === '' || urlPath.endsWith('/')) path = join(path, 'index.html');
  let file = await fileSize(path);
  if (!file) return null;

  const headers = new Headers();
  headers.set('Content-Type', getMimeType(path) ?? 'application/octet-stream');
  headers.set('Cache-Control', relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
  if (COMPRESSIBLE.has(extname(path))) {
    // Also on the identity answer: a shared cache must not hand it to a client that takes br.
    headers.set('Vary', 'Accept-Encoding');
    const variants = await Promise.all(
      ENCODINGS.map(async (encoding) => ({ encoding, file: await fileSize(path + encoding.suffix) })),
    );
    const available = variants.filter((variant) => variant.file).map((variant) => variant.encoding.name);
    const chosen = negotiateEncoding(c.req.header('Accept-Encoding'), available);
    const variant = variants.find((candidate) => candidate.encoding.name === chosen);
    if (variant?.file) {
      headers.set('Content-Encoding', variant.encoding.name);
      path += variant.encoding.suffix;
      file = variant.file;
    }
  }
  // Size and time of the bytes sent, so each encoding has its own tag.
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  headers.set('ETag', etag);
  headers.set('Last-Modified', new Date(file.mtimeMs).toUTCString());
  if (matchesEtag(c.req.header('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(file.size));
  if (c.req.method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
