import type { ExportFormat, Language } from '@talkoot/protocol';
import { ApiError } from '../api-client.ts';

/** What to export. */
export interface ExportRequest {
  format: ExportFormat;
  language: Language;
  /** Show people's display names (default: counts only). */
  names: boolean;
  /** Only this frame, for an image. */
  frameId?: string;
}

/** The export's URL: the same one automation uses with a facilitator's token. */
export function exportUrl(boardId: string, request: ExportRequest): string {
  const query = new URLSearchParams({
    format: request.format,
    lang: request.language,
    names: request.names ? '1' : '0',
  });
  if (request.frameId) query.set('frame', request.frameId);
  return `/api/boards/${encodeURIComponent(boardId)}/export?${query.toString()}`;
}

/** The file name the server chose (`Content-Disposition`), preferring the UTF-8 `filename*`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads an export with the facilitator's token, reporting progress (0–1, or null while the
 * server is still building it or sends no length), and returns the file.
 */
export async function downloadExport(
  boardId: string,
  token: string,
  request: ExportRequest,
  onProgress: (fraction: number | null) => void,
  signal?: AbortSignal,
): Promise<{ blob: Blob; fileName: string }> {
  onProgress(null);
  let response: Response;
  try {
    response = await fetch(exportUrl(boardId, request), {
      headers: { Authorization: `Bearer ${token}` },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string; message?: string } | null;
    throw new ApiError(response.status, body?.error ?? `http-${response.status}`, body?.message ?? response.statusText);
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(total > 0 ? Math.min(1, received / total) : null);
    }
  }
  onProgress(1);
  const fileName = fileNameOf(response.headers.get('content-disposition'), `talkoot.${request.format}`);
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName };
}

/** Hands a file to the browser's downloads. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
