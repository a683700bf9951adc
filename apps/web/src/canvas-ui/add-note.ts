import {
  createShapeId,
  startEditingShapeWithRichText,
  toRichText,
  type Editor,
  type TLNoteShape,
  type TLShapeId,
} from 'tldraw';
import { findFreeSpot, type Rect } from './free-spot.ts';

/** tldraw's note is 200×200 at scale 1. */
const NOTE_SIZE = 200;
const GAP = 12;

const rectOf = (box: { x: number; y: number; w: number; h: number }): Rect => ({
  x: box.x,
  y: box.y,
  w: box.w,
  h: box.h,
});

/** The page boxes of every note on the current page. */
function noteBoxes(editor: Editor): Rect[] {
  const boxes: Rect[] = [];
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type !== 'note') continue;
    const bounds = editor.getShapePageBounds(shape);
    if (bounds) boxes.push(rectOf(bounds));
  }
  return boxes;
}

/** The innermost frame whose page bounds hold the whole box, for the note's parent. */
function frameHolding(editor: Editor, box: Rect): TLShapeId | null {
  let best: { id: TLShapeId; area: number } | null = null;
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type !== 'frame') continue;
    const b = editor.getShapePageBounds(shape);
    if (!b || box.x < b.x || box.y < b.y || box.x + box.w > b.maxX || box.y + box.h > b.maxY) continue;
    if (!best || b.w * b.h < best.area) best = { id: shape.id, area: b.w * b.h };
  }
  return best?.id ?? null;
}

/** Options of {@link addNote}. */
export interface AddNoteOptions {
  /** Where the note belongs (e.g. this round's area of my table); else the visible part of the board. */
  area?: Rect | null;
  /** A point the note should be near (a double tap). */
  near?: { x: number; y: number };
  rtl?: boolean;
}

/**
 * Places an empty note in a free spot (overlapping no other note), shows it, and opens it for
 * typing at once. Tries the given area, then what is on screen, then the space right of the
 * board. Returns the new note's id, or null on a read-only canvas.
 */
export function addNote(editor: Editor, { area, near, rtl = false }: AddNoteOptions = {}): TLShapeId | null {
  if (editor.getIsReadonly()) return null;
  const size = { w: NOTE_SIZE, h: NOTE_SIZE };
  const occupied = noteBoxes(editor);
  const viewport = rectOf(editor.getViewportPageBounds());
  const near_ = near ? { near } : {};
  let spot =
    (area ? findFreeSpot({ area, occupied, size, gap: GAP, rtl, ...near_ }) : null) ??
    findFreeSpot({ area: viewport, occupied, size, gap: GAP, rtl, ...near_ });
  if (!spot) {
    const content = editor.getCurrentPageBounds() ?? viewport;
    spot = { x: rtl ? content.x - NOTE_SIZE - GAP * 4 : content.x + content.w + GAP * 4, y: content.y };
  }
  const box = { ...spot, ...size };
  const parentId = frameHolding(editor, box);
  const local = parentId ? editor.getPointInParentSpace(parentId, spot) : spot;
  const id = createShapeId();
  editor.markHistoryStoppingPoint('add note');
  editor.createShape<TLNoteShape>({
    id,
    type: 'note',
    x: local.x,
    y: local.y,
    ...(parentId ? { parentId } : {}),
    props: { richText: toRichText(''), textLastEditedBy: editor.getAttributionUserId() },
  });
  const bounds = editor.getShapePageBounds(id);
  if (bounds && !editor.getViewportPageBounds().contains(bounds)) {
    editor.centerOnPoint(bounds.center, { force: true });
  }
  editor.setCurrentTool('select');
  editor.select(id);
  startEditingShapeWithRichText(editor, id);
  return id;
}

/** Whether this person wrote the note last (tldraw records who edited a note's text). */
export function isOwnNote(editor: Editor, shape: TLNoteShape): boolean {
  const me = editor.getAttributionUserId();
  return me !== null && shape.props.textLastEditedBy === me;
}
