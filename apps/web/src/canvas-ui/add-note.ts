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

/** The page boxes of every note, and of every text (such as a table's question), on the current page. */
function noteBoxes(editor: Editor): Rect[] {
  const boxes: Rect[] = [];
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type !== 'note' && shape.type !== 'text') continue;
    const bounds = editor.getShapePageBounds(shape);
    if (bounds) boxes.push(rectOf(bounds));
  }
  return boxes;
}

const intersect = (a: Rect, b: Rect): Rect => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    w: Math.max(0, Math.min(a.x + a.w, b.x + b.w) - x),
    h: Math.max(0, Math.min(a.y + a.h, b.y + b.h) - y),
  };
};

const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

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
 * Places an empty note in a free spot (overlapping no other note and no text such as a
 * template's question), shows it, and opens it for typing at once. Tries the given area, then
 * the nearest spot around it, then what is on screen, then the space beside the board. Returns the new note's id, or null on a read-only canvas.
 */
export function addNote(editor: Editor, { area, near, rtl = false }: AddNoteOptions = {}): TLShapeId | null {
  if (editor.getIsReadonly()) return null;
  const size = { w: NOTE_SIZE, h: NOTE_SIZE };
  const occupied = noteBoxes(editor);
  const viewport = rectOf(editor.getViewportPageBounds());
  const near_ = near ? { near } : {};
  let spot = area ? findFreeSpot({ area, occupied, size, gap: GAP, rtl, ...near_ }) : null;
  // A full area: the nearest free spot around it, so the note stays close to where it belongs.
  // Inside the area's frame (its table) if there is room, never straddling the frame's edge.
  const frame = area ? frameHolding(editor, area) : null;
  const frameBounds = frame ? editor.getShapePageBounds(frame) : undefined;
  for (let ring = 1; area && !spot && ring <= 3; ring++) {
    const grow = ring * (NOTE_SIZE + GAP);
    let around = { x: area.x - grow, y: area.y - grow, w: area.w + grow * 2, h: area.h + grow * 2 };
    if (frameBounds) around = intersect(around, rectOf(frameBounds));
    spot = findFreeSpot({ area: around, occupied, size, gap: GAP, rtl, near: near ?? centre(area) });
  }
  spot ??= findFreeSpot({ area: viewport, occupied, size, gap: GAP, rtl, ...near_ });
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
