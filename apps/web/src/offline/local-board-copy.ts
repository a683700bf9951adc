import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** IndexedDB database name of a board's copy on this device. */
export function localBoardCopyName(boardId: string): string {
  return `talkoot.board.${boardId}`;
}

/** A board's doc kept in IndexedDB, so work survives a dropped connection and a reload. */
export interface LocalBoardCopy {
  /** Resolves once what the device had stored has been applied to the doc. */
  readonly whenLoaded: Promise<void>;
  /** Stops writing and deletes the copy from the device. */
  clear(): Promise<void>;
  /** Stops writing; the copy stays on the device. */
  destroy(): void;
}

/**
 * Keeps `doc` in IndexedDB under {@link localBoardCopyName}: loads what the device has into it,
 * then stores every update. Null where IndexedDB is missing; the board then works online only.
 */
export function openLocalBoardCopy(boardId: string, doc: Y.Doc): LocalBoardCopy | null {
  if (typeof indexedDB === 'undefined') return null;
  const persistence = new IndexeddbPersistence(localBoardCopyName(boardId), doc);
  let destroyed: Promise<void> | null = null;
  const destroy = () => {
    destroyed ??= persistence.destroy().catch(() => undefined);
    return destroyed;
  };
  return {
    whenLoaded: persistence.whenSynced.then(() => undefined),
    clear: () => destroy().then(() => clearLocalBoardCopy(boardId)),
    destroy: () => void destroy(),
  };
}

/**
 * Deletes a board's copy from this device, e.g. when the server says this person may no longer
 * see the board: a shared tablet must not keep a removed participant's board.
 */
export async function clearLocalBoardCopy(boardId: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await clearDocument(localBoardCopyName(boardId));
}
