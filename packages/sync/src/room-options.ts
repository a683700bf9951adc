import type { DocStore } from './doc-store.ts';
import type { FanOut } from './fan-out.ts';
import type { RateLimits } from './rate-limiter.ts';
import type { Room } from './room.ts';
import type { QuarantinedUpdate } from './stored-updates.ts';
import type { WriteLimits } from './write-gate.ts';

/** Options shared by every room of a manager. */
export interface RoomOptions {
  store: DocStore;
  fanOut: FanOut | undefined;
  rateLimits: RateLimits;
  writeLimits: WriteLimits;
  /** A board over this many bytes (encoded) takes no more content, only deletions. */
  maxDocBytes: number;
  /** Awareness states one socket may publish (a tab has one; a few for tabs sharing a socket). */
  maxPresencePerSocket: number;
  /** Stored updates that could not be applied on load (see `applyStoredUpdates`). */
  onQuarantine: (room: Room, quarantined: readonly QuarantinedUpdate[]) => void;
  /** Sockets with more than this many bytes queued are closed as too slow. */
  maxBufferedBytes: number;
  /** Whether the store takes writes now (see `StorageHealth`). */
  canStore: () => boolean;
  /**
   * A load failed because the storage does not answer (see `isStorageUnavailable`): the room
   * keeps its sockets waiting, tells them, and tries again after this many ms.
   */
  storageUnavailable: (error: unknown) => number;
  /**
   * How long after the room's sync step 1 a client's update that depends on the client's own
   * unseen writing waits for the client's answer (its sync step 2) before it is refused.
   */
  answerWaitMs: number;
  /** Asks the manager to flush this room at the end of the current event-loop turn. */
  schedule: (room: Room) => void;
  onIdle: (room: Room) => void;
  onError: (error: unknown, context: string) => void;
}
