import { applyStoredUpdates } from '@talkoot/sync';
import * as Y from 'yjs';

/** A document's stored updates merged into one snapshot, and which of them were left out. */
export interface Merged {
  readonly merged: Uint8Array;
  /** Positions of the updates the write gate refused (hostile content from before it). */
  readonly leftOut: readonly number[];
}

/** Merges a document's snapshot and log (in order) the way a load applies them. */
export function mergeStored(updates: readonly Uint8Array[]): Merged {
  const doc = new Y.Doc();
  try {
    const leftOut = applyStoredUpdates(doc, updates, 'compact').map(({ index }) => index);
    return { merged: Y.encodeStateAsUpdate(doc), leftOut };
  } finally {
    doc.destroy();
  }
}
