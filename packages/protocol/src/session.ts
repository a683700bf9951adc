import { docNames } from './doc-names.ts';
import { z } from 'zod';

/**
 * Server-owned workshop state: one JSON value under key `state` of the Y.Map `session` in
 * the board's session document (`/sync/<boardId>/session`). Every client can read it; only
 * the server writes it, in answer to a facilitator's {@link SessionCommand}.
 */
export const SESSION_MAP = 'session';
export const SESSION_STATE_KEY = 'state';

/** The shared countdown. `endsAt` is server time (epoch ms) while running. */
export const timerStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle'), durationMs: z.number().int().nonnegative() }),
  z.object({ status: z.literal('running'), durationMs: z.number().int().nonnegative(), endsAt: z.number() }),
  z.object({
    status: z.literal('paused'),
    durationMs: z.number().int().nonnegative(),
    remainingMs: z.number().int().nonnegative(),
  }),
]);
export type TimerState = z.infer<typeof timerStateSchema>;

/** One step of the agenda, e.g. "Silent writing, 5 min". */
export const agendaStepSchema = z.strictObject({
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(120),
  instructions: z.string().max(2000).default(''),
  durationMinutes: z.number().int().min(0).max(600).optional(),
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

/** Dot voting as everyone sees it. Who voted for what is never published (anonymous). */
export const votingStateSchema = z.object({
  status: z.enum(['closed', 'open', 'revealed']),
  budget: z.number().int().min(1).max(50),
  /** Votes per shape id, only once revealed. */
  results: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  /**
   * The frame the vote is limited to (only notes inside it can get dots, the server checks);
   * null or absent (older documents): every note of the board.
   */
  frameId: z.string().nullable().optional(),
});
export type VotingState = z.infer<typeof votingStateSchema>;

/** Suggested tables for a world-café round, set when the facilitator moves to that round. */
export const seatingSchema = z.object({
  /** The agenda step (a round) the suggestion is for. */
  stepId: z.string(),
  round: z.number().int().min(1),
  /** Member id → table number (1-based). Members who joined later are not in it. */
  seats: z.record(z.string(), z.number().int().min(1)),
});
export type Seating = z.infer<typeof seatingSchema>;

/** Longest texts of the strategy document's own fields. */
export const DOCUMENT_INFO_LIMITS = { line: 200, version: 20, text: 5000 } as const;

/**
 * What the facilitator writes for the strategy document itself: its cover (title, organiser,
 * date and place of the workshop, status and version) and the texts an official needs that the
 * board cannot give (an executive summary, the limits of how representative the workshop
 * was, conclusions and next steps). Empty fields are left out of the document or filled in
 * from the board (the board's title, a summary made of the ranking).
 */
const documentInfoFields = {
  title: z.string().trim().max(DOCUMENT_INFO_LIMITS.line),
  organiser: z.string().trim().max(DOCUMENT_INFO_LIMITS.line),
  /** The workshop's day, `YYYY-MM-DD`, or empty. */
  date: z.union([z.literal(''), z.iso.date()]),
  place: z.string().trim().max(DOCUMENT_INFO_LIMITS.line),
  status: z.enum(['draft', 'final']),
  version: z.string().trim().max(DOCUMENT_INFO_LIMITS.version),
  summary: z.string().trim().max(DOCUMENT_INFO_LIMITS.text),
  representativeness: z.string().trim().max(DOCUMENT_INFO_LIMITS.text),
  conclusions: z.string().trim().max(DOCUMENT_INFO_LIMITS.text),
};
export const documentInfoSchema = z.strictObject({
  ...documentInfoFields,
  title: documentInfoFields.title.default(''),
  organiser: documentInfoFields.organiser.default(''),
  date: documentInfoFields.date.default(''),
  place: documentInfoFields.place.default(''),
  status: documentInfoFields.status.default('draft'),
  version: documentInfoFields.version.default(''),
  summary: documentInfoFields.summary.default(''),
  representativeness: documentInfoFields.representativeness.default(''),
  conclusions: documentInfoFields.conclusions.default(''),
});
/** `document.set`'s fields: any of them; one not given stays as it is. */
export const documentInfoPatchSchema = z.strictObject(documentInfoFields).partial();
export type DocumentInfo = z.infer<typeof documentInfoSchema>;

/** A document without any of the facilitator's fields. */
export const EMPTY_DOCUMENT_INFO: DocumentInfo = documentInfoSchema.parse({});

export const sessionStateSchema = z.object({
  timer: timerStateSchema,
  agenda: z.array(agendaStepSchema).max(50),
  currentStepId: z.string().nullable(),
  /**
   * Whether the timer runs on when the agenda moves to another step; otherwise the step change
   * stops it (back to its full duration). Absent in older documents.
   */
  timerKeep: z.boolean().default(false),
  /** Read-only for participants (facilitators can still edit). */
  locked: z.boolean(),
  /** Frames that are read-only for participants. */
  lockedFrameIds: z.array(z.string()).max(500),
  /** "Bring everyone here": participants follow this member's viewport. */
  followMemberId: z.string().nullable(),
  /** A frame everyone's view is zoomed to. */
  focusFrameId: z.string().nullable(),
  /** Private writing: new notes stay with their author (and facilitators) until revealed. */
  privateMode: z.boolean(),
  /** Dot voting: the budget per person; totals appear only once the facilitator reveals them. */
  voting: votingStateSchema.default({ status: 'closed', budget: 5, results: null, frameId: null }),
  /** Notes the facilitator hid from exports (they stay on the board); absent in older documents. */
  redactedShapeIds: z.array(z.string()).max(10_000).default([]),
  /** World café: the table suggested to each member for the current round; absent in older documents. */
  seating: seatingSchema.nullable().default(null),
  /** The strategy document's cover and the facilitator's own texts; absent in older documents. */
  document: documentInfoSchema.default(EMPTY_DOCUMENT_INFO),
  /** Server time when this state was written, so clients can correct their clock for the timer. */
  serverTime: z.number(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

/** `GET` and `POST /api/boards/:boardId/session` response: the session after the command. */
export const sessionResponseSchema = z.object({ state: sessionStateSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** The state of a new board. */
export function initialSessionState(now: number): SessionState {
  return {
    timer: { status: 'idle', durationMs: 5 * 60_000 },
    agenda: [],
    currentStepId: null,
    timerKeep: false,
    locked: false,
    lockedFrameIds: [],
    followMemberId: null,
    focusFrameId: null,
    privateMode: false,
    voting: { status: 'closed', budget: 5, results: null, frameId: null },
    redactedShapeIds: [],
    seating: null,
    document: EMPTY_DOCUMENT_INFO,
    serverTime: now,
  };
}

/** `POST /api/boards/:boardId/session` body (facilitators only). */
export const sessionCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('timer.set'),
    durationMs: z
      .number()
      .int()
      .min(1000)
      .max(6 * 3600_000),
  }),
  z.strictObject({ type: z.literal('timer.start') }),
  z.strictObject({ type: z.literal('timer.pause') }),
  z.strictObject({ type: z.literal('timer.reset') }),
  z.strictObject({ type: z.literal('timer.add'), ms: z.number().int().min(-3600_000).max(3600_000) }),
  /** Keeps the timer running into the next agenda step (or lets a step change stop it). */
  z.strictObject({ type: z.literal('timer.keep'), keep: z.boolean() }),
  z.strictObject({ type: z.literal('agenda.set'), agenda: z.array(agendaStepSchema).max(50) }),
  z.strictObject({ type: z.literal('agenda.go'), stepId: z.string().nullable() }),
  z.strictObject({ type: z.literal('lock.set'), locked: z.boolean() }),
  z.strictObject({ type: z.literal('frame-lock.set'), frameId: z.string().min(1).max(200), locked: z.boolean() }),
  z.strictObject({ type: z.literal('follow.set'), memberId: z.string().nullable() }),
  z.strictObject({ type: z.literal('focus.set'), frameId: z.string().nullable() }),
  z.strictObject({ type: z.literal('private.start') }),
  z.strictObject({ type: z.literal('private.reveal') }),
  /**
   * Opens voting with a fresh budget per person; earlier votes are cleared. `frameId` limits
   * the vote to the notes of one frame (absent or null: the whole board).
   */
  z.strictObject({
    type: z.literal('voting.open'),
    budget: z.number().int().min(1).max(50),
    frameId: z.string().min(1).max(200).nullable().optional(),
  }),
  z.strictObject({ type: z.literal('voting.close') }),
  /** Publishes the totals (closing the vote if it is open). */
  z.strictObject({ type: z.literal('voting.reveal') }),
  /** Hides notes from every export (or shows them again); the board itself keeps them. */
  z.strictObject({
    type: z.literal('export.redact'),
    shapeIds: z.array(z.string().min(1).max(200)).min(1).max(500),
    redacted: z.boolean(),
  }),
  /** Sets fields of the strategy document (the cover, the summary…); fields not given stay. */
  z.strictObject({ type: z.literal('document.set'), document: documentInfoPatchSchema }),
]);
export type SessionCommand = z.infer<typeof sessionCommandSchema>;

/** `POST /api/boards/:boardId/votes` body: one vote (dot) on a note. */
export const castVoteRequestSchema = z.strictObject({ shapeId: z.string().min(1).max(200) });

/** `GET|POST|DELETE /api/boards/:boardId/votes…` response: the caller's own votes only. */
export const myVotesSchema = z.object({
  status: z.enum(['closed', 'open', 'revealed']),
  budget: z.number().int(),
  used: z.number().int(),
  mine: z.record(z.string(), z.number().int().positive()),
});
export type MyVotes = z.infer<typeof myVotesSchema>;

/**
 * `GET /api/boards/:boardId/votes/progress` response (facilitators only): how many people have
 * given at least one dot in the current vote, of how many who can vote (participants and
 * facilitators online, or more if people who voted have left). Never who.
 */
export const voteProgressSchema = z.object({
  voted: z.number().int().nonnegative(),
  voters: z.number().int().nonnegative(),
});
export type VoteProgress = z.infer<typeof voteProgressSchema>;

/** `GET /api/boards/:boardId/members` entries (facilitators only). */
export const memberInfoSchema = z.object({
  memberId: z.string(),
  displayName: z.string(),
  role: z.enum(['facilitator', 'participant', 'observer']),
  online: z.boolean(),
});
export type MemberInfo = z.infer<typeof memberInfoSchema>;

/** `GET /api/boards/:boardId/members` response (facilitators only). */
export const membersResponseSchema = z.object({ members: z.array(memberInfoSchema) });
export type MembersResponse = z.infer<typeof membersResponseSchema>;

/** `PATCH /api/boards/:boardId/members/:memberId` body. */
export const renameMemberRequestSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(40),
});

/** `POST /api/boards/:boardId/join-code` 200 response: the old code stops working. */
export const rotateJoinCodeResponseSchema = z.object({ joinCode: z.string(), joinUrl: z.string() });
export type RotateJoinCodeResponse = z.infer<typeof rotateJoinCodeResponseSchema>;

/** The Y.Map of a board document that holds tldraw records, one entry per record id. */
export const TL_RECORDS_MAP = 'tl_records';
/** The Y.Map of a board document that holds metadata about its tldraw records. */
export const TL_META_MAP = 'tl_meta';
/** Key in {@link TL_META_MAP} of the serialized tldraw schema the records are written in. */
export const TL_SCHEMA_KEY = 'schema';

/** Path segment of a member's private-writing document: `/sync/<boardId>/private/<memberId>`. */
export function privateDocName(boardId: string, memberId: string): string {
  return docNames.private(boardId, memberId);
}
