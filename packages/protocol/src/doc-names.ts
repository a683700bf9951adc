import { z } from 'zod';

/**
 * The documents of a board, named in one place. A board's canvas document is named by the
 * board id; everything else of the board lives under `<boardId>/…`, which is what deleting a
 * board removes (`deleteTree`). Names starting with `~` are not documents but fan-out control
 * channels ({@link CONTROL_CHANNELS}).
 */
export const docNames = {
  /** The canvas: tldraw records, their schema, the action plan. */
  board: (boardId: string): string => boardId,
  /** Server-owned workshop state (timer, agenda, locks, voting); read-only for every member. */
  session: (boardId: string): string => `${boardId}/session`,
  /** Dot-voting ballots: server-only, no sync route reaches it. */
  ballots: (boardId: string): string => `${boardId}/ballots`,
  /** Where earlier versions kept ballots by member id; deleted at the next vote. */
  legacyVotes: (boardId: string): string => `${boardId}/votes`,
  /** One member's private notes while private writing is on. */
  private: (boardId: string, memberId: string): string => `${boardId}/private/${memberId}`,
  /** Whether a name is a board's canvas document (not one of its sub-documents, not a channel). */
  isBoard: (docName: string): boolean => !docName.includes('/') && !docName.startsWith('~'),
  /**
   * Documents kept in memory as long as `docName` is: a board's session document, whose locks
   * every write to the board is checked against.
   */
  companionsOf: (docName: string): string[] => (docNames.isBoard(docName) ? [docNames.session(docName)] : []),
} as const;

/** Fan-out channels on which instances talk about rooms and members (never document names). */
export const CONTROL_CHANNELS = {
  /** A board (tree of documents) was deleted: close and unload it everywhere. */
  rooms: '~rooms',
  /** Who is online on which instance, and whom to disconnect. */
  members: '~members',
} as const;

const reason = z.string().transform((text) => text.slice(0, 120));

/** `~rooms`: another instance deleted a tree of documents. */
export const treeDeletedSchema = z.object({
  deleted: z
    .string()
    .min(1)
    .refine((name) => !name.startsWith('~'), 'not a document name'),
  code: z.number().int(),
  reason,
});
export type TreeDeleted = z.infer<typeof treeDeletedSchema>;

/** `~members`: a member removed (close their sockets), or everyone online on one instance. */
export const memberEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('removed'),
    memberId: z.string().min(1).max(100),
    code: z.number().int().min(1000).max(4999),
    reason: z.string().max(120),
  }),
  z.object({
    type: z.literal('online'),
    instance: z.string().min(1).max(64),
    memberIds: z.array(z.string().min(1).max(100)).max(100_000),
  }),
]);
export type MemberEvent = z.infer<typeof memberEventSchema>;

/**
 * Reads a control message another instance published (JSON in UTF-8); anything that does not
 * parse or does not fit the channel's schema is undefined (and ignored by the caller).
 */
export function decodeControlMessage<T>(schema: z.ZodType<T>, frame: Uint8Array): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(new TextDecoder().decode(frame)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A control message as published. */
export const encodeControlMessage = (message: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(message));
