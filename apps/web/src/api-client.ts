import {
  boardMetaSchema,
  clientConfigSchema,
  createBoardResponseSchema,
  errorBodySchema,
  joinResponseSchema,
  type BoardMeta,
  type ClientConfig,
  type CreateBoardRequest,
  type CreateBoardResponse,
  type JoinRequest,
  type JoinResponse,
} from '@talkoot/protocol';
import type { z } from 'zod';

/**
 * A failed API call. `reason` is the server's machine-readable `error` (e.g. `unknown-join-code`),
 * or `network` when the server could not be reached, or `bad-response` when it answered nonsense.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.reason = reason;
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

async function request<T>(fetchFn: FetchLike, path: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(path, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    throw parsed.success
      ? new ApiError(response.status, parsed.data.error, parsed.data.message)
      : new ApiError(response.status, 'http-' + response.status, response.statusText);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(response.status, 'bad-response', parsed.error.message);
  return parsed.data;
}

const jsonPost = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** The HTTP API of the Talkoot server, same origin. */
export interface ApiClient {
  getConfig(): Promise<ClientConfig>;
  createBoard(body: CreateBoardRequest): Promise<CreateBoardResponse>;
  join(body: JoinRequest): Promise<JoinResponse>;
  getBoard(boardId: string, token: string): Promise<BoardMeta>;
}

/** Creates an {@link ApiClient}; `fetchFn` is replaceable for tests. */
export function createApiClient(fetchFn: FetchLike = (input, init) => fetch(input, init)): ApiClient {
  return {
    getConfig: () => request(fetchFn, '/api/config', {}, clientConfigSchema),
    createBoard: (body) => request(fetchFn, '/api/boards', jsonPost(body), createBoardResponseSchema),
    join: (body) => request(fetchFn, '/api/join', jsonPost(body), joinResponseSchema),
    getBoard: (boardId, token) =>
      request(
        fetchFn,
        `/api/boards/${encodeURIComponent(boardId)}`,
        { headers: { Authorization: `Bearer ${token}` } },
        boardMetaSchema,
      ),
  };
}

/** The translation key of the message to show when creating or joining a board failed. */
export function errorMessageKey(
  error: unknown,
): 'errors.unknown-join-code' | 'errors.invalid-body' | 'errors.network' | 'errors.generic' {
  if (!(error instanceof ApiError)) return 'errors.generic';
  switch (error.reason) {
    case 'unknown-join-code':
      return 'errors.unknown-join-code';
    case 'invalid-body':
      return 'errors.invalid-body';
    case 'network':
      return 'errors.network';
    default:
      return 'errors.generic';
  }
}

/** The app's client for its own server. */
export const apiClient: ApiClient = createApiClient();
