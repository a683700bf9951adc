import type { Context } from 'hono';
import type { z } from 'zod';
import { formatJoinCode } from '@talkoot/boards';
import { ApiError } from './api-error.ts';

/** Parses a JSON body with a zod schema; 400 with the problems otherwise. */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid-json', 'The request body must be JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw ApiError.fromZod(parsed.error);
  return parsed.data;
}

/** The public join link of a code, e.g. `https://host/join/K7M-4QX`. */
export function joinUrl(c: Context, publicUrl: string | undefined, joinCode: string): string {
  const base = publicUrl ?? new URL(c.req.url).origin;
  return `${base}/join/${formatJoinCode(joinCode)}`;
}

/** The co-facilitator link of a facilitator code: whoever opens it becomes a facilitator. */
export function coFacilitatorUrl(c: Context, publicUrl: string | undefined, facilitatorCode: string): string {
  return `${publicUrl ?? new URL(c.req.url).origin}/join/${facilitatorCode}`;
}
