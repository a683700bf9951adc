import { z } from 'zod';
import { TEXT_SHAPE_TYPES, type ShapeText } from './text-snapshot.ts';

/** Where a draft's text was typed: on the board, or in private writing (never put on the board for them). */
export type DraftSource = 'board' | 'private';

/** Text the server never accepted, kept on this device until the person dismisses it. */
export interface Draft {
  id: string;
  text: string;
  /** The kind of shape it was typed into. */
  type: ShapeText['type'];
  source: DraftSource;
  /** The shape it was being typed into, when kept because the board was locked mid-typing. */
  shapeId?: string | undefined;
  /** When it was kept (ms since epoch). */
  savedAt: number;
}

/** The part of `Storage` drafts use; tests pass a Map-backed stand-in. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const draftSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  type: z.enum(TEXT_SHAPE_TYPES),
  source: z.enum(['board', 'private']),
  shapeId: z.string().optional(),
  savedAt: z.number(),
});
const shapeTextSchema = z.object({ shapeId: z.string(), type: z.enum(TEXT_SHAPE_TYPES), text: z.string().min(1) });

/** localStorage key of one member's drafts on one board (a shared tablet may hold several people's). */
export const draftsKey = (boardId: string, memberId: string): string => `talkoot.drafts.${boardId}.${memberId}`;

/** localStorage key of the texts taken from a dropped copy, until the fresh copy has synced. */
export const pendingSnapshotKey = (boardId: string, memberId: string): string =>
  `talkoot.drafts-pending.${boardId}.${memberId}`;

function readList<T>(storage: DraftStorage | null, key: string, schema: z.ZodType<T>): T[] | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const parsed = z.array(z.unknown()).safeParse(JSON.parse(raw));
    if (!parsed.success) return [];
    // One damaged entry must not cost the others.
    return parsed.data.flatMap((item) => {
      const entry = schema.safeParse(item);
      return entry.success ? [entry.data] : [];
    });
  } catch {
    return [];
  }
}

function writeList(storage: DraftStorage | null, key: string, list: readonly unknown[]): void {
  try {
    if (list.length === 0) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(list));
  } catch {
    // Full or unavailable storage: the drafts last for this page only.
  }
}

/** The member's drafts on the board, oldest first; damaged entries are skipped. */
export function loadDrafts(storage: DraftStorage | null, boardId: string, memberId: string): Draft[] {
  return readList(storage, draftsKey(boardId, memberId), draftSchema) ?? [];
}

/** Replaces the member's drafts on the board (none: the entry is removed). */
export function saveDrafts(storage: DraftStorage | null, boardId: string, memberId: string, drafts: readonly Draft[]) {
  writeList(storage, draftsKey(boardId, memberId), drafts);
}

/** A text to keep as a draft. */
export type NewDraft = Pick<Draft, 'text' | 'type' | 'source' | 'shapeId'>;

/**
 * `drafts` with `added` appended, each as a new draft unless one with the same text is kept
 * already (a second refusal, or another tab of the same person, finds the same text again).
 */
export function withDrafts(
  drafts: readonly Draft[],
  added: readonly NewDraft[],
  now: number,
  makeId: () => string = randomDraftId,
): Draft[] {
  const texts = new Set(drafts.map((draft) => draft.text));
  const result = [...drafts];
  for (const draft of added) {
    if (draft.text.trim() === '' || texts.has(draft.text)) continue;
    texts.add(draft.text);
    result.push({ ...draft, id: makeId(), savedAt: now });
  }
  return result;
}

/**
 * The drafts kept from a shape that now holds exactly their text (`textOf` reads the board): all
 * the words reached the board before the lock, so the draft would only make a second note.
 */
export function draftsOnTheBoard(drafts: readonly Draft[], textOf: (shapeId: string) => string | null): Draft[] {
  return drafts.filter((draft) => draft.shapeId !== undefined && textOf(draft.shapeId) === draft.text);
}

/** `drafts` without the one with `id`. */
export function withoutDraft(drafts: readonly Draft[], id: string): Draft[] {
  return drafts.filter((draft) => draft.id !== id);
}

/** Not `crypto.randomUUID`: that exists only in secure contexts, and a venue laptop is plain http. */
function randomDraftId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Keeps the texts of a copy about to be dropped until the fresh copy has synced, so a reload in
 * between still finds them. A second snapshot before that adds to the first.
 */
export function savePendingSnapshot(
  storage: DraftStorage | null,
  boardId: string,
  memberId: string,
  snapshot: readonly ShapeText[],
): void {
  const key = pendingSnapshotKey(boardId, memberId);
  const earlier = readList(storage, key, shapeTextSchema) ?? [];
  const later = new Set(snapshot.map((entry) => `${entry.shapeId}\n${entry.text}`));
  writeList(storage, key, [...earlier.filter((entry) => !later.has(`${entry.shapeId}\n${entry.text}`)), ...snapshot]);
}

/** The pending snapshot, or null when there is none. */
export function loadPendingSnapshot(
  storage: DraftStorage | null,
  boardId: string,
  memberId: string,
): ShapeText[] | null {
  return readList(storage, pendingSnapshotKey(boardId, memberId), shapeTextSchema);
}

/** Forgets the pending snapshot once its drafts are kept. */
export function clearPendingSnapshot(storage: DraftStorage | null, boardId: string, memberId: string): void {
  writeList(storage, pendingSnapshotKey(boardId, memberId), []);
}
