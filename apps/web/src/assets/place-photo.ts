import type { Editor, TLShapeId } from 'tldraw';

/** A page rectangle. */
export interface PageRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The innermost frame whose page bounds hold `point`. */
function frameAt(editor: Editor, point: { x: number; y: number }): TLShapeId | null {
  let best: { id: TLShapeId; area: number } | null = null;
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type !== 'frame') continue;
    const b = editor.getShapePageBounds(shape);
    if (!b || !b.containsPoint(point)) continue;
    if (!best || b.w * b.h < best.area) best = { id: shape.id, area: b.w * b.h };
  }
  return best?.id ?? null;
}

/**
 * Puts a photo on the board through tldraw's own file handling (so it goes through the board's
 * asset store, upload and all): in the middle of `area` (where this person's notes belong, e.g.
 * their table) or of the screen, inside the frame there, and no larger than two thirds of that
 * area. Resolves with the new image's id once it is on the board (still uploading).
 */
export async function placePhoto(editor: Editor, file: File, area: PageRect | null): Promise<TLShapeId | null> {
  const target = area ?? editor.getViewportPageBounds();
  const point = { x: target.x + target.w / 2, y: target.y + target.h / 2 };
  const before = new Set(editor.getCurrentPageShapeIds());
  editor.markHistoryStoppingPoint('add photo');
  await editor.putExternalContent({ type: 'files', files: [file], point });
  const image = editor.getCurrentPageShapes().find((shape) => shape.type === 'image' && !before.has(shape.id));
  if (!image) return null;
  const bounds = editor.getShapePageBounds(image.id);
  if (bounds) {
    const scale = Math.min(1, (target.w * 2) / 3 / bounds.w, (target.h * 2) / 3 / bounds.h);
    if (scale < 1) editor.resizeShape(image.id, { x: scale, y: scale }, { scaleOrigin: bounds.center });
  }
  const frame = frameAt(editor, point);
  if (frame && image.parentId !== frame) editor.reparentShapes([image.id], frame);
  editor.select(image.id);
  return image.id;
}
