import { CloseCode } from '@talkoot/protocol';
import type * as Y from 'yjs';
import type { DocAppend, DocStore } from './doc-store.ts';
import type { FanOut } from './fan-out.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limiter.ts';
import { Room, type RoomBatch, type ConnectionOptions, type RoomConnection } from './room.ts';
import type { SyncSocket } from './sync-socket.ts';

/** Origin of the server's own changes (see {@link RoomManager.withDoc}). */
export const SERVER_ORIGIN = Symbol('server');

/** Configuration of a {@link RoomManager}. */
export interface RoomManagerOptions {
  store: DocStore;
  /** Cross-instance relay; omit for a single server. */
  fanOut?: FanOut;
  /** How long a room with no connection stays in memory. Default 30 s. */
  idleUnloadMs?: number;
  rateLimits?: Partial<RateLimits>;
  /** Default 16 MiB. */
  maxBufferedBytes?: number;
  onError?: (error: unknown, context: string) => void;
}

/**
 * Keeps one {@link Room} per loaded board: loads it on the first connection, unloads it
 * when idle. Knows nothing about the transport: sockets arrive as {@link SyncSocket}s.
 *
 * Once per event-loop turn it flushes every room that changed: the turn's updates of all
 * rooms go to the store in one append, and only when that has resolved are the rooms'
 * frames sent. Flushes run one after another, so frames leave in the order they were made.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private dirty: Room[] = [];
  private flushScheduled = false;
  private flushChain: Promise<void> = Promise.resolve();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();
  private readonly options: Required<Omit<RoomManagerOptions, 'fanOut' | 'rateLimits'>> & {
    fanOut: FanOut | undefined;
    rateLimits: RateLimits;
  };

  constructor(options: RoomManagerOptions) {
    this.options = {
      store: options.store,
      fanOut: options.fanOut,
      idleUnloadMs: options.idleUnloadMs ?? 30_000,
      rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
      maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
      onError: options.onError ?? ((error, context) => console.error(`[sync] ${context}:`, error)),
    };
  }

  /** Connects a socket to a board's room, loading the room if needed. */
  connect(docName: string, socket: SyncSocket, options: ConnectionOptions): RoomConnection {
    const room = this.getOrLoad(docName);
    const timer = this.idleTimers.get(room);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(room);
    }
    return room.connect(socket, options);
  }

  /**
   * Runs `change` on a document as the server (loading it if needed) and resolves once the
   * change is stored and sent to every connected client.
   */
  async withDoc<T>(docName: string, change: (doc: Y.Doc) => T): Promise<T> {
    const room = this.getOrLoad(docName);
    await room.loaded;
    if (!room.isReady) throw new Error(`board ${docName} could not be loaded`);
    let result: T | undefined;
    room.doc.transact(() => {
      result = change(room.doc);
    }, SERVER_ORIGIN);
    await this.settled();
    if (room.size === 0) this.onIdle(room);
    return result as T;
  }

  /** The loaded room of a board, if any (for tests and server-side reads). */
  get(docName: string): Room | undefined {
    return this.rooms.get(docName);
  }

  /** Number of rooms in memory. */
  get size(): number {
    return this.rooms.size;
  }

  private getOrLoad(docName: string): Room {
    const existing = this.rooms.get(docName);
    if (existing) return existing;
    const room = new Room(docName, {
      store: this.options.store,
      fanOut: this.options.fanOut,
      rateLimits: this.options.rateLimits,
      maxBufferedBytes: this.options.maxBufferedBytes,
      onError: this.options.onError,
      schedule: (dirty) => this.schedule(dirty),
      onIdle: (idle) => this.onIdle(idle),
    });
    this.rooms.set(docName, room);
    return room;
  }

  private schedule(room: Room): void {
    this.dirty.push(room);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const rooms = this.dirty;
      this.dirty = [];
      const batches = rooms.map((r) => [r, r.takeBatch()] as const);
      this.flushChain = this.flushChain.then(() => this.flush(batches));
    });
  }

  private async flush(batches: readonly (readonly [Room, RoomBatch])[]): Promise<void> {
    const appends: DocAppend[] = [];
    for (const [room, batch] of batches) {
      // A room dropped meanwhile (board deleted, storage failed) stores and sends nothing.
      if (!room.isReady) continue;
      room.deliverAwareness(batch);
      if (batch.toPersist.length > 0) appends.push({ docName: room.name, updates: batch.toPersist });
      // Nothing new to store: its replies depend only on earlier, already stored batches.
      else room.deliverDocument(batch);
    }
    if (appends.length === 0) return;
    try {
      await this.options.store.append(appends);
    } catch (error) {
      this.options.onError(error, 'persisting updates');
      for (const [room, batch] of batches) {
        if (batch.toPersist.length > 0) room.fail(CloseCode.ROOM_LOAD_FAILED, 'storage failed');
      }
      return;
    }
    for (const [room, batch] of batches) if (batch.toPersist.length > 0) room.deliverDocument(batch);
  }

  /** Resolves once everything received so far is persisted and sent. */
  async settled(): Promise<void> {
    while (this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
    await this.flushChain;
  }

  private onIdle(room: Room): void {
    if (!room.isReady) {
      // A room that failed goes at once, so the next connection tries a fresh load.
      this.unload(room);
      return;
    }
    if (this.idleTimers.has(room)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(room);
      if (room.size === 0) void this.settled().then(() => room.size === 0 && this.unload(room));
    }, this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  private unload(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
    room.destroy();
  }

  /**
   * Deletes a document and its sub-documents (`<docName>/…`) for good: their sockets are
   * closed with `code`, pending writes are flushed first, then the stored data is removed.
   */
  async deleteTree(docName: string, code: number, reason: string): Promise<void> {
    await this.settled();
    const inTree = (name: string) => name === docName || name.startsWith(`${docName}/`);
    const rooms = [...this.rooms.values()].filter((room) => inTree(room.name));
    for (const room of rooms) room.closeAll(code, reason);
    for (const room of rooms) this.unload(room);
    await this.options.store.deleteTree(docName);
  }

  /** Flushes every room, closes all sockets with `code` and unloads everything. */
  async closeAll(code: number, reason: string): Promise<void> {
    await this.settled().catch(() => undefined);
    const rooms = [...this.rooms.values()];
    for (const room of rooms) room.closeAll(code, reason);
    for (const room of rooms) this.unload(room);
  }
}
