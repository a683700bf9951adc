/**
 * Writes `file.br` and `file.gz` beside every compressible file of a built app, once at build
 * time at the highest levels, so the server streams them as they are (see the server's
 * static-files.ts) instead of compressing on every request. Usage:
 * `node build/precompress.ts dist` (part of `pnpm build`).
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats that compress; fonts (woff2) and images are compressed already. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml|map)$/;
/** Below this a compressed copy saves less than a TCP packet. */
export const MIN_BYTES = 1024;

export interface PrecompressResult {
  file: string;
  bytes: number;
  br: number;
  gzip: number;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Compresses one file; a compressed copy that is not smaller is not written. */
async function precompressFile(file: string): Promise<PrecompressResult> {
  const data = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzipAsync(data, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < data.length) await writeFile(`${file}.br`, br);
  if (gz.length < data.length) await writeFile(`${file}.gz`, gz);
  return { file, bytes: data.length, br: br.length, gzip: gz.length };
}

/** Precompresses every compressible file under `dir` that is at least {@link MIN_BYTES}. */
export async function precompressDirectory(dir: string): Promise<PrecompressResult[]> {
  const files: string[] = [];
  for await (const file of walk(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    if ((await stat(file)).size < MIN_BYTES) continue;
    files.push(file);
  }
  return Promise.all(files.map(precompressFile));
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node build/precompress.ts <dir>');
    process.exit(2);
  }
  const results = await precompressDirectory(dir);
  const sum = (key: 'bytes' | 'br' | 'gzip') => results.reduce((total, result) => total + result[key], 0);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(
    `precompress: ${results.length} files, ${kb(sum('bytes'))} → brotli ${kb(sum('br'))}, gzip ${kb(sum('gzip'))}`,
  );
}
