import { CloseCode } from '@talkoot/protocol';
import type * as Y from 'yjs';
import type { DocAppend } from './doc-store.ts';
import { Room, type ConnectionOptions, type RoomConnection } from './room.ts';
import { appendsOf, type BatchParts, type RoomBatch } from './room-batch.ts';
import type { QuarantinedUpdate } from './stored-updates.ts';
import { resolveOptions, type ResolvedOptions, type RoomManagerOptions } from './room-manager-options.ts';
import type { SyncSocket } from './sync-socket.ts';
import { LiveReads } from './live-reads.ts';
import { isStorageFull, isStorageUnavailable, StorageHealth, storageFullError } from './storage-health.ts';
import { CONTROL_CHANNEL, decodeTreeDeleted, encodeTreeDeleted, type TreeDeleted } from './tree-deleted.ts';

/** Origin of the server's own changes (see {@link RoomManager.changeDoc}). */
export const SERVER_ORIGIN = Symbol('server');

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
  /** How many loaded rooms keep each room in memory as their companion. */
  private readonly holds = new Map<Room, number>();
  private reconcileTimer: NodeJS.Timeout | undefined;
  private readonly live = new LiveReads();
  private readonly health: StorageHealth;
  private readonly options: ResolvedOptions;

  constructor(options: RoomManagerOptions) {
    this.options = resolveOptions(options);
    this.health = new StorageHealth(this.options.store, this.options.storageProbeMs, (writable) => {
      for (const room of this.rooms.values()) room.storageChanged(writable);
    });
    this.options.fanOut?.subscribe(CONTROL_CHANNEL, { onFrame: (frame) => this.onControl(frame) });
  }

  /**
   * Another instance deleted a tree. Its sockets here are closed, then the tree is deleted
   * from the store once more: writes this instance flushed meanwhile must not outlive it.
   */
  private onControl(frame: Uint8Array): void {
    const message = decodeTreeDeleted(frame);
    if (!message) return;
    void this.closeTree(message.deleted, message.code, message.reason)
      .then(() => this.options.store.deleteTree(message.deleted))
      .catch((error: unknown) => this.options.onError(error, `deleting ${message.deleted} after another instance`));
  }

  /** Connects a socket to a board's room, loading the room if needed. */
  connect(docName: string, socket: SyncSocket, options: ConnectionOptions): RoomConnection {
    const room = this.getOrLoad(docName);
    this.cancelIdle(room);
    return room.connect(socket, options);
  }

  /**
   * Runs `change` on a document as the server (loading it if needed) and resolves once the
   * change is stored and sent to every connected client. With a store shared by several
   * instances, the document first catches up with what they stored, and the whole
   * read-modify-write holds the store's lock on the document: server-side changes of one
   * document are serialised across instances.
   */
  changeDoc<T>(docName: string, change: (doc: Y.Doc) => T): Promise<T> {
    const { store } = this.options;
    const run = () => this.runChange(docName, change);
    return store.exclusive ? store.exclusive(docName, run) : run();
  }

  /**
   * Reads a document as the server (loading it if needed; with a shared store, after catching
   * up with what other instances stored), without a lock: `read` must not change it.
   */
  async readDoc<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.ready(docName);
    try {
      return read(room.doc);
    } finally {
      if (room.size === 0) this.onIdle(room);
    }
  }

  /** The room of a document, loaded and caught up. */
  private async ready(docName: string): Promise<Room> {
    const room = this.getOrLoad(docName);
    await room.loaded;
    if (!room.isReady) throw new Error(`board ${docName} could not be loaded`);
    if (this.options.store.readSince) await room.catchUp();
    if (!room.isReady) throw new Error(`board ${docName} was dropped`);
    return room;
  }

  /** Whether the store takes writes now (false while it is full, until a probe write succeeds). */
  get storageWritable(): boolean {
    return this.health.writable;
  }

  private async runChange<T>(docName: string, change: (doc: Y.Doc) => T): Promise<T> {
    // A change that could not be stored would have to be dropped with its room: refuse it first.
    if (!this.health.writable) throw storageFullError();
    const room = await this.ready(docName);
    let result: T | undefined;
    room.doc.transact(() => {
      result = change(room.doc);
    }, SERVER_ORIGIN);
    await this.settled();
    if (!room.isReady) throw this.health.writable ? new Error(`${docName} could not be stored`) : storageFullError();
    if (room.size === 0) this.onIdle(room);
    return result as T;
  }

  /**
   * The stored updates of a document that its load (or a catch-up) had to leave out, loading it
   * if needed: what a facilitator is told about (see `applyStoredUpdates`).
   */
  async leftOut(docName: string): Promise<readonly QuarantinedUpdate[]> {
    const room = this.getOrLoad(docName);
    await room.loaded;
    const left = room.quarantined;
    if (room.size === 0) this.onIdle(room);
    return left;
  }

  /**
   * A reading of a document kept up to date while it is loaded (`read` runs again only after a
   * change), or undefined while it is not loaded: for checks on the hot path, like a board's locks.
   */
  readLive<T>(docName: string, key: string, read: (doc: Y.Doc) => T): T | undefined {
    const room = this.rooms.get(docName);
    if (!room?.isReady) return undefined;
    return this.live.get(room.doc, key, read);
  }

  /** Whether a document is loaded and ready. */
  isLoaded(docName: string): boolean {
    return this.rooms.get(docName)?.isReady ?? false;
  }

  /** The loaded room of a board, if any (for tests). */
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
      writeLimits: this.options.writeLimits,
      maxDocBytes: this.options.maxDocBytes,
      maxPresencePerSocket: this.options.maxPresencePerSocket,
      onQuarantine: (quarantinedRoom, quarantined) => this.options.onQuarantine(quarantinedRoom.name, quarantined),
      maxBufferedBytes: this.options.maxBufferedBytes,
      answerWaitMs: this.options.answerWaitMs,
      onError: this.options.onError,
      schedule: (dirty) => this.schedule(dirty),
      canStore: () => this.health.writable,
      storageUnavailable: (error) => {
        this.health.failed(error);
        return this.options.storageProbeMs;
      },
      onIdle: (idle) => this.onIdle(idle),
    });
    this.rooms.set(docName, room);
    for (const name of this.options.companions(docName)) {
      const companion = this.getOrLoad(name);
      this.holds.set(companion, (this.holds.get(companion) ?? 0) + 1);
      this.cancelIdle(companion);
    }
    this.startReconciling();
    return room;
  }

  private cancelIdle(room: Room): void {
    const timer = this.idleTimers.get(room);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(room);
    }
  }

  private inUse(room: Room): boolean {
    return room.size > 0 || (this.holds.get(room) ?? 0) > 0;
  }

  /** Periodic catch-up of every loaded room from a shared store, while any is loaded. */
  private startReconciling(): void {
    const { store, reconcileMs } = this.options;
    if (this.reconcileTimer || !store.readSince || reconcileMs <= 0) return;
    this.reconcileTimer = setInterval(() => {
      if (this.rooms.size === 0) {
        clearInterval(this.reconcileTimer);
        this.reconcileTimer = undefined;
        return;
      }
      for (const room of this.rooms.values()) {
        if (!room.isReady) continue;
        room.catchUp().catch((error: unknown) => {
          this.options.onError(error, `catching up ${room.name}`);
          // A database that does not answer reads will not take writes either: tell the boards now.
          this.health.failed(error);
        });
      }
    }, reconcileMs);
    this.reconcileTimer.unref();
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
      const { store } = this.options;
      // A synchronous store never leaves a flush pending, so this one cannot overtake another.
      if (store.appendNow) this.flushNow(store.appendNow.bind(store), batches);
      else this.flushChain = this.flushChain.then(() => this.flush(batches));
    });
  }

  /**
   * Flush with a synchronous store: everything of the turn is stored first, then each room
   * sends its frames (rooms with new updates first, as presence waits only for one commit).
   */
  private flushNow(
    appendNow: (batch: readonly DocAppend[]) => void,
    batches: readonly (readonly [Room, RoomBatch])[],
  ): void {
    const appends = appendsOf(batches);
    if (appends.length > 0) {
      try {
        appendNow(appends);
      } catch (error) {
        this.storageFailed(error, batches);
      }
    }
    // Stored (above), then sent and published; a room whose changes were not stored sends none.
    const all = { awareness: true, document: true };
    for (const [room, batch] of batches)
      if (batch.toPersist.length > 0 && room.storesChanges) this.send(room, batch, all);
    for (const [room, batch] of batches) if (batch.toPersist.length === 0) this.send(room, batch, all);
  }

  /** Flush with an asynchronous store: presence goes at once, document frames once stored. */
  private async flush(batches: readonly (readonly [Room, RoomBatch])[]): Promise<void> {
    for (const [room, batch] of batches) {
      // Nothing new to store: its replies depend only on earlier, already stored batches.
      this.send(room, batch, { awareness: true, document: batch.toPersist.length === 0 });
    }
    // Only rooms that store their changes send them (a room held after a failed store does neither).
    const storing = batches.filter(([room, batch]) => room.storesChanges && batch.toPersist.length > 0);
    const appends = appendsOf(storing);
    if (appends.length === 0) return;
    try {
      await this.options.store.append(appends);
    } catch (error) {
      this.storageFailed(error, batches);
      return;
    }
    // Stored: now sent and published.
    const documentOnly = { awareness: false, document: true };
    for (const [room, batch] of storing) this.send(room, batch, documentOnly);
  }

  /** Rooms whose updates could not be stored: nobody may see them (reloaded now, or once the storage answers). */
  private storageFailed(error: unknown, batches: readonly (readonly [Room, RoomBatch])[]): void {
    this.options.onError(error, 'persisting updates');
    this.health.failed(error);
    // A database that does not answer would refuse the reconnects too (tokens are checked
    // there): the sockets stay, with the notice, and the room reloads once it answers.
    const hold = isStorageUnavailable(error) && !isStorageFull(error);
    for (const [room, batch] of batches) {
      if (batch.toPersist.length === 0) continue;
      if (hold) room.holdUntilStored();
      else room.fail(CloseCode.ROOM_LOAD_FAILED, 'storage failed');
    }
  }

  /** Delivers one room's part of a flush and publishes, after it, what happened here to the other instances. */
  private send(room: Room, batch: RoomBatch, parts: BatchParts): void {
    this.deliver(room, () => {
      const toFanOut = room.deliver(batch, parts);
      for (const frame of toFanOut) this.options.fanOut?.publish(room.name, frame);
    });
  }

  /**
   * Runs one room's part of a flush. Whatever goes wrong there (an encoder throwing on
   * content that slipped past validation, say) drops that room only: a flush that threw
   * would reject the flush chain, stopping every room, and crash the process.
   */
  private deliver(room: Room, send: () => void): void {
    if (!room.isReady) return;
    try {
      send();
    } catch (error) {
      this.options.onError(error, `sending the changes of ${room.name}`);
      room.fail(CloseCode.ROOM_LOAD_FAILED, 'board could not be sent');
    }
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
    if (this.idleTimers.has(room) || this.inUse(room)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(room);
      if (!this.inUse(room)) void this.settled().then(() => !this.inUse(room) && this.unload(room));
    }, this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room, timer);
  }

  private unload(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.cancelIdle(room);
    this.holds.delete(room);
    room.destroy();
    for (const name of this.options.companions(room.name)) {
      const companion = this.rooms.get(name);
      if (!companion) continue;
      const left = (this.holds.get(companion) ?? 1) - 1;
      if (left > 0) this.holds.set(companion, left);
      else this.holds.delete(companion);
      if (!this.inUse(companion)) this.onIdle(companion);
    }
  }

  /**
   * Deletes a document and its sub-documents (`<docName>/…`) for good: their sockets are
   * closed with `code`, pending writes are flushed first, then the stored data is removed.
   * Other instances (through the fan-out) close their sockets of it too.
   */
  async deleteTree(docName: string, code: number, reason: string): Promise<void> {
    await this.closeTree(docName, code, reason);
    await this.options.store.deleteTree(docName);
    const message: TreeDeleted = { deleted: docName, code, reason };
    this.options.fanOut?.publish(CONTROL_CHANNEL, encodeTreeDeleted(message));
  }

  /**
   * Closes the sockets of a document and its sub-documents with `code` and unloads them,
   * after flushing pending writes; the stored data stays (another instance deleted it).
   */
  async closeTree(docName: string, code: number, reason: string): Promise<void> {
    await this.settled();
    const inTree = (name: string) => name === docName || name.startsWith(`${docName}/`);
    const rooms = [...this.rooms.values()].filter((room) => inTree(room.name));
    for (const room of rooms) room.closeAll(code, reason);
    for (const room of rooms) this.unload(room);
  }

  /** Flushes every room, closes all sockets with `code` and unloads everything. */
  async closeAll(code: number, reason: string): Promise<void> {
    this.health.stop();
    await this.settled().catch(() => undefined);
    const rooms = [...this.rooms.values()];
    for (const room of rooms) room.closeAll(code, reason);
    for (const room of rooms) this.unload(room);
  }
}
