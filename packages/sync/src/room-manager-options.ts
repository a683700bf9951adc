import type { DocStore } from './doc-store.ts';
import type { FanOut } from './fan-out.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limiter.ts';
import type { QuarantinedUpdate } from './stored-updates.ts';
import { DEFAULT_WRITE_LIMITS, type WriteLimits } from './write-gate.ts';

/** Configuration of a `RoomManager`. */
export interface RoomManagerOptions {
  store: DocStore;
  /** Cross-instance relay; omit for a single server. */
  fanOut?: FanOut;
  /** How long a room with no connection stays in memory. Default 30 s. */
  idleUnloadMs?: number;
  /**
   * With a store shared by several instances ({@link DocStore.readSince}): how often every
   * loaded room reads what other instances stored, repairing fan-out frames that were lost
   * (or standing in for the fan-out while it is down). Default 5 s; 0 turns it off.
   */
  reconcileMs?: number;
  /**
   * Documents kept in memory as long as a given document is (e.g. a board's session
   * document, whose lock state every write to the board is checked against).
   */
  companions?: (docName: string) => readonly string[];
  rateLimits?: Partial<RateLimits>;
  /** Limits on one update (see {@link DEFAULT_WRITE_LIMITS}). */
  writeLimits?: Partial<WriteLimits>;
  /** Size cap of one document, encoded; past it only deletions are accepted. Default 16 MiB. */
  maxDocBytes?: number;
  /** Awareness states one socket may publish. Default 4. */
  maxPresencePerSocket?: number;
  /** Told about stored updates a load had to leave out (e.g. to tell a board's facilitators). */
  onQuarantine?: (docName: string, quarantined: readonly QuarantinedUpdate[]) => void;
  /** While the storage is full: how often a probe write checks for space again. Default 5 s. */
  storageProbeMs?: number;
  /** Default 16 MiB. */
  maxBufferedBytes?: number;
  /**
   * How long an update that depends on its sender's own unseen writing waits for the sender's
   * sync step 2 (counted from the room's sync step 1) before it is refused. Default 5 s.
   */
  answerWaitMs?: number;
  onError?: (error: unknown, context: string) => void;
}

/** The options with every default filled in. */
export type ResolvedOptions = Required<Omit<RoomManagerOptions, 'fanOut' | 'rateLimits' | 'writeLimits'>> & {
  fanOut: FanOut | undefined;
  rateLimits: RateLimits;
  writeLimits: WriteLimits;
};

const MiB = 1024 * 1024;

export function resolveOptions(options: RoomManagerOptions): ResolvedOptions {
  return {
    store: options.store,
    fanOut: options.fanOut,
    idleUnloadMs: options.idleUnloadMs ?? 30_000,
    reconcileMs: options.reconcileMs ?? 5000,
    companions: options.companions ?? (() => []),
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    writeLimits: { ...DEFAULT_WRITE_LIMITS, ...options.writeLimits },
    maxDocBytes: options.maxDocBytes ?? 16 * MiB,
    maxPresencePerSocket: options.maxPresencePerSocket ?? 4,
    onQuarantine:
      options.onQuarantine ??
      ((docName, quarantined) =>
        console.error(
          `[sync] ${docName}: ${quarantined.length} stored update(s) could not be applied and were left out`,
        )),
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * MiB,
    answerWaitMs: options.answerWaitMs ?? 5000,
    storageProbeMs: options.storageProbeMs ?? 5000,
    onError: options.onError ?? ((error, context) => console.error(`[sync] ${context}:`, error)),
  };
}
