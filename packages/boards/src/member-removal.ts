import type { MemberRecord } from './board-directory.ts';

/** What removing `targetId` from a board would do, decided by {@link decideRemoval}. */
export type Removal =
  | {
      readonly kind: 'remove';
      /**
       * The removed member is a facilitator, who may hold the co-facilitator link: it is
       * replaced, so they cannot come back through it.
       */
      readonly rotateFacilitatorCode: boolean;
    }
  | { readonly kind: 'refused'; readonly reason: 'cannot-remove-self' | 'cannot-remove-creator' | 'member-not-found' };

/**
 * Who may remove whom, as a pure function of the board's members (oldest first, as the
 * directory lists them). The board's creator, its first facilitator, cannot be removed at
 * all: a co-facilitator who got the link cannot lock the creator out. Nobody removes
 * themselves. Removing any other facilitator rotates the co-facilitator code.
 */
export function decideRemoval(members: readonly MemberRecord[], actorId: string, targetId: string): Removal {
  const target = members.find((m) => m.id === targetId);
  if (!target) return { kind: 'refused', reason: 'member-not-found' };
  if (targetId === actorId) return { kind: 'refused', reason: 'cannot-remove-self' };
  const creator = members.find((m) => m.role === 'facilitator');
  if (creator?.id === targetId) return { kind: 'refused', reason: 'cannot-remove-creator' };
  return { kind: 'remove', rotateFacilitatorCode: target.role === 'facilitator' };
}
