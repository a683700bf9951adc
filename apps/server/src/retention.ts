import type { BoardService } from '@talkoot/boards';
import { CloseCode } from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import type { SessionService } from './session-service.ts';

/** What deleting a board touches. */
export interface DeletionDeps {
  boards: BoardService;
  rooms: RoomManager;
  sessions: SessionService;
}

/**
 * Deletes a board for good: its tokens first (so nobody can reconnect), then its open
 * sockets (closed with 4404), its canvas, session and private documents.
 */
export async function deleteBoardForGood(deps: DeletionDeps, boardId: string): Promise<void> {
  await deps.boards.deleteBoard(boardId);
  await deps.rooms.deleteTree(boardId, CloseCode.BOARD_NOT_FOUND, 'board deleted');
  deps.sessions.forget(boardId);
}

/**
 * Deletes boards whose retention period is over, now and then every `intervalMs`.
 * Returns a function that stops it.
 */
export function startRetentionSweeper(
  deps: DeletionDeps,
  intervalMs: number,
  onError: (error: unknown) => void = (error) => console.error('[retention]', error),
): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      for (const boardId of await deps.boards.expiredBoards()) await deleteBoardForGood(deps, boardId);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
