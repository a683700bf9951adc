import type { Editor } from 'tldraw';
import { apiClient } from '../api-client.ts';
import { browserStorage, listSessions } from '../local-session.ts';

/** A board a note can be sent to as a need. */
export interface PromoteTarget {
  boardId: string;
  title: string;
  /** A token for that board; absent for the board in use (its own token is used). */
  token?: string;
}

/** Whether the board in the editor has a prioritisation with an ideas and needs frame. */
export function hasPrioritisation(editor: Editor): boolean {
  return editor.getCurrentPageShapes().some((shape) => {
    const tags = (shape.meta as { talkoot?: { template?: unknown; part?: unknown } }).talkoot;
    return shape.type === 'frame' && tags?.template === 'prioritisation' && tags.part === 'ideas';
  });
}

/**
 * Other boards this device has joined (as participant or facilitator), with their titles. A
 * board the server no longer knows, or where this device was removed, is left out.
 */
export async function otherBoards(currentBoardId: string): Promise<PromoteTarget[]> {
  const storage = browserStorage() as Storage | null;
  const sessions = listSessions(storage).filter(
    ({ boardId, session }) => boardId !== currentBoardId && session.role !== 'observer',
  );
  const boards = await Promise.all(
    sessions.map(async ({ boardId, session }) => {
      try {
        const meta = await apiClient.getBoard(boardId, session.token);
        return { boardId, title: meta.title, token: session.token };
      } catch {
        return null;
      }
    }),
  );
  return boards.filter((b): b is { boardId: string; title: string; token: string } => b !== null);
}
