// The narrow entry, not the package's index: the compaction worker imports this file, and
// loading all of the sync core there doubled the worker's start-up (~290 → ~130 ms CPU).
import { applyStoredUpdates } from '@talkoot/sync/stored-updates';
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
