import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import { startTestServer, tempDataDir } from '../testing.ts';
import { IMMUTABLE, negotiateEncoding } from './static-files.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, not fetch: fetch would ask for and undo the compression itself. */
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
  });
}

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i % 37}`))};\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/app-AbC123xy.js"></script></head><body>${'<p>Talkoot</p>'.repeat(200)}</body></html>`;

describe('static files of the built app', () => {
  const data = tempDataDir();
  const webRoot = join(data.dir, 'web');
  let server: RunningServer;

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, 'index.html.br'), brotliCompressSync(INDEX));
    writeFileSync(join(webRoot, 'index.html.gz'), gzipSync(INDEX));
    writeFileSync(join(webRoot, 'assets', 'app-AbC123xy.js'), SCRIPT);
    writeFileSync(join(webRoot, 'assets', 'app-AbC123xy.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(webRoot, 'assets', 'app-AbC123xy.js.gz'), gzipSync(SCRIPT));
    // Only gzip for this one: br must not be claimed for a file that has no .br.
    writeFileSync(join(webRoot, 'assets', 'only-gzip-Zz99.css'), 'body{color:red}'.repeat(100));
    writeFileSync(join(webRoot, 'assets', 'only-gzip-Zz99.css.gz'), gzipSync('body{color:red}'.repeat(100)));
    writeFileSync(join(webRoot, 'assets', 'font-Qq11.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32, 1, 2, 3]));
    writeFileSync(join(webRoot, '.secret'), 'not for the web');
    server = await startTestServer(data.dir, { webRoot });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('sends brotli to a browser that takes it, marked and varied by Accept-Encoding', async () => {
    const response = await rawGet(`${server.url}/assets/app-AbC123xy.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['vary']).toBe('Accept-Encoding');
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip when brotli is refused or unknown, and the plain file when neither is taken', async () => {
    const gzip = await rawGet(`${server.url}/assets/app-AbC123xy.js`, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    const plain = await rawGet(`${server.url}/assets/app-AbC123xy.js`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    // Varied also when sent plain, so no shared cache hands the plain file to everyone.
    expect(plain.headers['vary']).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(SCRIPT);
    const onlyGzip = await rawGet(`${server.url}/assets/only-gzip-Zz99.css`, { 'Accept-Encoding': 'br, gzip' });
    expect(onlyGzip.headers['content-encoding']).toBe('gzip');
  });

  it('caches hashed assets for a year and revalidates the app shell', async () => {
    const asset = await rawGet(`${server.url}/assets/app-AbC123xy.js`, { 'Accept-Encoding': 'br' });
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    const font = await rawGet(`${server.url}/assets/font-Qq11.woff2`, { 'Accept-Encoding': 'br' });
    expect(font.headers['cache-control']).toBe(IMMUTABLE);
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['content-type']).toBe('font/woff2');
    for (const path of ['/', '/index.html', '/b/some-board']) {
      const shell = await rawGet(`${server.url}${path}`, { 'Accept-Encoding': 'br' });
      expect(shell.status, path).toBe(200);
      expect(shell.headers['cache-control'], path).toBe('no-cache');
      expect(shell.headers['content-encoding'], path).toBe('br');
      expect(shell.headers['content-security-policy'], path).toContain("default-src 'self'");
      expect(brotliDecompressSync(shell.body).toString(), path).toBe(INDEX);
    }
  });

  it('answers a revalidation with 304 and no body, per encoding', async () => {
    const first = await rawGet(`${server.url}/b/some-board`, { 'Accept-Encoding': 'br' });
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await rawGet(`${server.url}/b/other-board`, { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    // The gzip copy is another representation with its own tag.
    const gzip = await rawGet(`${server.url}/`, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['etag']).not.toBe(etag);
  });

  it('answers HEAD with the length of what GET would send', async () => {
    const head = await rawGet(`${server.url}/assets/app-AbC123xy.js`, { 'Accept-Encoding': 'br' }, 'HEAD');
    const body = await rawGet(`${server.url}/assets/app-AbC123xy.js`, { 'Accept-Encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(body.body.length));
  });

  it('answers a missing chunk with 404, not the app shell, and never serves dotfiles or escapes the root', async () => {
    const missing = await rawGet(`${server.url}/assets/gone-Old12345.js`);
    expect(missing.status).toBe(404);
    for (const path of ['/.secret', '/%2e%2e/package.json', '/assets/..%2f..%2findex.html']) {
      const response = await rawGet(`${server.url}${path}`);
      expect(response.body.toString(), path).not.toContain('not for the web');
      expect(response.body.toString(), path).not.toContain('"name"');
    }
  });
});

describe('negotiateEncoding', () => {
  const both = ['br', 'gzip'] as const;
  it('prefers brotli at equal weight and honours q-values, * and q=0', () => {
    expect(negotiateEncoding('gzip, deflate, br', both)).toBe('br');
    expect(negotiateEncoding('br;q=0.5, gzip', both)).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0', both)).toBeNull();
    expect(negotiateEncoding('*', both)).toBe('br');
    expect(negotiateEncoding('*;q=0, gzip', both)).toBe('gzip');
    expect(negotiateEncoding('identity', both)).toBeNull();
    expect(negotiateEncoding(undefined, both)).toBeNull();
    expect(negotiateEncoding('BR', ['gzip'])).toBeNull();
    expect(negotiateEncoding(' GZIP ; q=0.8 ', both)).toBe('gzip');
  });
});
