import type { Editor, TLShapeId } from 'tldraw';

/** Template tags as stored in `shape.meta.talkoot`. */
interface Tags {
  template?: unknown;
  instance?: unknown;
  part?: unknown;
  table?: unknown;
}

const tagsOf = (meta: unknown): Tags => {
  const talkoot = (meta as { talkoot?: unknown } | null)?.talkoot;
  return typeof talkoot === 'object' && talkoot !== null ? (talkoot as Tags) : {};
};

/**
 * The café an agenda step belongs to (`world-cafe.round-2` → the board's first café,
 * `world-cafe@3.harvest` → café 3) and what the step is; null for steps of other methods.
 */
export function worldCafeStep(
  stepId: string | null,
): { instance: string | undefined; kind: 'round' | 'harvest' | 'other' } | null {
  const match = /^world-cafe(?:@([a-z0-9-]+))?\.([a-z0-9-]+)$/.exec(stepId ?? '');
  if (!match) return null;
  const kind = match[2]!.startsWith('round-') ? 'round' : match[2] === 'harvest' ? 'harvest' : 'other';
  return { instance: match[1], kind };
}

/** The frame of a café's table, or of its harvest (`table` null), on the current page. */
export function findCafeFrame(editor: Editor, instance: string | undefined, table: number | null): TLShapeId | null {
  for (const shape of editor.getCurrentPageShapes()) {
    if (shape.type !== 'frame') continue;
    const tags = tagsOf(shape.meta);
    if (tags.template !== 'world-cafe' || (tags.instance ?? undefined) !== instance) continue;
    if (table === null ? tags.part === 'harvest' : tags.part === 'table' && tags.table === table) return shape.id;
  }
  return null;
}

/** Space kept free around a frame the view moves to, in screen pixels. */
const FRAME_INSET = 48;

/**
 * Moves the view to a frame, gently. When tldraw's style panel is open, the frame is fitted
 * beside it (on whichever side it is, so in either reading direction), so the panel never
 * covers the frame's question, however tall the canvas is.
 */
export function zoomToFrame(editor: Editor, frameId: TLShapeId): void {
  const bounds = editor.getShapePageBounds(frameId);
  if (!bounds) return;
  const screen = editor.getViewportScreenBounds();
  const panel = editor.getContainer().querySelector('.tlui-style-panel')?.getBoundingClientRect();
  if (!panel || panel.width === 0) {
    editor.zoomToBounds(bounds, { inset: FRAME_INSET, animation: { duration: 300 } });
    return;
  }
  // The free band beside the panel, in the canvas's own screen coordinates.
  const panelStart = panel.left - screen.x;
  const panelEnd = panel.right - screen.x;
  const onTheEnd = panelStart + panel.width / 2 > screen.w / 2;
  const left = onTheEnd ? 0 : panelEnd;
  const right = onTheEnd ? panelStart : screen.w;
  const width = Math.max(right - left - 2 * FRAME_INSET, 1);
  const height = Math.max(screen.h - 2 * FRAME_INSET, 1);
  const z = Math.min(width / bounds.w, height / bounds.h, editor.getCameraOptions().zoomSteps.at(-1) ?? 8);
  // Screen point s shows page point p where s = (p + camera) * z.
  const x = (left + FRAME_INSET + (width - bounds.w * z) / 2) / z - bounds.x;
  const y = (FRAME_INSET + (height - bounds.h * z) / 2) / z - bounds.y;
  editor.setCamera({ x, y, z }, { animation: { duration: 300 } });
}

/** The area of a round at a café's table (where this round's notes go), on the current page. */
export function findCafeRoundArea(
  editor: Editor,
  instance: string | undefined,
  table: number,
  round: number,
): TLShapeId | null {
  for (const shape of editor.getCurrentPageShapes()) {
    const tags = tagsOf(shape.meta);
    if (tags.template !== 'world-cafe' || (tags.instance ?? undefined) !== instance) continue;
    if (tags.part === 'round' && tags.table === table && (tags as { round?: unknown }).round === round) return shape.id;
  }
  return null;
}
