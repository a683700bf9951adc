import { z } from 'zod';

/** Languages the UI ships; more arrive with the languages issue. */
export const LANGUAGES = ['en', 'fi', 'sv', 'ar', 'fa', 'uk', 'ru', 'so'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Roles a board member can have; the server enforces what each may do. */
export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Board ids are url-safe random strings minted by the server. */
export const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a board id');

const displayName = z
  .string()
  .trim()
  .min(1, 'display name must not be empty')
  .max(40, 'display name is at most 40 characters');

/** Ids of the co-design templates a board can start from (definitions live in `@talkoot/templates`). */
export const TEMPLATE_IDS = [
  'blank',
  'world-cafe',
  'journey-map',
  'prioritisation',
  'stakeholder-map',
  'dialogue-record',
] as const;
export const templateIdSchema = z.enum(TEMPLATE_IDS);
export type TemplateId = z.infer<typeof templateIdSchema>;

/**
 * Parameters of a template (e.g. `{ "tables": 6 }`); only their shape is checked here,
 * the server checks them against the chosen template's parameters.
 */
export const templateParamsSchema = z.record(
  z.string().min(1).max(64),
  z.union([z.number(), z.string().max(200), z.boolean()]),
);
export type TemplateParamsInput = z.infer<typeof templateParamsSchema>;

/** `POST /api/boards` body. */
export const createBoardRequestSchema = z.strictObject({
  title: z.string().trim().min(1, 'title must not be empty').max(120, 'title is at most 120 characters'),
  /** Default `blank`. */
  template: templateIdSchema.optional(),
  /** Checked against the template's parameters; missing ones take their defaults. */
  templateParams: templateParamsSchema.optional(),
  language: languageSchema.optional(),
  /** Days after which the board is deleted for good; default 90. */
  retentionDays: z.number().int().min(1).max(3650).optional(),
  /** Shown to others next to the creator's cursor; defaults to "Facilitator". */
  displayName: displayName.optional(),
});
export type CreateBoardRequest = z.infer<typeof createBoardRequestSchema>;

/** `POST /api/boards/:boardId/templates` body: one more method on an existing board. */
export const insertTemplateRequestSchema = z.strictObject({
  template: templateIdSchema,
  templateParams: templateParamsSchema.optional(),
});
export type InsertTemplateRequest = z.infer<typeof insertTemplateRequestSchema>;

/** `POST /api/boards/:boardId/templates` 201 response: where the method went on the canvas. */
export const insertTemplateResponseSchema = z.object({
  instance: z.string(),
  bounds: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
  /** Agenda steps added at the end of the board's agenda. */
  agendaSteps: z.number().int(),
});
export type InsertTemplateResponse = z.infer<typeof insertTemplateResponseSchema>;

/** `POST /api/boards/:boardId/world-cafe/harvest` body: which café (default: the board's first). */
export const harvestRequestSchema = z.strictObject({
  instance: z
    .string()
    .regex(/^[a-z0-9-]{1,20}$/)
    .optional(),
});
export type HarvestRequest = z.infer<typeof harvestRequestSchema>;

/** `POST /api/boards/:boardId/world-cafe/harvest` 200 response. */
export const harvestResponseSchema = z.object({
  /** The harvest frame, to move the view to. */
  frameId: z.string(),
  /** Notes gathered from the tables, counting those gathered before. */
  notes: z.number().int(),
});
export type HarvestResponse = z.infer<typeof harvestResponseSchema>;

/**
 * `POST /api/boards/:boardId/promote` body: send a note to a prioritisation as a need, on this
 * board or on another board of the workshop (with a token of that board).
 */
export const promoteNoteRequestSchema = z.strictObject({
  shapeId: z.string().min(1).max(200),
  target: z.strictObject({ boardId: boardIdSchema, token: z.string().min(1).max(200) }).optional(),
});
export type PromoteNoteRequest = z.infer<typeof promoteNoteRequestSchema>;

/** `POST /api/boards/:boardId/promote` 201 (new need) or 200 (promoted before) response. */
export const promoteNoteResponseSchema = z.object({
  boardId: boardIdSchema,
  /** The need on the target board. */
  shapeId: z.string(),
  created: z.boolean(),
});
export type PromoteNoteResponse = z.infer<typeof promoteNoteResponseSchema>;

/** `POST /api/boards` 201 response. */
export const createBoardResponseSchema = z.object({
  boardId: boardIdSchema,
  joinCode: z.string(),
  facilitatorToken: z.string(),
  joinUrl: z.string(),
});
export type CreateBoardResponse = z.infer<typeof createBoardResponseSchema>;

/** `POST /api/join` body. Codes are matched case-insensitively, ignoring spaces and dashes. */
export const joinRequestSchema = z.strictObject({
  code: z.string().trim().min(1, 'code must not be empty').max(32, 'code is too long'),
  displayName,
  role: z.enum(['participant', 'observer']).optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** `POST /api/join` 200 response. */
export const joinResponseSchema = z.object({
  boardId: boardIdSchema,
  token: z.string(),
  role: roleSchema,
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/** `GET /api/boards/:boardId` 200 response. */
export const boardMetaSchema = z.object({
  boardId: boardIdSchema,
  title: z.string(),
  template: z.string(),
  language: languageSchema,
  createdAt: z.string(),
  /** When the board and everything on it is deleted for good (ISO time). */
  expiresAt: z.string(),
  retentionDays: z.number().int(),
  /** Only present for facilitators. */
  joinCode: z.string().optional(),
  joinUrl: z.string().optional(),
  /** Only present for facilitators: a link that makes whoever opens it a co-facilitator. */
  coFacilitatorUrl: z.string().optional(),
  /**
   * Only present for facilitators: stored changes of the board that could not be applied safely
   * (hostile content from before the server checked every update) and were left out of it.
   */
  leftOutChanges: z.number().int().optional(),
  you: z.object({ memberId: z.string(), displayName: z.string(), role: roleSchema }),
});
export type BoardMeta = z.infer<typeof boardMetaSchema>;

/** `POST /api/boards/:boardId/facilitator-link/rotate` 200 response (facilitators only). */
export const rotateFacilitatorLinkResponseSchema = z.object({
  /** The new co-facilitator link; the old one stopped working. */
  coFacilitatorUrl: z.string(),
});
export type RotateFacilitatorLinkResponse = z.infer<typeof rotateFacilitatorLinkResponseSchema>;

/** `PATCH /api/boards/:boardId` body (facilitators only). */
export const updateBoardRequestSchema = z.strictObject({
  retentionDays: z.number().int().min(1).max(3650),
});
export type UpdateBoardRequest = z.infer<typeof updateBoardRequestSchema>;

/** `PATCH /api/boards/:boardId` response: the retention now in force. */
export const boardRetentionSchema = z.object({ retentionDays: z.number().int(), expiresAt: z.string() });
export type BoardRetention = z.infer<typeof boardRetentionSchema>;

/** `GET /api/config` response: runtime configuration the client needs, no rebuild required. */
export const clientConfigSchema = z.object({
  tldrawLicenseKey: z.string().nullable(),
  /** The server's clock (epoch ms) when it answered, so a client can align the shared timer. */
  serverTime: z.number().optional(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

/**
 * `GET /healthz` response: this instance is up, and how loaded it is. Counts only: never a
 * board id, content, name or token.
 */
export const healthResponseSchema = z.object({
  ok: z.literal(true),
  /** Documents in memory on this instance (boards and their session, vote and private documents). */
  rooms: z.number().int().nonnegative(),
  /** Open sync sockets on this instance. */
  sockets: z.number().int().nonnegative(),
  /** Compactions this instance has written since it started (PostgreSQL only). */
  compactions: z.number().int().nonnegative().optional(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Every non-2xx JSON body. `error` is a stable machine-readable reason. */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** One parameter of a template in `GET /api/templates`. */
export const templateParameterInfoSchema = z.object({
  name: z.string(),
  type: z.literal('integer'),
  labelKey: z.string(),
  default: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
});
export type TemplateParameterInfo = z.infer<typeof templateParameterInfoSchema>;

/** `GET /api/templates` 200 response; names and descriptions are translation keys. */
export const templateListResponseSchema = z.object({
  templates: z.array(
    z.object({
      id: templateIdSchema,
      version: z.number().int(),
      nameKey: z.string(),
      descriptionKey: z.string(),
      parameters: z.array(templateParameterInfoSchema),
    }),
  ),
});
export type TemplateListResponse = z.infer<typeof templateListResponseSchema>;
