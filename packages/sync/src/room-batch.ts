import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import type { DocAppend } from './doc-store.ts';
import { OutgoingFrames } from './sync-socket.ts';
import { encodeAwareness, encodeUpdate } from './messages.ts';

/** A connection, or `null` for the fan-out (other instances) and the server itself. */
export type Source = Connection | null;

/** Everything one room produced in one event-loop turn. */
export interface RoomBatch {
  /** Updates to persist (those from the fan-out were persisted by their instance). */
  readonly toPersist: Uint8Array[];
  /** Every update of the turn, to broadcast. */
  readonly updates: Uint8Array[];
  readonly updateSources: Set<Source>;
  readonly awarenessClients: Set<number>;
  readonly awarenessSources: Set<Source>;
  /** Clients whose presence changed here (not through the fan-out): relayed to other instances. */
  readonly awarenessLocal: Set<number>;
  /** Replies to one connection (sync step 1 and 2, awareness on connect). */
  readonly direct: Map<Connection, Uint8Array[]>;
}

export const newBatch = (): RoomBatch => ({
  toPersist: [],
  updates: [],
  updateSources: new Set(),
  awarenessClients: new Set(),
  awarenessSources: new Set(),
  awarenessLocal: new Set(),
  direct: new Map(),
});

/** What y-protocols' Awareness reports as changed. */
export interface AwarenessChange {
  readonly added: readonly number[];
  readonly updated: readonly number[];
  readonly removed: readonly number[];
}

/**
 * Adds a document update to the batch: to persist unless it came through the fan-out (its
 * instance stored it), and to broadcast to all but its lone source.
 */
export function recordUpdate(batch: RoomBatch, update: Uint8Array, source: Source | 'fan-out'): void {
  batch.updates.push(update);
  if (source === 'fan-out') {
    batch.updateSources.add(null);
  } else {
    batch.toPersist.push(update);
    batch.updateSources.add(source);
  }
}

/**
 * Adds a presence change to the batch; `relay` when other instances must hear of it (it
 * happened here). A removal by the server (disconnect, timeout) has no source: it reaches everyone.
 */
export function recordPresence(batch: RoomBatch, change: AwarenessChange, source: Source, relay: boolean): void {
  for (const id of [...change.added, ...change.updated, ...change.removed]) {
    batch.awarenessClients.add(id);
    if (relay) batch.awarenessLocal.add(id);
  }
  batch.awarenessSources.add(source);
}

/** Which parts of a batch go out now: presence need not wait for the store, the document does. */
export interface BatchParts {
  readonly awareness: boolean;
  readonly document: boolean;
}

/** What a batch sends: frames per socket, and this instance's own part for the other instances. */
export interface Outgoing {
  /** Each socket's frames, in order; sockets due the same frames share one {@link OutgoingFrames}. */
  readonly toSockets: ReadonlyMap<Connection, OutgoingFrames>;
  /** To publish on the fan-out: only what happened here (not what came from there). */
  readonly toFanOut: readonly Uint8Array[];
}

/**
 * Plans what a batch's `parts` send: one merged update frame to everyone but a lone sender, one
 * awareness frame likewise, and the direct replies (with the document part only: they depend on
 * the batch's updates being stored). Reads the awareness states as they are now. With `relay`
 * (a fan-out exists), also what to publish to the other instances.
 */
export function outgoingOf(
  batch: RoomBatch,
  parts: BatchParts,
  awareness: awarenessProtocol.Awareness,
  connections: Iterable<Connection>,
  relay: boolean,
): Outgoing {
  const published: Uint8Array[] = [];
  const awarenessFrame = parts.awareness ? awarenessFrameOf(batch, awareness, published) : undefined;
  const updateFrame = parts.document ? updateFrameOf(batch, published) : undefined;
  const toFanOut = relay ? published : [];
  const direct = parts.document && batch.direct.size > 0 ? batch.direct : undefined;
  const toSockets = new Map<Connection, OutgoingFrames>();
  if (!awarenessFrame && !updateFrame && !direct) return { toSockets, toFanOut };
  const skipAwareness = awarenessFrame ? loneSource(batch.awarenessSources) : undefined;
  const skipUpdate = updateFrame ? loneSource(batch.updateSources) : undefined;
  const both = updateFrame && awarenessFrame ? new OutgoingFrames([updateFrame, awarenessFrame]) : undefined;
  const onlyUpdate = updateFrame ? new OutgoingFrames([updateFrame]) : undefined;
  const onlyAwareness = awarenessFrame ? new OutgoingFrames([awarenessFrame]) : undefined;
  for (const connection of connections) {
    if (connection.pending) continue;
    const update = updateFrame !== undefined && connection !== skipUpdate;
    const presence = awarenessFrame !== undefined && connection !== skipAwareness;
    const replies = direct?.get(connection);
    let frames: OutgoingFrames | undefined;
    if (replies) {
      frames = new OutgoingFrames([
        ...replies,
        ...(update ? [updateFrame] : []),
        ...(presence ? [awarenessFrame] : []),
      ]);
    } else {
      frames = update ? (presence ? both : onlyUpdate) : presence ? onlyAwareness : undefined;
    }
    if (frames) toSockets.set(connection, frames);
  }
  return { toSockets, toFanOut };
}

/** The batch's awareness frame for the sockets; the part that changed here goes to `toFanOut`. */
function awarenessFrameOf(
  batch: RoomBatch,
  awareness: awarenessProtocol.Awareness,
  toFanOut: Uint8Array[],
): Uint8Array | undefined {
  if (batch.awarenessClients.size === 0) return undefined;
  const clients = [...batch.awarenessClients].filter((id) => awareness.meta.has(id));
  if (clients.length === 0) return undefined;
  const frame = encodeAwareness(awareness, clients);
  if (batch.awarenessLocal.size > 0) {
    const local = [...batch.awarenessLocal].filter((id) => awareness.meta.has(id));
    if (local.length > 0) toFanOut.push(local.length === clients.length ? frame : encodeAwareness(awareness, local));
  }
  return frame;
}

/** The batch's merged update frame for the sockets; this instance's own part goes to `toFanOut`. */
function updateFrameOf(batch: RoomBatch, toFanOut: Uint8Array[]): Uint8Array | undefined {
  if (batch.updates.length === 0) return undefined;
  const frame = encodeUpdate(batch.updates.length === 1 ? batch.updates[0]! : Y.mergeUpdates(batch.updates));
  if (batch.toPersist.length > 0) {
    toFanOut.push(
      batch.toPersist.length === batch.updates.length ? frame : encodeUpdate(Y.mergeUpdates(batch.toPersist)),
    );
  }
  return frame;
}

/** The only connection that contributed, if exactly one did: it needn't get its own data back. */
function loneSource(sources: Set<Source>): Source | undefined {
  if (sources.size !== 1) return undefined;
  const [only] = sources;
  return only ?? undefined;
}

/**
 * What a flush stores: the new updates of each room still loaded (a room dropped meanwhile,
 * its board deleted or its storage failed, stores and sends nothing).
 */
export function appendsOf(
  batches: readonly (readonly [{ readonly name: string; readonly storesChanges: boolean }, RoomBatch])[],
): DocAppend[] {
  const appends: DocAppend[] = [];
  for (const [room, batch] of batches) {
    if (room.storesChanges && batch.toPersist.length > 0)
      appends.push({ docName: room.name, updates: batch.toPersist });
  }
  return appends;
}
