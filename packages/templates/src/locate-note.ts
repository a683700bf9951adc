import { isShapeRecord, type ShapeRecord, talkootOf } from './shape-record.ts';
import type { PartTags } from './template-definition.ts';

/** Where a note sits on a template board. */
export interface NoteLocation {
  /** The innermost frame holding the note (its tldraw parent chain), if any. */
  frameId: string | null;
  /** Tagged template parts containing the note, innermost first. */
  containerIds: string[];
  /**
   * The containers' tags merged, inner over outer, e.g. `{ template: 'world-cafe', part:
   * 'round', table: 3, round: 2 }`; null when the note is in no tagged part.
   */
  tags: (PartTags & { template?: string; templateVersion?: number }) | null;
}

const NOTE_SIZE = 200;

const tagsOf = (shape: ShapeRecord): NoteLocation['tags'] => {
  const talkoot = talkootOf(shape);
  return typeof talkoot.part === 'string' ? (talkoot as NonNullable<NoteLocation['tags']>) : null;
};

const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * Finds the template parts (frames, lanes, quadrants, rounds) a note lies in, even after people
 * moved things: the note's parent frames count, and so does every tagged frame or area its centre
 * lies in (areas are not parents in tldraw, so geometry decides). Rotation is ignored.
 *
 * `records` are tldraw records as stored in the board doc (untrusted JSON is fine: anything
 * that is not a shape is skipped). Returns null if there is no such note.
 */
export function locateNote(records: Iterable<unknown>, noteId: string): NoteLocation | null {
  const shapes = new Map<string, ShapeRecord>();
  for (const record of records) if (isShapeRecord(record)) shapes.set(record.id, record);
  const note = shapes.get(noteId);
  if (!note) return null;

  // Page position of a shape: the sum of its own and its ancestors' offsets.
  const origins = new Map<string, { x: number; y: number }>();
  const originOf = (shape: ShapeRecord, depth = 0): { x: number; y: number } => {
    const known = origins.get(shape.id);
    if (known) return known;
    const parent = shapes.get(shape.parentId);
    const base = parent && depth < 50 ? originOf(parent, depth + 1) : { x: 0, y: 0 };
    const origin = { x: base.x + shape.x, y: base.y + shape.y };
    origins.set(shape.id, origin);
    return origin;
  };

  const ancestors = new Set<string>();
  let frameId: string | null = null;
  for (let p = shapes.get(note.parentId); p && !ancestors.has(p.id); p = shapes.get(p.parentId)) {
    ancestors.add(p.id);
    if (frameId === null && p.type === 'frame') frameId = p.id;
  }

  const scale = num(note.props.scale, 1);
  const noteOrigin = originOf(note);
  const centre = {
    x: noteOrigin.x + (NOTE_SIZE * scale) / 2,
    y: noteOrigin.y + ((NOTE_SIZE + num(note.props.growY, 0)) * scale) / 2,
  };

  const containers: { shape: ShapeRecord; area: number; tags: NonNullable<NoteLocation['tags']> }[] = [];
  for (const shape of shapes.values()) {
    if (shape.id === note.id || shape.type === 'note') continue;
    const tags = tagsOf(shape);
    if (!tags) continue;
    const w = num(shape.props.w, 0);
    const h = num(shape.props.h, 0) + num(shape.props.growY, 0);
    const origin = originOf(shape);
    const inside = centre.x >= origin.x && centre.x <= origin.x + w && centre.y >= origin.y && centre.y <= origin.y + h;
    if (inside || ancestors.has(shape.id)) containers.push({ shape, area: w * h, tags });
  }
  // Outer parts first, so inner tags (a round inside a table) win when merged.
  containers.sort((a, b) => b.area - a.area);
  if (frameId === null) {
    const frame = containers.findLast((c) => c.shape.type === 'frame');
    frameId = frame?.shape.id ?? null;
  }
  return {
    frameId,
    containerIds: containers.map((c) => c.shape.id).reverse(),
    tags: containers.length > 0 ? Object.assign({}, ...containers.map((c) => c.tags)) : null,
  };
}
