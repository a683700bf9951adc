import type { Role } from '@talkoot/protocol';

/** The documents of a board a member can sync. */
export type SyncedDoc =
  | { readonly kind: 'board' }
  | { readonly kind: 'session' }
  /** Private notes of the member `owner`. */
  | { readonly kind: 'private'; readonly owner: string };

/** What a member may do on one document, as the sync route enforces it. */
export interface SyncAccess {
  /** May open it at all (else the socket closes with 4403). */
  readonly read: boolean;
  /** May write: never, always, or only while the board is not locked. */
  readonly write: 'never' | 'always' | 'unless-locked';
  /** Its writes are checked against locked frames. */
  readonly frameLocks: boolean;
  /** The only tldraw `user:` record it may write, or undefined for any (facilitators). */
  readonly ownUserRecord: string | undefined;
}

const NONE: SyncAccess = { read: false, write: 'never', frameLocks: false, ownUserRecord: undefined };

/**
 * Who may read and write which document of a board: the one table the sync route follows.
 * - the canvas: everyone reads; facilitators write always, participants unless the board is
 *   locked and never into a locked frame, observers never;
 * - the session document: everyone reads, only the server writes;
 * - private notes: their author (not an observer) reads and writes, facilitators read, nobody else.
 */
export function syncAccess(role: Role, memberId: string, doc: SyncedDoc): SyncAccess {
  const ownUserRecord = role === 'facilitator' ? undefined : `user:${memberId}`;
  switch (doc.kind) {
    case 'board':
      return {
        read: true,
        write: role === 'facilitator' ? 'always' : role === 'participant' ? 'unless-locked' : 'never',
        frameLocks: role !== 'facilitator',
        ownUserRecord,
      };
    case 'session':
      return { ...NONE, read: true };
    case 'private': {
      const own = doc.owner === memberId;
      if (!own && role !== 'facilitator') return NONE;
      return { read: true, write: own && role !== 'observer' ? 'always' : 'never', frameLocks: false, ownUserRecord };
    }
  }
}

/** Whether `access` lets a write through now. */
export const mayWrite = (access: SyncAccess, boardLocked: boolean): boolean =>
  access.write === 'always' || (access.write === 'unless-locked' && !boardLocked);
