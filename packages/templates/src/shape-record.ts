/**
 * A tldraw shape as stored in a board doc (untrusted JSON), checked only for what template
 * code reads: where it is, what it is, its props and its `meta.talkoot` tags.
 */
export interface ShapeRecord {
  id: string;
  type: string;
  x: number;
  y: number;
  index?: unknown;
  parentId: string;
  props: Record<string, unknown>;
  meta?: { talkoot?: unknown };
}

/** Whether a stored record is a shape with an id, a type, a position, a parent and props. */
export function isShapeRecord(value: unknown): value is ShapeRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    r.typeName === 'shape' &&
    typeof r.id === 'string' &&
    typeof r.type === 'string' &&
    typeof r.x === 'number' &&
    typeof r.y === 'number' &&
    typeof r.parentId === 'string' &&
    typeof r.props === 'object' &&
    r.props !== null
  );
}

/** A shape's `meta.talkoot` tags, or an empty object when it has none. */
export function talkootOf(shape: Pick<ShapeRecord, 'meta'>): Record<string, unknown> {
  const meta: unknown = shape.meta;
  const talkoot = typeof meta === 'object' && meta !== null ? (meta as { talkoot?: unknown }).talkoot : undefined;
  return typeof talkoot === 'object' && talkoot !== null ? (talkoot as Record<string, unknown>) : {};
}

/**
 * A short, stable base-36 hash (32-bit FNV-1a) for ids derived from other ids, so writing the
 * same derived shape twice sets one record instead of adding a second.
 */
export function stableHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
