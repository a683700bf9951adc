import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Options of {@link renderBoardPng}. */
export interface RenderBoardPngOptions {
  /** Pixels per board unit (default 2, so text stays sharp when zoomed or printed). */
  scale?: number;
  /** Most pixels in the image (default 24 million); a bigger board is drawn at a smaller scale. */
  maxPixels?: number;
  /** Longest a render may take before it is stopped (default 60 s). */
  timeoutMs?: number;
}

/** Rasterising failed: resvg crashed, ran out of time, or the SVG was not one it could read. */
export class BoardImageRenderError extends Error {
  readonly reason = 'render-failed';
  constructor(message: string) {
    super(message);
    this.name = 'BoardImageRenderError';
  }
}

const DEFAULT_SCALE = 2;
const DEFAULT_MAX_PIXELS = 24_000_000;
/** Bounds of `maxPixels`: below, the margin `renderBoardSvg` leaves could shrink under a pixel; above, memory runs out. */
const MIN_PIXELS = 10_000;
const MAX_PIXELS = 100_000_000;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Room for the largest PNG `MAX_PIXELS` can give (uncompressed RGBA plus headers). */
const MAX_OUTPUT_BYTES = MAX_PIXELS * 4 + 1_000_000;
const PROCESS = fileURLToPath(new URL('./png-process.ts', import.meta.url));

/** Size of an SVG from its root element's `width` and `height`, as `renderBoardSvg` writes them. */
function svgSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The zoom that gives `scale` pixels per unit without passing `maxPixels`. */
export function pngZoom(svg: string, options: RenderBoardPngOptions = {}): number {
  const scale =
    options.scale !== undefined && options.scale > 0 && Number.isFinite(options.scale) ? options.scale : DEFAULT_SCALE;
  const maxPixels =
    Math.min(MAX_PIXELS, Math.max(MIN_PIXELS, options.maxPixels ?? DEFAULT_MAX_PIXELS)) || DEFAULT_MAX_PIXELS;
  const size = svgSize(svg);
  if (!size) return scale;
  const pixels = size.width * size.height * scale * scale;
  return pixels <= maxPixels ? scale : Math.sqrt(maxPixels / (size.width * size.height)) * 0.999;
}

const failure = (detail: string) => new BoardImageRenderError(`Could not draw the board image: ${detail}`);

/**
 * Rasterises an SVG made by `renderBoardSvg` into a PNG with resvg, at `scale` pixels per
 * board unit (2 by default), scaled down to stay within `maxPixels`. Fonts come from the
 * bundled Noto files only, never the system, so every machine draws the same image.
 *
 * resvg runs in a short-lived child process: its native binding aborts the process it runs
 * in on an internal panic, which must not take a server and every open room with it. This
 * variant blocks the calling thread until the image is done; a server should use
 * {@link renderBoardPngAsync}. Throws {@link BoardImageRenderError} if drawing fails.
 */
export function renderBoardPng(svg: string, options: RenderBoardPngOptions = {}): Uint8Array {
  try {
    const png = execFileSync(process.execPath, [PROCESS, String(pngZoom(svg, options))], {
      input: svg,
      maxBuffer: MAX_OUTPUT_BYTES,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } catch (error) {
    const { signal, stderr } = error as { signal?: string | null; stderr?: Buffer };
    throw failure(signal ? `renderer stopped (${signal})` : String(stderr ?? error).slice(0, 500));
  }
}

/** {@link renderBoardPng} without blocking: the event loop keeps serving while the child process draws. */
export function renderBoardPngAsync(svg: string, options: RenderBoardPngOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PROCESS, String(pngZoom(svg, options))], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) child.kill();
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // A child that dies before reading all of stdin makes the write fail; its exit reports why.
    child.stdin.on('error', () => {});
    child.on('error', (error) => reject(failure(error.message)));
    child.on('close', (code, signal) => {
      if (code === 0) {
        const png = Buffer.concat(out);
        resolve(new Uint8Array(png.buffer, png.byteOffset, png.byteLength));
      } else {
        reject(failure(signal ? `renderer stopped (${signal})` : Buffer.concat(err).toString().slice(0, 500)));
      }
    });
    child.stdin.end(svg);
  });
}
