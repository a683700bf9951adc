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

/** Moves the view to a frame, gently. */
export function zoomToFrame(editor: Editor, frameId: TLShapeId): void {
  const bounds = editor.getShapePageBounds(frameId);
  if (bounds) editor.zoomToBounds(bounds, { inset: 48, animation: { duration: 300 } });
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
