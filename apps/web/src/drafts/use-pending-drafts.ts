import { RECORDS_MAP_NAME } from '@talkoot/tldraw-yjs';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { ConnectionState } from '../board/use-board-connection.ts';
import { clearPendingSnapshot, loadPendingSnapshot, savePendingSnapshot } from './draft-storage.ts';
import type { ShapeText } from './text-snapshot.ts';
import { unsavedTexts } from './text-snapshot.ts';
import { keepDrafts, reportRefusal } from './use-drafts.ts';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * Called as the board connection throws its copy away after a refusal: keeps the copy's texts
 * (until the fresh copy has synced, also across a reload) and the reason for the panel.
 */
export function holdDroppedTexts(boardId: string, memberId: string, code: number, texts: readonly ShapeText[]): void {
  savePendingSnapshot(storage(), boardId, memberId, texts);
  reportRefusal(boardId, memberId, code);
}

/** Options of {@link usePendingDrafts}. */
export interface PendingDraftsOptions {
  boardId: string;
  memberId: string;
  connection: ConnectionState;
  /** The bound doc of the current copy, or null while there is none. */
  doc: Y.Doc | null;
}

/**
 * Once the fresh copy has synced with the server, turns the held texts that the server does not
 * have (see {@link unsavedTexts}) into drafts, and forgets the rest.
 */
export function usePendingDrafts({ boardId, memberId, connection, doc }: PendingDraftsOptions): void {
  useEffect(() => {
    // Online means this copy has synced; before that the doc may only look like it lacks a text.
    if (connection !== 'online' || !doc) return;
    const pending = loadPendingSnapshot(storage(), boardId, memberId);
    if (!pending) return;
    // The doc rather than the store: it is exactly what the server sent, whatever the binding did.
    const unsaved = unsavedTexts(pending, doc.getMap(RECORDS_MAP_NAME).values());
    keepDrafts(
      boardId,
      memberId,
      unsaved.map(({ text, type }) => ({ text, type, source: 'board' as const })),
    );
    clearPendingSnapshot(storage(), boardId, memberId);
  }, [boardId, memberId, connection, doc]);
}
