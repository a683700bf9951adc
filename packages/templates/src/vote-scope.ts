import { type ShapeRecord, talkootOf } from './shape-record.ts';
import type { RecordLookup } from './note-origin.ts';
import { getTemplate } from './templates.ts';

/** Why a shape cannot get a vote (see {@link voteRefusal}). */
export type VoteRefusal = 'not-a-note' | 'example' | 'outside-frame';

/** How deep frames and groups may nest before a parent chain counts as broken. */
const MAX_DEPTH = 50;

/**
 * Whether a note is one of its template's examples or prompts (the template's
 * `readBack.skipParts`, e.g. the prioritisation's example idea): scaffolding, not content.
 */
export function isTemplateScaffolding(shape: Pick<ShapeRecord, 'meta'>): boolean {
  const own = talkootOf(shape);
  if (typeof own.template !== 'string' || typeof own.part !== 'string') return false;
  try {
    return getTemplate(own.template).readBack.skipParts.includes(own.part);
  } catch {
    return false;
  }
}

/** A stored shape as far as voting reads it (untrusted JSON). */
type VotedShape = Pick<ShapeRecord, 'meta'> & { typeName: 'shape'; type: string; parentId?: unknown };

const isShape = (value: unknown): value is VotedShape =>
  typeof value === 'object' &&
  value !== null &&
  (value as { typeName?: unknown }).typeName === 'shape' &&
  typeof (value as { type?: unknown }).type === 'string';

/** Whether `frameId` is among the shape's parents (frames and groups hold their shapes as children). */
export function isInsideFrame(lookup: RecordLookup, shape: { parentId?: unknown }, frameId: string): boolean {
  let parentId = shape.parentId;
  for (let depth = 0; depth < MAX_DEPTH && typeof parentId === 'string'; depth++) {
    if (parentId === frameId) return true;
    const parent = lookup(parentId);
    if (!isShape(parent)) return false;
    parentId = parent.parentId;
  }
  return false;
}

/**
 * Why a vote on `shapeId` is refused, or null when the note can get one: only sticky notes
 * are voted on, never a template's example, and in a vote limited to a frame (`frameId`) only
 * the notes inside it. The server decides with it; the client uses it to offer only what the
 * server will take.
 */
export function voteRefusal(lookup: RecordLookup, shapeId: string, frameId: string | null): VoteRefusal | null {
  const shape = lookup(shapeId);
  if (!isShape(shape) || shape.type !== 'note') return 'not-a-note';
  if (isTemplateScaffolding(shape)) return 'example';
  if (frameId !== null && !isInsideFrame(lookup, shape, frameId)) return 'outside-frame';
  return null;
}
