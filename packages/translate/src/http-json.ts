import type { z } from 'zod';
import { TranslateError } from './machine-translator.ts';

/** How long one request to the MT server may take. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One HTTP request to the MT server whose answer is JSON checked against `schema`. A network
 * failure or 5xx is `unavailable`, a time-out `timeout`, 429 `rate-limited`, 400/403
 * `refused`, an answer that is not the documented JSON `bad-response`. `errorText` reads the
 * server's own error message out of an error body, for the log.
 */
export async function requestJson<T>(
  url: string,
  init: RequestInit,
  schema: z.ZodType<T>,
  timeoutMs: number,
  errorText: (body: unknown) => string | undefined,
): Promise<T> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    body = await response.text();
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new TranslateError('timeout', `no answer from ${new URL(url).origin} within ${timeoutMs} ms`, {
        cause: error,
      });
    }
    throw new TranslateError('unavailable', `cannot reach ${new URL(url).origin}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const detail = errorText(json) ?? `HTTP ${response.status}`;
    const reason =
      response.status === 429
        ? 'rate-limited'
        : response.status === 400 || response.status === 403
          ? 'refused'
          : 'unavailable';
    throw new TranslateError(reason, `${new URL(url).origin}: ${detail}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new TranslateError('bad-response', `${new URL(url).origin} answered something that is not a translation`);
  }
  return parsed.data;
}
