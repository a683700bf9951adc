import { plainTextOf } from '@talkoot/protocol';
import {
  createShapeId,
  toRichText,
  type IndexKey,
  type TLNoteShape,
  type TLNoteShapeProps,
  type TLPageId,
  type TLRecord,
  type TLShapeId,
  type TLStore,
} from 'tldraw';

/** `meta` key naming the member who wrote a private note (kept after reveal; see the report). */
export const PRIVATE_AUTHOR_META = 'privateAuthor';

/** Side of a tldraw note at scale 1, plus room between notes. */
const NOTE_SIZE = 200;
const CELL = NOTE_SIZE + 40;
/** Each author writes into a block of `BLOCK_COLUMNS`×`BLOCK_ROWS` notes. */
const BLOCK_COLUMNS = 2;
const BLOCK_ROWS = 3;
const BLOCK_WIDTH = BLOCK_COLUMNS * CELL + 80;
const BLOCK_HEIGHT = BLOCK_ROWS * CELL + 80;
/** Blocks are spread over a grid `LANES` wide and `BANDS` tall. */
const LANES = 8;
const BANDS = 6;
/** Notes past a full block pile onto it, each shifted this far. */
const PILE_SHIFT = 30;
/** Area origins snap to this grid, so clients that saw slightly different boards still agree. */
const ORIGIN_GRID = 1000;

/** A point on the page. */
export interface PagePoint {
  x: number;
  y: number;
}

/** A private note as the panel and the facilitator's overview show it. */
export interface PrivateNote {
  id: TLShapeId;
  text: string;
  /** Fractional index, for a stable order. */
  index: string;
}

/** Options of {@link createPrivateNoteRecord}. */
export interface PrivateNoteRecordOptions {
  /** The schema of the live editor's store, so the record is one the board accepts. */
  schema: TLStore['schema'];
  /** `editor.getShapeUtil('note').getDefaultProps()`. */
  defaultProps: TLNoteShapeProps;
  text: string;
  memberId: string;
  pageId: TLPageId;
  index: IndexKey;
  position: PagePoint;
  id?: TLShapeId;
  /** The author's language (`meta.talkoot.language`), kept when the note is revealed. */
  language?: string;
}

/**
 * A complete tldraw note-shape record for a member's private doc. The server copies it into the
 * board doc as is on reveal, where the board binding validates it like any peer's record.
 */
export function createPrivateNoteRecord(options: PrivateNoteRecordOptions): TLNoteShape {
  const { schema, defaultProps, text, memberId, pageId, index, position } = options;
  const record = schema.types.shape.create({
    id: options.id ?? createShapeId(),
    type: 'note',
    x: position.x,
    y: position.y,
    parentId: pageId,
    index,
    props: { ...defaultProps, richText: toRichText(text) },
    meta: {
      [PRIVATE_AUTHOR_META]: memberId,
      ...(options.language ? { talkoot: { language: options.language } } : {}),
    },
  }) as TLNoteShape;
  return schema.types.shape.validate(record) as TLNoteShape;
}

/** The same note with another text. */
export function withNoteText(record: TLNoteShape, text: string): TLNoteShape {
  return { ...record, props: { ...record.props, richText: toRichText(text) } };
}

/** A note read from a private doc (untrusted JSON); null for anything that is not a note shape. */
export function privateNoteOf(value: unknown): PrivateNote | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Partial<TLRecord> & { type?: unknown; props?: { richText?: unknown }; index?: unknown };
  if (record.typeName !== 'shape' || record.type !== 'note' || typeof record.id !== 'string') return null;
  return {
    id: record.id as TLShapeId,
    text: plainTextOf(record.props?.richText),
    index: typeof record.index === 'string' ? record.index : '',
  };
}

/** Notes in the order they were written (by fractional index; plain comparison, as tldraw does). */
export function sortPrivateNotes(notes: PrivateNote[]): PrivateNote[] {
  return [...notes].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
}

/**
 * Where private notes go: right of and level with what is on the page (snapped to a coarse grid),
 * so revealed notes land on free space instead of on top of the board's content.
 */
export function privateNotesOrigin(contentBounds: { maxX: number; minY: number } | null | undefined): PagePoint {
  if (!contentBounds) return { x: 0, y: 0 };
  return {
    x: Math.ceil((contentBounds.maxX + CELL) / ORIGIN_GRID) * ORIGIN_GRID,
    y: Math.floor(contentBounds.minY / ORIGIN_GRID) * ORIGIN_GRID,
  };
}

/** A 32-bit FNV-1a hash: the same member always gets the same slot. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Where a member's `noteNumber`-th (0-based) private note goes. Authors cannot see each other's
 * notes, so each gets a block of a {@link LANES}×{@link BANDS} grid from their member id; two
 * authors share a block only by a hash collision (the facilitator can tidy after reveal).
 */
export function privateNotePosition(origin: PagePoint, memberId: string, noteNumber: number): PagePoint {
  const slot = hash(memberId) % (LANES * BANDS);
  const perBlock = BLOCK_COLUMNS * BLOCK_ROWS;
  const inBlock = noteNumber % perBlock;
  const pile = Math.floor(noteNumber / perBlock) * PILE_SHIFT;
  return {
    x: origin.x + (slot % LANES) * BLOCK_WIDTH + (inBlock % BLOCK_COLUMNS) * CELL + pile,
    y: origin.y + Math.floor(slot / LANES) * BLOCK_HEIGHT + Math.floor(inBlock / BLOCK_COLUMNS) * CELL + pile,
  };
}

/**
 * The first of this member's note positions that none of their `existing` notes occupies, so a
 * note written after a deletion fills the gap instead of landing on another note.
 */
export function nextPrivateNotePosition(
  origin: PagePoint,
  memberId: string,
  existing: readonly PagePoint[],
): PagePoint {
  const taken = (p: PagePoint) => existing.some((e) => Math.abs(e.x - p.x) < 1 && Math.abs(e.y - p.y) < 1);
  for (let n = 0; ; n++) {
    const position = privateNotePosition(origin, memberId, n);
    if (!taken(position)) return position;
  }
}
