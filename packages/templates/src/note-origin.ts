import { isShapeRecord, talkootOf } from './shape-record.ts';

/** Looks a record up by id: a board doc's `tl_records` map, a `Map`, or a tldraw editor. */
export type RecordLookup = (id: string) => unknown;

/** How many copies of copies are followed before a chain counts as broken (a cycle, say). */
const MAX_DEPTH = 20;

/**
 * The original a note was copied from, following the whole chain: a world-café harvest copy
 * (`meta.talkoot.source = { shapeId }`) leads to the note at the table, a need sent from
 * another note (`{ boardId, shapeId, … }`) to that note, and so on. The result names one idea
 * however often it was copied, so votes on copies can be counted together.
 *
 * Returns the id of the root note when it is on this board (`boardId`), or
 * `<boardId>/<shapeId>` of the first original on another board (whose records are not here).
 * A note that is no copy is its own origin; a chain that loops or breaks off ends at the last
 * note found. `boardId` undefined: every link is taken to point into this board.
 */
export function noteOrigin(lookup: RecordLookup, shapeId: string, boardId?: string): string {
  let current = shapeId;
  const seen = new Set<string>([current]);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const record = lookup(current);
    if (!isShapeRecord(record)) return current;
    const source = talkootOf(record).source;
    if (typeof source !== 'object' || source === null) return current;
    const { shapeId: from, boardId: fromBoard } = source as { shapeId?: unknown; boardId?: unknown };
    if (typeof from !== 'string' || from === '') return current;
    if (typeof fromBoard === 'string' && boardId !== undefined && fromBoard !== boardId) return `${fromBoard}/${from}`;
    // The original was deleted: the copy stands for the idea.
    if (seen.has(from) || !isShapeRecord(lookup(from))) return current;
    seen.add(from);
    current = from;
  }
  return current;
}
