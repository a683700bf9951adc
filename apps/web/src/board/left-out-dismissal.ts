import type { KeyValueStorage } from '../local-session.ts';

/** sessionStorage key under which a dismissed left-out notice remembers its count. */
export const leftOutDismissalKey = (boardId: string): string => `talkoot.left-out-dismissed.${boardId}`;

/**
 * Whether the facilitator should see that `leftOut` stored changes were left out of the board:
 * when there are any, unless this tab dismissed the notice for that same count (a board that
 * loads with a different count is news again).
 */
export function showsLeftOutNotice(storage: KeyValueStorage | null, boardId: string, leftOut: number): boolean {
  if (leftOut <= 0) return false;
  try {
    return storage?.getItem(leftOutDismissalKey(boardId)) !== String(leftOut);
  } catch {
    return true;
  }
}

/** Remembers, for this tab, that the notice about `leftOut` left-out changes was dismissed. */
export function dismissLeftOutNotice(storage: KeyValueStorage | null, boardId: string, leftOut: number): void {
  try {
    storage?.setItem(leftOutDismissalKey(boardId), String(leftOut));
  } catch {
    // Full or unavailable storage: the notice stays dismissed until the page reloads.
  }
}
