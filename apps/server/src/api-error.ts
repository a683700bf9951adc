import { BoardError } from '@talkoot/boards';
import { isStorageFull } from '@talkoot/sync';
import type { ErrorBody } from '@talkoot/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An error the HTTP edge turns into a JSON response with a status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: ContentfulStatusCode;
  readonly reason: string;
  readonly issues: ErrorBody['issues'];

  constructor(status: ContentfulStatusCode, reason: string, message: string, issues?: ErrorBody['issues']) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.issues = issues;
  }

  /** 400 from a failed zod parse, listing each problem with its path. */
  static fromZod(error: z.ZodError): ApiError {
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return new ApiError(400, 'invalid-body', `Invalid request body: ${summary}`, issues);
  }
}

const BOARD_ERROR_STATUS: Record<BoardError['reason'], ContentfulStatusCode> = {
  'board-not-found': 404,
  'member-not-found': 404,
  'unknown-join-code': 404,
  unauthorized: 401,
  forbidden: 403,
  'cannot-remove-self': 409,
  'cannot-remove-creator': 403,
};

/** Maps any thrown error to a JSON error response; unknown errors become 500 without details. */
export function errorResponse(error: unknown, c: Context): Response {
  if (error instanceof ApiError) {
    const body: ErrorBody = {
      error: error.reason,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    };
    return c.json(body, error.status);
  }
  if (error instanceof BoardError) {
    const body: ErrorBody = { error: error.reason, message: error.message };
    return c.json(body, BOARD_ERROR_STATUS[error.reason]);
  }
  if (isStorageFull(error)) {
    console.error('[http] the database or disk is full');
    const body: ErrorBody = {
      error: 'storage-full',
      message: 'The server cannot store anything right now: its disk is full.',
    };
    return c.json(body, 507);
  }
  console.error('[http] unexpected error:', error);
  const body: ErrorBody = { error: 'internal', message: 'Something went wrong on the server.' };
  return c.json(body, 500);
}
