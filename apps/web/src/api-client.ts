import {
  boardMetaSchema,
  clientConfigSchema,
  createBoardResponseSchema,
  errorBodySchema,
  harvestResponseSchema,
  insertTemplateResponseSchema,
  joinResponseSchema,
  promoteNoteResponseSchema,
  rotateFacilitatorLinkResponseSchema,
  seedActionPlanResponseSchema,
  memberInfoSchema,
  membersResponseSchema,
  boardRetentionSchema,
  myVotesSchema,
  voteProgressSchema,
  type VoteProgress,
  rotateJoinCodeResponseSchema,
  sessionResponseSchema,
  templateListResponseSchema,
  type ClientConfig,
  type CreateBoardRequest,
  type CreateBoardResponse,
  type HarvestResponse,
  type InsertTemplateRequest,
  type InsertTemplateResponse,
  type JoinRequest,
  type JoinResponse,
  type PromoteNoteRequest,
  type PromoteNoteResponse,
  type RotateFacilitatorLinkResponse,
  type SeedActionPlanResponse,
  type MemberInfo,
  type MyVotes,
  type RotateJoinCodeResponse,
  type SessionCommand,
  type SessionState,
  type TemplateListResponse,
  type UpdateBoardRequest,
  type BoardRetention,
} from '@talkoot/protocol';
import { fetchForOffline } from './pwa-links.ts';
import { z } from 'zod';

/**
 * `GET /api/boards/:boardId` as this client reads it: the protocol's meta, whose facilitator-only
 * fields (`coFacilitatorUrl`, `leftOutChanges`) are optional, so older servers still parse.
 */
export const boardDetailsSchema = boardMetaSchema;
export type BoardDetails = z.infer<typeof boardDetailsSchema>;

/** `PATCH /api/boards/:boardId` 200 response: the new retention period and when the board goes. */
export type { BoardRetention };

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

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** One JSON call to the API, its answer checked against `schema`; failures as {@link ApiError}. */
export async function request<T>(
  fetchFn: FetchLike,
  path: string,
  init: RequestInit,
  schema: z.ZodType<T>,
): Promise<T> {
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

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A JSON request with a member's token (`POST` unless said otherwise). */
const authedJson = (token: string, body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...bearer(token) },
  body: JSON.stringify(body),
});

/** The HTTP API of the Talkoot server, same origin. */
export interface ApiClient {
  getConfig(): Promise<ClientConfig>;
  /** The methods a board can start from, with their parameters. */
  listTemplates(): Promise<TemplateListResponse['templates']>;
  /** Adds one more method beside what is on the board (facilitators only). */
  insertTemplate(boardId: string, token: string, body: InsertTemplateRequest): Promise<InsertTemplateResponse>;
  /** Copies every world-café table's notes into the café's harvest frame (facilitators only). */
  harvestWorldCafe(boardId: string, token: string, instance: string | undefined): Promise<HarvestResponse>;
  /** Sends a note to a prioritisation as a need, on this board or on `body.target`. */
  promoteNote(boardId: string, token: string, body: PromoteNoteRequest): Promise<PromoteNoteResponse>;
  /** Adds a measure for each of the top `count` notes of the revealed vote (facilitators only). */
  seedActionPlan(boardId: string, token: string, count: number): Promise<SeedActionPlanResponse>;
  createBoard(body: CreateBoardRequest): Promise<CreateBoardResponse>;
  join(body: JoinRequest): Promise<JoinResponse>;
  getBoard(boardId: string, token: string): Promise<BoardDetails>;
  /** Runs a facilitator command; answers with the new session state. */
  sendSessionCommand(boardId: string, token: string, command: SessionCommand): Promise<SessionState>;
  listMembers(boardId: string, token: string): Promise<MemberInfo[]>;
  renameMember(boardId: string, token: string, memberId: string, displayName: string): Promise<MemberInfo>;
  /** Removes a member: their sockets close and their token stops working. */
  removeMember(boardId: string, token: string, memberId: string): Promise<void>;
  /** Mints a new join code; the old one stops working, people already inside stay. */
  rotateJoinCode(boardId: string, token: string): Promise<RotateJoinCodeResponse>;
  /** Mints a new co-facilitator link; the old one stops working at once, people already inside stay. */
  rotateFacilitatorLink(boardId: string, token: string): Promise<RotateFacilitatorLinkResponse>;
  /** Changes how long the board is kept (facilitators only); answers with the new deletion time. */
  updateBoard(boardId: string, token: string, body: UpdateBoardRequest): Promise<BoardRetention>;
  /** Deletes the board and everything on it for good; everyone connected is disconnected. */
  deleteBoard(boardId: string, token: string): Promise<void>;
  /** My own dots in the current vote (observers get 403). */
  getMyVotes(boardId: string, token: string): Promise<MyVotes>;
  /** One more dot on a note; 409 `budget-exhausted` when none are left, 409 `voting-closed`. */
  castVote(boardId: string, token: string, shapeId: string): Promise<MyVotes>;
  /** Takes one dot back from a note. */
  retractVote(boardId: string, token: string, shapeId: string): Promise<MyVotes>;
  /** How many people have voted, of how many can (facilitators only). */
  getVoteProgress(boardId: string, token: string): Promise<VoteProgress>;
}

const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;
const memberPath = (boardId: string, memberId: string) =>
  `${boardPath(boardId)}/members/${encodeURIComponent(memberId)}`;

/** Creates an {@link ApiClient}; `fetchFn` is replaceable for tests. */
export function createApiClient(fetchFn: FetchLike = (input, init) => fetch(input, init)): ApiClient {
  return {
    getConfig: () => request(fetchFn, '/api/config', {}, clientConfigSchema),
    createBoard: (body) => request(fetchFn, '/api/boards', jsonPost(body), createBoardResponseSchema),
    listTemplates: async () => (await request(fetchFn, '/api/templates', {}, templateListResponseSchema)).templates,
    insertTemplate: (boardId, token, body) =>
      request(fetchFn, `${boardPath(boardId)}/templates`, authedJson(token, body), insertTemplateResponseSchema),
    harvestWorldCafe: (boardId, token, instance) =>
      request(
        fetchFn,
        `${boardPath(boardId)}/world-cafe/harvest`,
        authedJson(token, instance === undefined ? {} : { instance }),
        harvestResponseSchema,
      ),
    promoteNote: (boardId, token, body) =>
      request(fetchFn, `${boardPath(boardId)}/promote`, authedJson(token, body), promoteNoteResponseSchema),
    seedActionPlan: (boardId, token, count) =>
      request(
        fetchFn,
        `${boardPath(boardId)}/action-plan/seed`,
        authedJson(token, { count }),
        seedActionPlanResponseSchema,
      ),
    join: (body) => request(fetchFn, '/api/join', jsonPost(body), joinResponseSchema),
    getBoard: (boardId, token) => request(fetchFn, boardPath(boardId), { headers: bearer(token) }, boardDetailsSchema),
    sendSessionCommand: async (boardId, token, command) => {
      const body = await request(
        fetchFn,
        `${boardPath(boardId)}/session`,
        authedJson(token, command),
        sessionResponseSchema,
      );
      return body.state;
    },
    listMembers: async (boardId, token) =>
      (await request(fetchFn, `${boardPath(boardId)}/members`, { headers: bearer(token) }, membersResponseSchema))
        .members,
    renameMember: (boardId, token, memberId, displayName) =>
      request(fetchFn, memberPath(boardId, memberId), authedJson(token, { displayName }, 'PATCH'), memberInfoSchema),
    removeMember: async (boardId, token, memberId) => {
      // 204: no body, which `request` reads as null.
      await request(fetchFn, memberPath(boardId, memberId), { method: 'DELETE', headers: bearer(token) }, z.unknown());
    },
    rotateJoinCode: (boardId, token) =>
      request(
        fetchFn,
        `${boardPath(boardId)}/join-code`,
        { method: 'POST', headers: bearer(token) },
        rotateJoinCodeResponseSchema,
      ),
    rotateFacilitatorLink: (boardId, token) =>
      request(
        fetchFn,
        `${boardPath(boardId)}/facilitator-link/rotate`,
        { method: 'POST', headers: bearer(token) },
        rotateFacilitatorLinkResponseSchema,
      ),
    updateBoard: (boardId, token, body) =>
      request(fetchFn, boardPath(boardId), authedJson(token, body, 'PATCH'), boardRetentionSchema),
    deleteBoard: async (boardId, token) => {
      // 204: no body, which `request` reads as null.
      await request(fetchFn, boardPath(boardId), { method: 'DELETE', headers: bearer(token) }, z.unknown());
    },
    getMyVotes: (boardId, token) =>
      request(fetchFn, `${boardPath(boardId)}/votes`, { headers: bearer(token) }, myVotesSchema),
    castVote: (boardId, token, shapeId) =>
      request(fetchFn, `${boardPath(boardId)}/votes`, authedJson(token, { shapeId }), myVotesSchema),
    getVoteProgress: (boardId, token) =>
      request(fetchFn, `${boardPath(boardId)}/votes/progress`, { headers: bearer(token) }, voteProgressSchema),
    retractVote: (boardId, token, shapeId) =>
      request(
        fetchFn,
        `${boardPath(boardId)}/votes/${encodeURIComponent(shapeId)}`,
        { method: 'DELETE', headers: bearer(token) },
        myVotesSchema,
      ),
  };
}

/**
 * Server reasons that have a message of their own, whatever call failed: they say what to do
 * next better than a message chosen by status would.
 */
const REASON_KEYS = {
  'rate-limited': 'errors.rate-limited',
  'body-too-large': 'errors.body-too-large',
  'forbidden-origin': 'errors.forbidden-origin',
  'cannot-remove-creator': 'errors.cannot-remove-creator',
  'invalid-body': 'errors.invalid-body',
  network: 'errors.network',
} as const;

/** A translation key for a reason of {@link REASON_KEYS}. */
type ReasonKey = (typeof REASON_KEYS)[keyof typeof REASON_KEYS];

const reasonKey = (reason: string): ReasonKey | undefined =>
  Object.hasOwn(REASON_KEYS, reason) ? REASON_KEYS[reason as keyof typeof REASON_KEYS] : undefined;

/** The translation key of the message to show when creating or joining a board failed. */
export function errorMessageKey(error: unknown): ReasonKey | 'errors.unknown-join-code' | 'errors.generic' {
  if (!(error instanceof ApiError)) return 'errors.generic';
  if (error.reason === 'unknown-join-code') return 'errors.unknown-join-code';
  return reasonKey(error.reason) ?? 'errors.generic';
}

/** The translation key of the message to show when a facilitator action failed. */
export function actionErrorKey(error: unknown): ReasonKey | 'errors.forbidden' | 'errors.not-found' | 'errors.generic' {
  if (!(error instanceof ApiError)) return 'errors.generic';
  // By reason first: `cannot-remove-creator` and `forbidden-origin` are 403s that mean more
  // than "facilitators only".
  const byReason = reasonKey(error.reason);
  if (byReason) return byReason;
  if (error.status === 401 || error.status === 403) return 'errors.forbidden';
  if (error.status === 404) return 'errors.not-found';
  return 'errors.generic';
}

/** The app's client for its own server. */
export const apiClient: ApiClient = createApiClient(fetchForOffline);
