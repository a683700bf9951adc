import type { TLShape } from '@tldraw/tlschema';
import { locateNote, type NoteLocation } from './locate-note.ts';
import { isShapeRecord, type ShapeRecord, stableHash, talkootOf } from './shape-record.ts';
import { TEMPLATE_SCHEMA } from './to-tldraw-records.ts';

/** Where a promoted note came from, kept in `meta.talkoot.source` of its copy. */
export interface NoteSource {
  boardId: string;
  boardTitle: string;
  shapeId: string;
  /** The template part the note sat in (stage, lane, table, round…), if any. */
  tags: NoteLocation['tags'];
}

/** What {@link promoteNote} decided. */
export type Promotion =
  | { kind: 'created'; record: TLShape; frameId: string }
  | { kind: 'exists'; shapeId: string }
  | { kind: 'not-a-note' }
  | { kind: 'no-prioritisation' };

const NOTE = 200;
const GAP = 20;
const PAD = 40;
/** Below the "how to" label of the ideas frame. */
const TOP = 200;

/** The id of the copy of a note promoted from `boardId`: the same note promoted twice is one need. */
export function promotedNoteId(boardId: string, shapeId: string): string {
  const key = `${boardId}/${shapeId}`;
  // A second, independent hash (djb2) makes two notes sharing an id far less likely.
  let h2 = 5381;
  for (let i = 0; i < key.length; i++) h2 = Math.imul(h2, 33) ^ key.charCodeAt(i);
  return `shape:need-${stableHash(key)}${(h2 >>> 0).toString(36)}`;
}

/**
 * "Promote as a need": a copy of a note (from a journey map, a café harvest, a dialogue…) for
 * the ideas and needs frame of a prioritisation on `targetRecords` (the latest one, if a
 * board has several), in the first free place, with a link to where it came from so the
 * action plan can cite its evidence. The copy's id comes from the source, so promoting the
 * same note twice never makes two needs.
 */
export function promoteNote(
  sourceRecords: Iterable<unknown>,
  shapeId: string,
  targetRecords: Iterable<unknown>,
  source: { boardId: string; boardTitle: string },
): Promotion {
  const sources = [...sourceRecords];
  const note = sources.find((r): r is ShapeRecord => isShapeRecord(r) && r.id === shapeId);
  if (!note || note.type !== 'note') return { kind: 'not-a-note' };
  const targets = [...targetRecords].filter(isShapeRecord);
  const id = promotedNoteId(source.boardId, shapeId);
  if (targets.some((r) => r.id === id)) return { kind: 'exists', shapeId: id };

  const frames = targets.filter(
    (r) => r.type === 'frame' && talkootOf(r).template === 'prioritisation' && talkootOf(r).part === 'ideas',
  );
  const instanceOf = (r: ShapeRecord) => Number(talkootOf(r).instance ?? 1);
  const frame = frames.sort((a, b) => instanceOf(b) - instanceOf(a))[0];
  if (!frame) return { kind: 'no-prioritisation' };

  // The first grid place no note in the frame overlaps.
  const width = typeof frame.props.w === 'number' ? frame.props.w : 900;
  const columns = Math.max(1, Math.floor((width - PAD * 2 + GAP) / (NOTE + GAP)));
  const taken = targets.filter((r) => r.parentId === frame.id && r.type === 'note');
  const overlaps = (x: number, y: number) => taken.some((r) => Math.abs(r.x - x) < NOTE && Math.abs(r.y - y) < NOTE);
  let slot = 0;
  let x = PAD;
  let y = TOP;
  for (; slot < 10_000; slot++) {
    x = PAD + (slot % columns) * (NOTE + GAP);
    y = TOP + Math.floor(slot / columns) * (NOTE + GAP);
    if (!overlaps(x, y)) break;
  }

  const provenance: NoteSource = {
    boardId: source.boardId,
    boardTitle: source.boardTitle,
    shapeId,
    tags: locateNote(sources, shapeId)?.tags ?? null,
  };
  const record = TEMPLATE_SCHEMA.types.shape.create({
    id,
    type: 'note',
    x,
    y,
    parentId: frame.id,
    index: `b${String(slot).padStart(4, '0')}V`,
    props: { ...note.props, scale: 1, growY: 0 },
    meta: { talkoot: { part: 'need', source: provenance } },
  } as unknown as TLShape) as TLShape;
  return { kind: 'created', record, frameId: frame.id };
}
