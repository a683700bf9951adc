import { CloseCode } from '@talkoot/protocol';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';
import type { FanOut } from './fan-out.ts';
import {
  type ClientMessage,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessageError,
  MessageType,
} from './messages.ts';
import { RateLimiter, type RateLimits } from './rate-limiter.ts';
import type { SyncSocket } from './sync-socket.ts';

/** What a connection may do in its room. */
export interface ConnectionOptions {
  /**
   * Whether this connection's document updates are applied; asked for every update, so
   * a lock takes effect at once. Updates of a connection that may not write are dropped.
   */
  canWrite: boolean | (() => boolean);
  /**
   * Finer checks for a connection that may write: called before each of its updates with
   * the current document; returns a check of the applied transaction (false takes the
   * update back), or undefined when there is nothing to check.
   */
  vet?: (doc: Y.Doc) => ((transaction: Y.Transaction) => boolean) | undefined;
}

/** Options shared by every room of a manager. */
export interface RoomOptions {
  store: DocStore;
  fanOut: FanOut | undefined;
  rateLimits: RateLimits;
  /** Sockets with more than this many bytes queued are closed as too slow. */
  maxBufferedBytes: number;
  /** Asks the manager to flush this room at the end of the current event-loop turn. */
  schedule: (room: Room) => void;
  onIdle: (room: Room) => void;
  onError: (error: unknown, context: string) => void;
}

/** One client's connection to a room, as handed to the transport. */
export interface RoomConnection {
  /** Feeds one binary frame from the client. */
  receive(frame: Uint8Array): void;
  /** The transport saw the socket close. */
  closed(): void;
  /** Closes the socket from the server side (e.g. a removed member: 4403). */
  close(code: number, reason: string): void;
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

/** Origin of an update the server applies only to take it back at once. */
const REJECTED_ORIGIN = Symbol('rejected');

class Connection implements RoomConnection {
  readonly socket: SyncSocket;
  readonly canWrite: () => boolean;
  readonly vet: ConnectionOptions['vet'];
  readonly awarenessClients = new Set<number>();
  readonly limiter: RateLimiter;
  /** Frames received while the room loads. */
  pending: Uint8Array[] | null = [];
  open = true;
  private readonly room: Room;

  constructor(room: Room, socket: SyncSocket, options: ConnectionOptions, limits: RateLimits) {
    this.room = room;
    this.socket = socket;
    const canWrite = options.canWrite;
    this.canWrite = typeof canWrite === 'function' ? canWrite : () => canWrite;
    this.vet = options.vet;
    this.limiter = new RateLimiter(limits);
  }

  receive(frame: Uint8Array): void {
    if (!this.open) return;
    if (!this.limiter.take(frame.byteLength)) {
      this.room.kick(this, CloseCode.RATE_LIMITED, 'rate limited');
      return;
    }
    if (this.pending) {
      this.pending.push(frame);
      return;
    }
    this.room.handleFrame(this, frame);
  }

  closed(): void {
    this.room.disconnect(this);
  }

  close(code: number, reason: string): void {
    this.room.kick(this, code, reason);
  }
}

/**
 * One loaded board: a Y.Doc and its Awareness and the sockets connected to it. Frames
 * from clients are applied at once; what they produce (broadcasts and replies) is
 * collected in a {@link RoomBatch} that the manager persists and delivers at the end of
 * the event-loop turn, so no document frame leaves before the updates it depends on are
 * stored, and each socket gets at most one merged update frame and one awareness frame
 * per turn.
 */
export class Room {
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
  private rejecter: Y.UndoManager | undefined;
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
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update);
      }, 'load');
    } catch (error) {
      // Nothing is written for a room that failed to load: its sockets are closed
      // and the stored data stays exactly as it was.
      this.options.onError(error, `loading board ${this.name}`);
      this.fail(CloseCode.ROOM_LOAD_FAILED, 'board could not be loaded');
      return;
    }
    if (this.state !== 'loading') return;
    this.state = 'ready';
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
    // Known parts are skipped by Yjs; only what this room missed emits an update.
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update);
    }, FAN_OUT_ORIGIN);
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
          if (!connection.canWrite()) this.reject(message.update);
          else this.applyVetted(connection, message.update);
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
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
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
   * Takes back an update from a connection that may not write (observer, locked board).
   * Dropping it would leave that client diverged for good (its later updates would wait
   * forever for the missing one), so it is applied and undone at once: everyone converges
   * on the state before it, and the client sees its change reverted.
   */
  private reject(update: Uint8Array): void {
    const rejecter = this.ensureRejecter();
    Y.applyUpdate(this.doc, update, REJECTED_ORIGIN);
    while (rejecter.undoStack.length > 0) rejecter.undo();
    rejecter.clear();
  }

  /** Applies a writer's update, taking it back if the connection's vet refuses it. */
  private applyVetted(connection: Connection, update: Uint8Array): void {
    const check = connection.vet?.(this.doc);
    if (!check) {
      Y.applyUpdate(this.doc, update, connection);
      return;
    }
    const rejecter = this.ensureRejecter();
    let accepted = true;
    const onAfter = (transaction: Y.Transaction) => {
      if (transaction.origin === connection) accepted = check(transaction);
    };
    rejecter.trackedOrigins.add(connection);
    this.doc.on('afterTransaction', onAfter);
    try {
      Y.applyUpdate(this.doc, update, connection);
    } finally {
      this.doc.off('afterTransaction', onAfter);
      rejecter.trackedOrigins.delete(connection);
    }
    if (!accepted) while (rejecter.undoStack.length > 0) rejecter.undo();
    rejecter.clear();
  }

  private ensureRejecter(): Y.UndoManager {
    this.rejecter ??= new Y.UndoManager(this.doc, { trackedOrigins: new Set([REJECTED_ORIGIN]), captureTimeout: 0 });
    return this.rejecter;
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
    for (const id of change.added) {
      batch.awarenessClients.add(id);
      source?.awarenessClients.add(id);
    }
    for (const id of change.updated) {
      batch.awarenessClients.add(id);
      source?.awarenessClients.add(id);
    }
    for (const id of change.removed) {
      batch.awarenessClients.add(id);
      source?.awarenessClients.delete(id);
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
    this.rejecter?.destroy();
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
