import { TL_RECORDS_MAP } from '@talkoot/protocol';
import type * as Y from 'yjs';

/** The parent id of a tldraw record stored as plain JSON, if it has one. */
function parentOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'parentId' in value && typeof value.parentId === 'string') {
    return value.parentId;
  }
  return undefined;
}

/** The locked frames and every shape inside them, at any depth. */
function protectedIds(records: Y.Map<unknown>, frames: readonly string[]): Set<string> {
  const locked = new Set(frames);
  const inside = new Map<string, boolean>();
  const isInside = (id: string, depth: number): boolean => {
    if (locked.has(id)) return true;
    const known = inside.get(id);
    if (known !== undefined) return known;
    const parent = parentOf(records.get(id));
    const result = parent !== undefined && depth < 100 && isInside(parent, depth + 1);
    inside.set(id, result);
    return result;
  };
  const ids = new Set<string>();
  for (const id of records.keys()) if (isInside(id, 0)) ids.add(id);
  return ids;
}

/**
 * The per-update check for a participant while some frames are locked: an update may not
 * change, delete or move out a locked frame or anything in it, nor move or create a shape
 * inside one. Returns undefined when no frame is locked.
 */
export function frameLockGuard(
  doc: Y.Doc,
  lockedFrames: readonly string[],
): ((transaction: Y.Transaction) => boolean) | undefined {
  if (lockedFrames.length === 0) return undefined;
  const records = doc.getMap<unknown>(TL_RECORDS_MAP);
  const before = protectedIds(records, lockedFrames);
  return (transaction) => {
    const keys = transaction.changed.get(records as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>);
    if (!keys) return true;
    for (const key of keys) {
      if (key === null) continue;
      if (before.has(key)) return false;
      const parent = parentOf(records.get(key));
      if (parent !== undefined && before.has(parent)) return false;
    }
    return true;
  };
}
