import { isShapeRecord, talkootOf } from './shape-record.ts';

/**
 * Where a copy of a note came from (`meta.talkoot.source`): a world-café harvest copy names
 * only the note (`{ shapeId }`, on the same board); a note sent as a need names its board too
 * (`{ boardId, boardTitle, shapeId, tags }`, see `promoteNote`).
 */
export interface CopyOrigin {
  /** The original's board; null for a copy on the original's own board. */
  boardId: string | null;
  shapeId: string;
}

/** The original a note was copied from, or null for a note that is no copy. */
export function copyOriginOf(record: unknown): CopyOrigin | null {
  if (!isShapeRecord(record) || record.type !== 'note') return null;
  const source = talkootOf(record).source;
  if (typeof source !== 'object' || source === null) return null;
  const { boardId, shapeId } = source as Record<string, unknown>;
  if (typeof shapeId !== 'string' || shapeId === '') return null;
  return { boardId: typeof boardId === 'string' && boardId !== '' ? boardId : null, shapeId };
}

/** What {@link hiddenWithCopies} needs besides the board's records. */
export interface HiddenNotesInput {
  /** The board the records are of. */
  boardId: string;
  /** The notes the facilitator hid on this board (`redactedShapeIds`). */
  redactedShapeIds: Iterable<string>;
  /** Notes hidden on other boards (with their own copies), by board id, for copies sent from there. */
  hiddenElsewhere?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The notes of a board that no export may show: those the facilitator hid, and every copy
 * derived from a hidden note — harvest copies, needs sent from this or another board, and
 * copies of copies. Copying a note must never be a way round hiding it.
 */
export function hiddenWithCopies(records: Iterable<unknown>, input: HiddenNotesInput): Set<string> {
  const hidden = new Set(input.redactedShapeIds);
  const copies: [string, CopyOrigin][] = [];
  for (const record of records) {
    const origin = copyOriginOf(record);
    if (origin) copies.push([(record as { id: string }).id, origin]);
  }
  // A copy of a copy is hidden once its own original is: repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, origin] of copies) {
      if (hidden.has(id)) continue;
      const here = origin.boardId === null || origin.boardId === input.boardId;
      const isHidden = here
        ? hidden.has(origin.shapeId)
        : input.hiddenElsewhere?.get(origin.boardId!)?.has(origin.shapeId);
      if (isHidden) {
        hidden.add(id);
        changed = true;
      }
    }
  }
  return hidden;
}

/** The other boards notes of this board were copied from (to ask which of their notes are hidden). */
export function copiedFromBoards(records: Iterable<unknown>, boardId: string): string[] {
  const boards = new Set<string>();
  for (const record of records) {
    const origin = copyOriginOf(record);
    if (origin?.boardId && origin.boardId !== boardId) boards.add(origin.boardId);
  }
  return [...boards];
}
