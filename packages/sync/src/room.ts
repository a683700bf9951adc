import { CloseCode } from '@talkoot/protocol';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';
import type { FanOut } from './fan-out.ts';
import {
  MalformedMessageError,
  type ClientMessage,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './messages.ts';
import { RateLimiter, type RateLimits } from './rate-limiter.ts';
import type { SyncSocket } from './sync-socket.ts';

/** What a connection may do in its room. */
export interface ConnectionOptions {
  /** False for observers (and, later, locked boards): their document updates are dropped. */
  canWrite: boolean;
}

/** Options shared by every room of a manager. */
export interface RoomOptions {
  store: DocStore;
  fanOut: FanOut | undefined;
  rateLimits: RateLimits;
  /** Sockets with more than this many bytes queued are closed as too slow. */
  maxBufferedBytes: number;
  onIdle: (room: Room) => void;
  onError: (error: unknown, context: string) => void;
}

/** One client's connection to a room, as handed to the transport. */
export interface RoomConnection {
  /** Feeds one binary frame from the client. */
  receive(frame: Uint8Array): void;
  /** The transport saw the socket close. */
  closed(): void;
}

type RoomState = 'loading' | 'ready' | 'failed' | 'destroyed';

interface Batch {
  updates: Uint8Array[];
  /** Connections whose updates are in `updates` (null stands for the fan-out). */
  updateSources: Set<Connection | null>;
  awarenessClients: Set<number>;
  direct: Map<Connection, Uint8Array[]>;
}

const newBatch = (): Batch => ({
  updates: [],
  updateSources: new Set(),
  awarenessClients: new Set(),
  direct: new Map(),
});

/** A fan-out frame is applied with this origin so it is not published again. */
const FAN_OUT_ORIGIN = Symbol('fan-out');

class Connection implements RoomConnection {
  readonly socket: SyncSocket;
  readonly canWrite: boolean;
  readonly awarenessClients = new Set<number>();
  readonly limiter: RateLimiter;
  /** Frames received while the room loads. */
  pending: Uint8Array[] | null = [];
  open = true;
  private readonly room: Room;

  constructor(room: Room, socket: SyncSocket, options: ConnectionOptions, limits: RateLimits) {
    this.room = room;
    this.socket = socket;
    this.canWrite = options.canWrite;
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
}

/**
 * One loaded board: a Y.Doc and its Awareness, the sockets connected to it, and the
 * batching that makes it fast and durable. Frames from clients are applied at once;
 * what they produce (broadcasts and replies) is collected for the current event-loop
 * turn, and sent only after the turn's document updates are in the {@link DocStore}.
 * Each socket gets at most one merged update frame and one awareness frame per turn.
 */
export class Room {
  readonly name: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  private readonly connections = new Set<Connection>();
  private readonly options: RoomOptions;
  private state: RoomState = 'loading';
  private batch = newBatch();
  private flushScheduled = false;
  /** Resolves when every batch so far has been persisted and sent. */
  private flushChain: Promise<void> = Promise.resolve();
  private unsubscribeFanOut: (() => void) | undefined;
  readonly loaded: Promise<void>;

  constructor(name: string, options: RoomOptions) {
    this.name = name;
    this.options = options;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
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
      const updates = await this.options.store.load(this.name);
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update);
      }, 'load');
    } catch (error) {
      // Nothing is written for a room that failed to load: its sockets are closed
      // and the stored data stays exactly as it was.
      this.state = 'failed';
      this.options.onError(error, `loading board ${this.name}`);
      for (const connection of this.connections) {
        this.kick(connection, CloseCode.ROOM_LOAD_FAILED, 'board could not be loaded');
      }
      this.options.onIdle(this);
      return;
    }
    if (this.state !== 'loading') return;
    this.state = 'ready';
    this.doc.on('update', this.onDocUpdate);
    if (this.options.fanOut) {
      this.unsubscribeFanOut = this.options.fanOut.subscribe(this.name, this.onFanOutFrame);
    }
    for (const connection of this.connections) this.start(connection);
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
        this.queueDirect(connection, encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'sync-step-2':
      case 'update':
        if (!connection.canWrite) return;
        try {
          Y.applyUpdate(this.doc, message.update, connection);
        } catch (error) {
          this.options.onError(error, `applying an update to ${this.name}`);
          this.kick(connection, CloseCode.BAD_MESSAGE, 'update could not be applied');
        }
        return;
      case 'awareness':
        try {
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

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === FAN_OUT_ORIGIN) {
      this.batch.updateSources.add(null);
      this.batch.updates.push(update);
      this.fanOutUpdates.add(update);
    } else {
      this.batch.updateSources.add(origin instanceof Connection ? origin : null);
      this.batch.updates.push(update);
    }
    this.scheduleFlush();
  };

  /** Updates that arrived through the fan-out: already persisted elsewhere. */
  private readonly fanOutUpdates = new WeakSet<Uint8Array>();

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of change.added) origin.awarenessClients.add(id);
      for (const id of change.updated) origin.awarenessClients.add(id);
      for (const id of change.removed) origin.awarenessClients.delete(id);
    }
    const batch = this.batch;
    for (const id of change.added) batch.awarenessClients.add(id);
    for (const id of change.updated) batch.awarenessClients.add(id);
    for (const id of change.removed) batch.awarenessClients.add(id);
    if (origin === FAN_OUT_ORIGIN) this.fanOutAwareness.add(batch);
    else this.localAwareness.add(batch);
    this.scheduleFlush();
  };

  private readonly fanOutAwareness = new WeakSet<Batch>();
  private readonly localAwareness = new WeakSet<Batch>();

  private readonly onFanOutFrame = (frame: Uint8Array): void => {
    if (this.state !== 'ready') return;
    try {
      const message = decodeClientMessage(frame);
      if (message.kind === 'update' || message.kind === 'sync-step-2') {
        Y.applyUpdate(this.doc, message.update, FAN_OUT_ORIGIN);
      } else if (message.kind === 'awareness') {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, FAN_OUT_ORIGIN);
      }
    } catch (error) {
      this.options.onError(error, `fan-out frame for ${this.name}`);
    }
  };

  private queueDirect(connection: Connection, frame: Uint8Array): void {
    const list = this.batch.direct.get(connection);
    if (list) list.push(frame);
    else this.batch.direct.set(connection, [frame]);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = this.batch;
      this.batch = newBatch();
      this.flushChain = this.flushChain.then(() => this.flush(batch));
    });
  }

  /** Resolves once everything received so far is persisted and sent. */
  async settled(): Promise<void> {
    while (this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
    await this.flushChain;
  }

  private async flush(batch: Batch): Promise<void> {
    if (this.state === 'destroyed') return;
    const toPersist = batch.updates.filter((update) => !this.fanOutUpdates.has(update));
    if (toPersist.length > 0) {
      try {
        await this.options.store.append(this.name, toPersist);
      } catch (error) {
        // Not durable, so nothing of it may be seen: drop the in-memory room; clients
        // still hold their edits and send them again when they reconnect.
        this.options.onError(error, `persisting updates of ${this.name}`);
        this.fail(CloseCode.ROOM_LOAD_FAILED, 'storage failed');
        return;
      }
    }
    let updateFrame: Uint8Array | undefined;
    let only: Connection | null | undefined;
    if (batch.updates.length > 0) {
      const merged = batch.updates.length === 1 ? batch.updates[0]! : Y.mergeUpdates(batch.updates);
      updateFrame = encodeUpdate(merged);
      // A lone sender already has its own update; everyone else needs it.
      only = batch.updateSources.size === 1 ? [...batch.updateSources][0] : undefined;
      if (toPersist.length > 0 && this.options.fanOut) {
        this.options.fanOut.publish(
          this.name,
          encodeUpdate(toPersist.length === 1 ? toPersist[0]! : Y.mergeUpdates(toPersist)),
        );
      }
    }
    let awarenessFrame: Uint8Array | undefined;
    if (batch.awarenessClients.size > 0) {
      const clients = [...batch.awarenessClients].filter((id) => this.awareness.meta.has(id));
      if (clients.length > 0) {
        awarenessFrame = encodeAwareness(this.awareness, clients);
        if (this.options.fanOut && this.localAwareness.has(batch)) {
          this.options.fanOut.publish(this.name, awarenessFrame);
        }
      }
    }
    for (const connection of this.connections) {
      if (!connection.open || connection.pending) continue;
      const direct = batch.direct.get(connection);
      if (direct) for (const frame of direct) this.send(connection, frame);
      if (updateFrame && only !== connection) this.send(connection, updateFrame);
      if (awarenessFrame) this.send(connection, awarenessFrame);
    }
  }

  private send(connection: Connection, frame: Uint8Array): void {
    if (!connection.open) return;
    if ((connection.socket.bufferedAmount ?? 0) > this.options.maxBufferedBytes) {
      this.kick(connection, CloseCode.SERVICE_RESTART, 'client too slow');
      return;
    }
    try {
      connection.socket.send(frame);
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

  private fail(code: number, reason: string): void {
    this.state = 'failed';
    for (const connection of [...this.connections]) this.kick(connection, code, reason);
    this.options.onIdle(this);
  }

  /** Closes every socket with `code` (e.g. 1012 on shutdown) after pending frames are flushed. */
  async closeAll(code: number, reason: string): Promise<void> {
    await this.settled().catch(() => undefined);
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
