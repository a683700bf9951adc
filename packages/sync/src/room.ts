import { CloseCode } from '@talkoot/protocol';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Connection, type ConnectionHost, type ConnectionOptions, type RoomConnection } from './connection.ts';
import type { DocStore } from './doc-store.ts';
import type { FanOut } from './fan-out.ts';
import {
  type ClientMessage,
  decodeClientMessage,
  decodedUpdateOf,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessageError,
  MessageType,
} from './messages.ts';
import { admitPresence } from './presence-gate.ts';
import type { RateLimits } from './rate-limiter.ts';
import { applyStoredUpdates, type QuarantinedUpdate } from './stored-updates.ts';
import type { SyncSocket } from './sync-socket.ts';
import { inspectUpdate, type WriteLimits } from './write-gate.ts';

export type { ConnectionOptions, RoomConnection } from './connection.ts';

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
  /** Stored updates that could not be applied on load (see {@link applyStoredUpdates}). */
  onQuarantine: (room: Room, quarantined: readonly QuarantinedUpdate[]) => void;
  /** Sockets with more than this many bytes queued are closed as too slow. */
  maxBufferedBytes: number;
  /** Asks the manager to flush this room at the end of the current event-loop turn. */
  schedule: (room: Room) => void;
  onIdle: (room: Room) => void;
  onError: (error: unknown, context: string) => void;
}

type RoomState = 'loading' | 'ready' | 'failed' | 'destroyed';

/** A connection, or `null` for the fan-out (other instances). */
type Source = Connection | null;

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
  readonly direct: Map<Connection, Uint8Array[]>;
}

const newBatch = (): RoomBatch => ({
  toPersist: [],
  updates: [],
  updateSources: new Set(),
  awarenessClients: new Set(),
  awarenessSources: new Set(),
  awarenessLocal: new Set(),
  direct: new Map(),
});

/**
 * Origin of updates that another instance already stored (fan-out frames, catch-up reads
 * of the store): they are broadcast to this room's sockets but neither stored nor
 * published again.
 */
const FAN_OUT_ORIGIN = Symbol('fan-out');

/**
 * One loaded board: a Y.Doc and its Awareness and the sockets connected to it. Frames
 * from clients are applied at once; what they produce (broadcasts and replies) is
 * collected in a {@link RoomBatch} that the manager persists and delivers at the end of
 * the event-loop turn, so no document frame leaves before the updates it depends on are
 * stored, and each socket gets at most one merged update frame and one awareness frame
 * per turn.
 */
export class Room implements ConnectionHost {
  readonly name: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly loaded: Promise<void>;
  private readonly connections = new Set<Connection>();
  private readonly options: RoomOptions;
  private state: RoomState = 'loading';
  private batch = newBatch();
  private scheduled = false;
  private unsubscribeFanOut: (() => void) | undefined;
  /** Document client id → the writer who adds content under it (see {@link ConnectionOptions.writer}). */
  private readonly writers = new Map<number, unknown>();
  /** Awareness client id → the local connection whose presence it is. */
  private readonly presenceHolders = new Map<number, Connection>();
  /** Encoded size of the document when last measured, and bytes accepted since. */
  private measuredBytes = 0;
  private grownBytes = 0;
  /** Stored updates the load had to leave out (hostile content from before the write gate). */
  quarantined: readonly QuarantinedUpdate[] = [];
  /** Fan-out frames that arrived while the room was loading. */
  private early: Uint8Array[] = [];
  /** The fan-out (re)subscribed while loading: catch up once loaded. */
  private activatedWhileLoading = false;
  /** Where this room's last read of a shared store ended. */
  private cursor: number | undefined;
  private catchUpChain: Promise<void> = Promise.resolve();
  private queuedCatchUp: Promise<void> | undefined;

  constructor(name: string, options: RoomOptions) {
    this.name = name;
    this.options = options;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
    // Subscribe before reading the store: whatever another instance publishes from now on
    // is either in what the load reads or arrives here (buffered until loaded).
    this.unsubscribeFanOut = options.fanOut?.subscribe(name, {
      onFrame: this.onFanOutFrame,
      onActive: this.onFanOutActive,
    });
    this.loaded = this.load();
  }

  /** Number of open connections. */
  get size(): number {
    return this.connections.size;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  private async load(): Promise<void> {
    try {
      const store = this.options.store;
      let updates: Uint8Array[];
      if (store.readSince) {
        const tail = await store.readSince(this.name, undefined);
        updates = tail.updates;
        this.cursor = tail.cursor;
      } else {
        updates = await store.load(this.name);
      }
      this.quarantined = applyStoredUpdates(this.doc, updates, 'load');
      this.measuredBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    } catch (error) {
      // Nothing is written for a room that failed to load: its sockets are closed
      // and the stored data stays exactly as it was.
      this.options.onError(error, `loading board ${this.name}`);
      this.fail(CloseCode.ROOM_LOAD_FAILED, 'board could not be loaded');
      return;
    }
    if (this.state !== 'loading') return;
    this.state = 'ready';
    if (this.quarantined.length > 0) this.options.onQuarantine(this, this.quarantined);
    // Before listening for updates: no socket has started yet, so there is nobody to tell.
    const early = this.early;
    this.early = [];
    for (const frame of early) this.onFanOutFrame(frame);
    this.doc.on('update', this.onDocUpdate);
    if (this.activatedWhileLoading) this.onFanOutActive();
    for (const connection of this.connections) this.start(connection);
  }

  /**
   * Applies what other instances stored since this room last read a shared store; resolves
   * once everything stored before the call is applied. Rooms call it when their fan-out
   * (re)subscribes, the manager periodically (repairing lost fan-out frames) and before
   * server-side changes (so they build on the latest state).
   */
  catchUp(): Promise<void> {
    // A read that has not started yet will see everything stored before this call.
    if (this.queuedCatchUp) return this.queuedCatchUp;
    const queued = this.catchUpChain.then(() => {
      this.queuedCatchUp = undefined;
      return this.readTail();
    });
    this.queuedCatchUp = queued;
    this.catchUpChain = queued.catch(() => undefined);
    return queued;
  }

  private async readTail(): Promise<void> {
    if (this.state !== 'ready') return;
    const store = this.options.store;
    let updates: Uint8Array[];
    let cursor: number | undefined;
    if (store.readSince) {
      const tail = await store.readSince(this.name, this.cursor);
      updates = tail.updates;
      cursor = tail.cursor;
    } else {
      updates = await store.load(this.name);
    }
    if (this.state !== 'ready') return;
    if (cursor !== undefined) this.cursor = Math.max(cursor, this.cursor ?? 0);
    if (updates.length === 0) return;
    // Known parts are skipped by Yjs; only what this room missed emits an update. Other
    // instances stored only what their gate accepted; rows from before the gate are checked.
    const quarantined = applyStoredUpdates(this.doc, updates, FAN_OUT_ORIGIN);
    if (quarantined.length > 0) {
      this.quarantined = [...this.quarantined, ...quarantined];
      this.options.onQuarantine(this, quarantined);
    }
  }

  /** Attaches a socket; frames it sends before the room is loaded are kept until then. */
  connect(socket: SyncSocket, options: ConnectionOptions): RoomConnection {
    const connection = new Connection(this, socket, options, this.options.rateLimits);
    if (this.state === 'failed' || this.state === 'destroyed') {
      connection.open = false;
      socket.close(CloseCode.ROOM_LOAD_FAILED, 'board could not be loaded');
      return connection;
    }
    this.connections.add(connection);
    if (this.state === 'ready') this.start(connection);
    return connection;
  }

  private start(connection: Connection): void {
    this.queueDirect(connection, encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) this.queueDirect(connection, encodeAwareness(this.awareness, clients));
    const pending = connection.pending ?? [];
    connection.pending = null;
    for (const frame of pending) {
      if (!connection.open) break;
      this.handleFrame(connection, frame);
    }
  }

  /** Applies one client frame. Malformed input closes that socket only. */
  handleFrame(connection: Connection, frame: Uint8Array): void {
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (error) {
      const reason = error instanceof MalformedMessageError ? error.message : 'bad message';
      this.kick(connection, CloseCode.BAD_MESSAGE, `malformed message: ${reason}`.slice(0, 120));
      return;
    }
    switch (message.kind) {
      case 'sync-step-1':
        try {
          this.queueDirect(connection, encodeSyncStep2(this.doc, message.stateVector));
        } catch (error) {
          // The document cannot be encoded; the client must not wait for a reply forever.
          this.options.onError(error, `encoding ${this.name} for a client`);
          this.kick(connection, CloseCode.ROOM_LOAD_FAILED, 'board could not be sent');
        }
        return;
      case 'sync-step-2':
      case 'update':
        try {
          this.write(connection, message.update);
        } catch (error) {
          this.options.onError(error, `applying an update to ${this.name}`);
          this.kick(connection, CloseCode.BAD_MESSAGE, 'update could not be applied');
          // A throw inside Yjs's transaction clean-up leaves that transaction queued, and the
          // document never emits (so never stores or sends) an update again. Start afresh
          // from the store; clients send again what they have.
          if (this.doc._transactionCleanups.length > 0) this.fail(CloseCode.ROOM_LOAD_FAILED, 'board must be reloaded');
        }
        return;
      case 'awareness':
        try {
          // Checked by the decoder already, so this does not fail half-way.
          const claimed = new Set<number>();
          const verdict = admitPresence(
            message.update,
            (client, clock) => this.presenceDecision(connection, client, clock, claimed),
            connection.presence,
          );
          if (verdict.clients.length === 0) return;
          awarenessProtocol.applyAwarenessUpdate(this.awareness, verdict.update, connection);
        } catch {
          this.kick(connection, CloseCode.BAD_MESSAGE, 'malformed awareness update');
        }
        return;
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()];
        this.queueDirect(connection, encodeAwareness(this.awareness, clients));
        return;
      }
    }
  }

  /**
   * The write gate: an update is decoded and checked against the document before anything of
   * it is applied (see {@link inspectUpdate}); a refused one is never applied, and its sender,
   * whose copy now holds a change the server will never have, is closed with a code that makes
   * Talkoot's client sync afresh (keeping the person's text as a draft).
   */
  private write(connection: Connection, update: Uint8Array): void {
    const verdict = inspectUpdate(this.doc, decodedUpdateOf(update), this.options.writeLimits, (client) =>
      this.isForeign(client, connection.writer),
    );
    if (!verdict.ok) {
      this.refuse(connection, CloseCode.UPDATE_REFUSED, `${verdict.reason}: ${verdict.detail}`);
      return;
    }
    const { changes } = verdict;
    // A sync step 2 re-sending what the server has (an observer's included) changes nothing.
    if (changes.writers.size === 0 && changes.entries.length === 0) return;
    if (!connection.canWrite()) {
      this.refuse(connection, CloseCode.UPDATE_REFUSED, 'this connection may not write');
      return;
    }
    if (connection.vet && !connection.vet(changes, this.doc)) {
      this.refuse(connection, CloseCode.UPDATE_REFUSED, 'not allowed here');
      return;
    }
    if (changes.adds && !this.fits(update.byteLength)) {
      this.refuse(connection, CloseCode.BOARD_FULL, 'the board is full');
      return;
    }
    Y.applyUpdate(this.doc, update, connection);
    this.grownBytes += update.byteLength;
    for (const client of changes.writers) this.writers.set(client, connection.writer);
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // The gate should make this impossible; if it happens, pending state must not fire later.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.options.onError(new Error('an update left pending state'), `writing to ${this.name}`);
      this.refuse(connection, CloseCode.UPDATE_REFUSED, 'update left pending state');
    }
  }

  /** Whether new content under `client` would be someone else's. */
  private isForeign(client: number, writer: unknown): boolean {
    const owner = this.writers.get(client);
    return owner !== undefined && owner !== writer;
  }

  /**
   * Whether a connection may set a client's presence: not an echo of a state the room has (its
   * clock is not newer), not another writer's client id, not held by another writer's socket,
   * and within the socket's cap (`claimed` counts the new ids of the message being read).
   */
  private presenceDecision(
    connection: Connection,
    client: number,
    clock: number,
    claimed: Set<number>,
  ): 'keep' | 'drop' {
    const meta = this.awareness.meta.get(client);
    if (meta && clock <= meta.clock) return 'drop';
    if (this.isForeign(client, connection.writer)) return 'drop';
    const holder = this.presenceHolders.get(client);
    // The same writer's new socket takes over (the old one may be half-open after a Wi-Fi drop).
    if (holder !== undefined && holder !== connection && holder.writer !== connection.writer) return 'drop';
    if (!connection.awarenessClients.has(client)) {
      claimed.add(client);
      if (connection.awarenessClients.size + claimed.size > this.options.maxPresencePerSocket) return 'drop';
    }
    return 'keep';
  }

  /**
   * Whether `bytes` more fit under the size cap. The running total over-counts (overwritten
   * values, deleted content), so near the cap the document is measured again.
   */
  private fits(bytes: number): boolean {
    const cap = this.options.maxDocBytes;
    if (this.measuredBytes + this.grownBytes + bytes <= cap) return true;
    if (this.grownBytes > 0) {
      this.measuredBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      this.grownBytes = 0;
    }
    return this.measuredBytes + bytes <= cap;
  }

  private refuse(connection: Connection, code: number, reason: string): void {
    this.kick(connection, code, reason.slice(0, 120));
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const batch = this.batch;
    batch.updates.push(update);
    if (origin === FAN_OUT_ORIGIN) {
      batch.updateSources.add(null);
    } else {
      batch.toPersist.push(update);
      batch.updateSources.add(origin instanceof Connection ? origin : null);
    }
    this.schedule();
  };

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const batch = this.batch;
    const source = origin instanceof Connection ? origin : null;
    for (const id of [...change.added, ...change.updated]) {
      batch.awarenessClients.add(id);
      if (source) this.hold(source, id);
    }
    for (const id of change.removed) {
      batch.awarenessClients.add(id);
      const holder = this.presenceHolders.get(id);
      holder?.awarenessClients.delete(id);
      this.presenceHolders.delete(id);
    }
    // Every instance times out silent clients by itself; relaying its timeouts would also
    // remove, everywhere, clients whose renewals merely did not reach this instance.
    if (origin !== FAN_OUT_ORIGIN && origin !== 'timeout') {
      for (const id of [...change.added, ...change.updated, ...change.removed]) batch.awarenessLocal.add(id);
    }
    // Removals made by the server (disconnect, timeout) must reach everyone: no source.
    batch.awarenessSources.add(source);
    this.schedule();
  };

  /** A connection now holds a client's presence (taking it over from the same writer's old socket). */
  private hold(connection: Connection, client: number): void {
    const previous = this.presenceHolders.get(client);
    if (previous === connection) return;
    previous?.awarenessClients.delete(client);
    this.presenceHolders.set(client, connection);
    connection.awarenessClients.add(client);
  }

  private readonly onFanOutFrame = (frame: Uint8Array): void => {
    if (this.state === 'loading') {
      this.early.push(frame);
      return;
    }
    if (this.state !== 'ready') return;
    try {
      const message = decodeClientMessage(frame);
      if (message.kind === 'update' || message.kind === 'sync-step-2') {
        Y.applyUpdate(this.doc, message.update, FAN_OUT_ORIGIN);
      } else if (message.kind === 'awareness') {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, FAN_OUT_ORIGIN);
      } else if (message.kind === 'query-awareness') {
        this.publishOwnPresence();
      }
    } catch (error) {
      this.options.onError(error, `fan-out frame for ${this.name}`);
    }
  };

  /**
   * The fan-out subscription is (again) active: frames published before may have been
   * lost, so read them from the store, and swap presence with the other instances.
   */
  private readonly onFanOutActive = (): void => {
    if (this.state === 'loading') {
      this.activatedWhileLoading = true;
      return;
    }
    if (this.state !== 'ready') return;
    this.catchUp().catch((error: unknown) => this.options.onError(error, `catching up ${this.name}`));
    // Presence is not stored: tell the others who is here and ask who is there.
    this.publishOwnPresence();
    this.options.fanOut?.publish(this.name, new Uint8Array([MessageType.QUERY_AWARENESS]));
  };

  /** Publishes the presence of this instance's own clients (answering another instance's query). */
  private publishOwnPresence(): void {
    const own: number[] = [];
    for (const connection of this.connections) {
      for (const id of connection.awarenessClients) if (this.awareness.states.has(id)) own.push(id);
    }
    if (own.length > 0) this.options.fanOut?.publish(this.name, encodeAwareness(this.awareness, own));
  }

  private queueDirect(connection: Connection, frame: Uint8Array): void {
    const list = this.batch.direct.get(connection);
    if (list) list.push(frame);
    else this.batch.direct.set(connection, [frame]);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.options.schedule(this);
  }

  /** Hands over what this turn produced and starts a new batch (called by the manager). */
  takeBatch(): RoomBatch {
    this.scheduled = false;
    const batch = this.batch;
    this.batch = newBatch();
    return batch;
  }

  /**
   * Sends what a batch holds for the sockets: the awareness part (presence does not depend
   * on the document, so it need not wait for the store), the document part (one merged
   * update frame to everyone but a lone sender, and the direct replies: only once the
   * batch's updates are stored), or both. Each socket gets everything due to it in one
   * write, and sockets due the same frames share one frame list, so the transport frames
   * them once.
   */
  deliver(batch: RoomBatch, parts: { readonly awareness: boolean; readonly document: boolean }): void {
    if (this.state !== 'ready') return;
    const awarenessFrame = parts.awareness ? this.awarenessFrameOf(batch) : undefined;
    const updateFrame = parts.document ? this.updateFrameOf(batch) : undefined;
    const direct = parts.document && batch.direct.size > 0 ? batch.direct : undefined;
    if (!awarenessFrame && !updateFrame && !direct) return;
    const skipAwareness = awarenessFrame ? loneSource(batch.awarenessSources) : undefined;
    const skipUpdate = updateFrame ? loneSource(batch.updateSources) : undefined;
    const both = updateFrame && awarenessFrame ? [updateFrame, awarenessFrame] : undefined;
    const onlyUpdate = updateFrame ? [updateFrame] : undefined;
    const onlyAwareness = awarenessFrame ? [awarenessFrame] : undefined;
    for (const connection of this.connections) {
      if (connection.pending) continue;
      const update = updateFrame !== undefined && connection !== skipUpdate;
      const awareness = awarenessFrame !== undefined && connection !== skipAwareness;
      const replies = direct?.get(connection);
      let frames: readonly Uint8Array[] | undefined;
      if (replies) {
        frames = [...replies, ...(update ? [updateFrame] : []), ...(awareness ? [awarenessFrame] : [])];
      } else {
        frames = update ? (awareness ? both : onlyUpdate) : awareness ? onlyAwareness : undefined;
      }
      if (frames) this.send(connection, frames);
    }
  }

  /** The batch's awareness frame for the sockets, published to other instances as well. */
  private awarenessFrameOf(batch: RoomBatch): Uint8Array | undefined {
    if (batch.awarenessClients.size === 0) return undefined;
    const clients = [...batch.awarenessClients].filter((id) => this.awareness.meta.has(id));
    if (clients.length === 0) return undefined;
    const frame = encodeAwareness(this.awareness, clients);
    const fanOut = this.options.fanOut;
    if (fanOut && batch.awarenessLocal.size > 0) {
      const local = [...batch.awarenessLocal].filter((id) => this.awareness.meta.has(id));
      fanOut.publish(this.name, local.length === clients.length ? frame : encodeAwareness(this.awareness, local));
    }
    return frame;
  }

  /** The batch's merged update frame for the sockets; this instance's own part is published. */
  private updateFrameOf(batch: RoomBatch): Uint8Array | undefined {
    if (batch.updates.length === 0) return undefined;
    const frame = encodeUpdate(batch.updates.length === 1 ? batch.updates[0]! : Y.mergeUpdates(batch.updates));
    const fanOut = this.options.fanOut;
    if (fanOut && batch.toPersist.length > 0) {
      const own =
        batch.toPersist.length === batch.updates.length ? frame : encodeUpdate(Y.mergeUpdates(batch.toPersist));
      fanOut.publish(this.name, own);
    }
    return frame;
  }

  private send(connection: Connection, frames: readonly Uint8Array[]): void {
    const buffered = connection.socket.bufferedAmount;
    if (buffered !== undefined && buffered > this.options.maxBufferedBytes) {
      this.kick(connection, CloseCode.SERVICE_RESTART, 'client too slow');
      return;
    }
    try {
      const socket = connection.socket;
      if (socket.sendFrames && frames.length > 1) socket.sendFrames(frames);
      else for (const frame of frames) socket.send(frame);
    } catch (error) {
      this.options.onError(error, 'sending a frame');
      this.kick(connection, CloseCode.SERVICE_RESTART, 'send failed');
    }
  }

  /** Closes one connection with a code; the others carry on. */
  kick(connection: Connection, code: number, reason: string): void {
    if (connection.open) {
      try {
        connection.socket.close(code, reason);
      } catch {
        // The socket is already gone; nothing else to do.
      }
    }
    this.disconnect(connection);
  }

  /** Detaches a connection and removes the awareness states it controlled. */
  disconnect(connection: Connection): void {
    if (!connection.open) return;
    connection.open = false;
    connection.pending = null;
    this.connections.delete(connection);
    if (connection.awarenessClients.size > 0 && this.state === 'ready') {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], 'disconnect');
    }
    if (this.connections.size === 0) this.options.onIdle(this);
  }

  /**
   * Drops the room: what it holds in memory but could not store must not be seen.
   * Clients still hold their edits and send them again when they reconnect.
   */
  fail(code: number, reason: string): void {
    this.state = 'failed';
    for (const connection of [...this.connections]) this.kick(connection, code, reason);
    this.options.onIdle(this);
  }

  /** Closes every socket with `code` (e.g. 1012 on shutdown). */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) this.kick(connection, code, reason);
  }

  /** Frees memory; call only when no connection is left. */
  destroy(): void {
    this.state = 'destroyed';
    this.unsubscribeFanOut?.();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
  }
}

/** The only connection that contributed, if exactly one did: it needn't get its own data back. */
function loneSource(sources: Set<Source>): Source | undefined {
  if (sources.size !== 1) return undefined;
  const [only] = sources;
  return only ?? undefined;
}
