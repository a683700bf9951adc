import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_AUDIO_BYTES, MAX_IMAGE_BYTES } from '@talkoot/protocol';
import { ApiError } from './api-error.ts';

/** Largest request body of an API call unless {@link BODY_LIMITS} says otherwise: 64 KiB. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Calls that need more than {@link DEFAULT_BODY_LIMIT}: session commands carry a whole
 * agenda (50 steps of up to 2,000 characters of instructions, up to 3 bytes each in UTF-8)
 * or up to 500 shape ids to redact, so 512 KiB. An uploaded photo or recording may be as large as
 * the asset store takes (its own limits per type are checked after sniffing).
 */
export const BODY_LIMITS: readonly { method: string; path: RegExp; maxBytes: number }[] = [
  { method: 'POST', path: /^\/api\/boards\/[^/]+\/session$/, maxBytes: 512 * 1024 },
  { method: 'POST', path: /^\/api\/boards\/[^/]+\/assets$/, maxBytes: Math.max(MAX_IMAGE_BYTES, MAX_AUDIO_BYTES) },
];

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

function limitFor(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body is never read: the connection closes after this answer.
      c.header('Connection', 'close');
      throw new ApiError(413, 'body-too-large', `The request body is larger than ${kib(maxBytes)}.`);
    },
  });
}

/**
 * Limits every API request's body, applied once before every route: a declared
 * `Content-Length` over the limit is refused with 413 before a byte of the body is read,
 * and a body sent without one (chunked) is read only up to the limit and then refused, so
 * no route (nor its role check) ever holds more than the limit in memory.
 */
export function apiBodyLimit(): MiddlewareHandler {
  const byDefault = limitFor(DEFAULT_BODY_LIMIT);
  const special = BODY_LIMITS.map((rule) => ({ ...rule, limit: limitFor(rule.maxBytes) }));
  return (c, next) => {
    const rule = special.find((r) => r.method === c.req.method && r.path.test(c.req.path));
    return (rule?.limit ?? byDefault)(c, next);
  };
}
