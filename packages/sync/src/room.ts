import { CloseCode, SERVER_NOTICE_FIELD } from '@talkoot/protocol';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Connection, type ConnectionHost, type ConnectionOptions, type RoomConnection } from './connection.ts';
import {
  type ClientMessage,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  MalformedMessageError,
} from './messages.ts';
import { FAN_OUT_ORIGIN, FanOutRelay, type RelayedRoom } from './fan-out-relay.ts';
import { RoomGuard } from './room-guard.ts';
import {
  type AwarenessChange,
  type BatchParts,
  newBatch,
  outgoingOf,
  recordPresence,
  recordUpdate,
  type RoomBatch,
} from './room-batch.ts';
import type { RoomOptions } from './room-options.ts';
import { answerWillCarry } from './answer-will-carry.ts';
import { applyStoredUpdates, type QuarantinedUpdate } from './stored-updates.ts';
import { isStorageUnavailable } from './storage-health.ts';
import { StoreTail } from './store-tail.ts';
import { SyncStep2Cache } from './sync-step2-cache.ts';
import type { OutgoingFrames, SyncSocket } from './sync-socket.ts';

export type { ConnectionOptions, RoomConnection } from './connection.ts';
export type { RoomBatch } from './room-batch.ts';
export type { RoomOptions } from './room-options.ts';

type RoomState = 'loading' | 'ready' | 'failed' | 'destroyed';

/**
 * One loaded board: a Y.Doc, its Awareness and its sockets. Client frames are applied at once
 * (once the write gate let them through); what they produce is collected in a {@link RoomBatch}
 * that the manager stores, then delivers at the end of the event-loop turn: no document frame
 * leaves before what it depends on is stored, and each socket gets at most one merged update
 * frame and one awareness frame per turn.
 */
export class Room implements ConnectionHost {
  readonly name: string;
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly loaded: Promise<void>;
  private readonly connections = new Set<Connection>();
  private readonly options: RoomOptions;
  private state: RoomState = 'loading';
  /** Changes were applied here that the store never took (see {@link holdUntilStored}). */
  private reloadWhenStored = false;
  private batch = newBatch();
  private scheduled = false;
  private readonly relay: FanOutRelay;
  /** Who may write what, and who holds which presence (see {@link RoomGuard}). */
  private readonly guard: RoomGuard;
  /** Stored updates the load had to leave out (hostile content from before the write gate). */
  quarantined: readonly QuarantinedUpdate[] = [];
  private readonly tail: StoreTail;
  private readonly step2 = new SyncStep2Cache(this.doc);

  constructor(name: string, options: RoomOptions) {
    this.name = name;
    this.options = options;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.guard = new RoomGuard(this.doc, this.awareness, options);
    this.tail = new StoreTail(options.store, name);
    this.awareness.on('update', this.onAwarenessUpdate);
    // Subscribe before reading the store: whatever another instance publishes from now on
    // is either in what the load reads or arrives here (buffered until loaded).
    this.relay = new FanOutRelay(this.relayed(), options.fanOut);
    this.loaded = this.load();
  }

  /** The room as its fan-out relay sees it. */
  private relayed(): RelayedRoom {
    const room = this as Room;
    return {
      name: room.name,
      doc: room.doc,
      awareness: room.awareness,
      get phase() {
        return room.state === 'loading' ? 'loading' : room.state === 'ready' ? 'ready' : 'gone';
      },
      ownPresence: () => room.guard.ownPresence(),
      catchUp: () => room.catchUp(),
      onError: (error, context) => room.options.onError(error, context),
    };
  }

  /** Number of open connections. */
  get size(): number {
    return this.connections.size;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /**
   * Whether this room's changes may be stored: not once an earlier batch of it could not be
   * (see {@link holdUntilStored}). A later batch stored without the one that failed would
   * leave the store with updates whose predecessors it never gets: pending for good, and the
   * writer's next updates refused.
   */
  get storesChanges(): boolean {
    return this.state === 'ready' && !this.reloadWhenStored;
  }

  private async load(): Promise<void> {
    for (;;) {
      try {
        const updates = await this.tail.readAll();
        this.quarantined = applyStoredUpdates(this.doc, updates, 'load');
        this.guard.measure();
        break;
      } catch (error) {
        this.options.onError(error, `loading board ${this.name}`);
        if (this.state === 'loading' && isStorageUnavailable(error)) {
          // The database does not answer (yet): closing the sockets would only bring their
          // clients back to the same wait, with no word of why. They stay, are told, and the
          // load is tried again; their frames wait for it.
          const retryMs = this.options.storageUnavailable(error);
          this.noticeWaiting();
          await new Promise((resolve) => setTimeout(resolve, retryMs));
          if (this.state !== 'loading') return;
          continue;
        }
        // Nothing is written for a room that failed to load: its sockets are closed
        // and the stored data stays exactly as it was.
        this.fail(CloseCode.ROOM_LOAD_FAILED, 'board could not be loaded');
        return;
      }
    }
    if (this.state !== 'loading') return;
    this.state = 'ready';
    // A notice told while waiting for the storage goes once it answers again.
    if (this.options.canStore() && this.awareness.getLocalState() !== null) this.awareness.setLocalState(null);
    if (this.quarantined.length > 0) this.options.onQuarantine(this, this.quarantined);
    // Before listening for updates: no socket has started yet, so there is nobody to tell.
    this.relay.applyEarly();
    this.doc.on('update', this.onDocUpdate);
    this.relay.started();
    if (!this.options.canStore()) this.storageChanged(false);
    for (const connection of this.connections) this.start(connection);
  }

  /**
   * Applies what other instances stored since this room last read a shared store; resolves
   * once everything stored before the call is applied. Rooms call it when their fan-out
   * (re)subscribes, the manager periodically (repairing lost fan-out frames) and before
   * server-side changes (so they build on the latest state).
   */
  catchUp(): Promise<void> {
    return this.tail.catchUp(
      () => this.state === 'ready',
      (updates) => {
        // Known parts are skipped by Yjs; only what this room missed emits an update. Other
        // instances stored only what their gate accepted; rows from before the gate are checked.
        const quarantined = applyStoredUpdates(this.doc, updates, FAN_OUT_ORIGIN);
        if (quarantined.length === 0) return;
        this.quarantined = [...this.quarantined, ...quarantined];
        this.options.onQuarantine(this, quarantined);
      },
    );
  }

  /** Sends the sockets waiting for a load the storage notice (the server's awareness state). */
  private noticeWaiting(): void {
    if (this.awareness.getLocalState() === null) {
      this.awareness.setLocalState({ [SERVER_NOTICE_FIELD]: 'storage-unavailable' });
    }
    const frame = encodeAwareness(this.awareness, [this.awareness.clientID]);
    for (const connection of this.connections) {
      if (connection.open) connection.socket.send(frame);
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
    else if (this.awareness.getLocalState() !== null) this.noticeWaiting();
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
        // What the client says it has (checked by the decoder): see `answerWillCarry`.
        connection.claimed = Y.decodeStateVector(message.stateVector);
        try {
          this.queueDirect(connection, this.step2.answer(message.stateVector));
        } catch (error) {
          // The document cannot be encoded; the client must not wait for a reply forever.
          this.options.onError(error, `encoding ${this.name} for a client`);
          this.kick(connection, CloseCode.ROOM_LOAD_FAILED, 'board could not be sent');
        }
        return;
      case 'sync-step-2':
      case 'update':
        try {
          this.write(connection, message.update, frame);
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
          const update = this.guard.presenceUpdate(connection, message.update);
          if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
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
   * it is applied (see `RoomGuard.admit`, `inspectUpdate`); a refused one is never applied, and its sender,
   * whose copy now holds a change the server will never have, is closed with a code that makes
   * Talkoot's client sync afresh (keeping the person's text as a draft).
   */
  private write(connection: Connection, update: Uint8Array, frame: Uint8Array): void {
    if (connection.unsaved) return;
    const caughtUp = !this.options.store.readSince || connection.retrying.has(frame);
    const admission = this.guard.admit(connection, update, caughtUp);
    if (admission.kind === 'ignore') return;
    if (admission.kind === 'refuse' && admission.pending) {
      // With a store shared by several instances, the update may carry what the client got
      // from another instance just before (it moved here): read the store, then decide.
      const read = this.catchUp().catch((error: unknown) => this.options.onError(error, `catching up ${this.name}`));
      connection.holdUntil(frame, read);
      return;
    }
    if (admission.kind === 'refuse') {
      // Or it carries the client's own earlier writing that the server never got (typed offline,
      // or sent to an instance that died before storing it), which the client said it had: its
      // answer to our sync step 1 has that, so it waits for the answer, once.
      if (
        admission.gap === true &&
        !connection.answered &&
        !connection.waitedForAnswer.has(frame) &&
        answerWillCarry(this.doc, update, connection.claimed, (client) => this.guard.mayBeOwn(connection, client))
      ) {
        connection.waitedForAnswer.add(frame);
        connection.holdUntil(frame, connection.answer(this.options.answerWaitMs));
        return;
      }
      this.kick(connection, admission.code, admission.reason);
      return;
    }
    if (!this.options.canStore() || this.reloadWhenStored) {
      // Not applied: the client keeps it and sends it again once the storage takes writes
      // (and, after a failed store, once the room has reloaded what the store really holds).
      connection.unsaved = true;
      this.storageChanged(false);
      return;
    }
    Y.applyUpdate(this.doc, update, connection);
    this.guard.applied(connection, admission.changes, update.byteLength);
    const store = this.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // The gate should make this impossible; if it happens, pending state must not fire later.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.options.onError(new Error('an update left pending state'), `writing to ${this.name}`);
      this.kick(connection, CloseCode.UPDATE_REFUSED, 'update left pending state');
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const source = origin === FAN_OUT_ORIGIN ? 'fan-out' : origin instanceof Connection ? origin : null;
    recordUpdate(this.batch, update, source);
    this.schedule();
  };

  private readonly onAwarenessUpdate = (change: AwarenessChange, origin: unknown): void => {
    const source = origin instanceof Connection ? origin : null;
    for (const id of [...change.added, ...change.updated]) if (source) this.guard.hold(source, id);
    for (const id of change.removed) this.guard.release(id);
    // Every instance times out silent clients by itself; relaying its timeouts would also
    // remove, everywhere, clients whose renewals merely did not reach this instance.
    recordPresence(this.batch, change, source, origin !== FAN_OUT_ORIGIN && origin !== 'timeout');
    this.schedule();
  };

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
   * Sends a batch's `parts` to the sockets (see {@link outgoingOf}; each socket gets everything
   * due to it in one write) and returns this instance's own part for the other instances, which
   * the manager publishes.
   */
  deliver(batch: RoomBatch, parts: BatchParts): readonly Uint8Array[] {
    if (this.state !== 'ready') return [];
    const out = outgoingOf(batch, parts, this.awareness, this.connections, this.options.fanOut !== undefined);
    for (const [connection, frames] of out.toSockets) {
      // The first frames of its own a started connection (no longer queueing for the load) gets
      // begin with the room's sync step 1.
      if (connection.pending === null && batch.direct.has(connection)) connection.asked();
      this.send(connection, frames);
    }
    return out.toFanOut;
  }

  private send(connection: Connection, frames: OutgoingFrames): void {
    const buffered = connection.socket.bufferedAmount;
    if (buffered !== undefined && buffered > this.options.maxBufferedBytes) {
      this.kick(connection, CloseCode.SERVICE_RESTART, 'client too slow');
      return;
    }
    try {
      const socket = connection.socket;
      if (socket.sendFrames) socket.sendFrames(frames);
      else for (const frame of frames.frames) socket.send(frame);
    } catch (error) {
      this.options.onError(error, 'sending a frame');
      this.kick(connection, CloseCode.SERVICE_RESTART, 'send failed');
    }
  }

  /**
   * Tells everyone on the board (the server's awareness state) whether the storage takes
   * writes; when it does again, connections whose writes were not applied reconnect and resend.
   */
  storageChanged(writable: boolean): void {
    if (this.state !== 'ready') return;
    if (writable && this.reloadWhenStored) {
      // The document holds changes that were never stored: start afresh from the store, and
      // every client (they all still have their changes) sends again what it lacks.
      this.fail(CloseCode.SERVICE_RESTART, 'storage is back: send again');
      return;
    }
    const notice = this.awareness.getLocalState()?.[SERVER_NOTICE_FIELD];
    if (!writable && notice === undefined)
      this.awareness.setLocalState({ [SERVER_NOTICE_FIELD]: 'storage-unavailable' });
    if (!writable) return;
    if (notice !== undefined) this.awareness.setLocalState(null);
    for (const connection of [...this.connections]) {
      if (connection.unsaved) this.kick(connection, CloseCode.SERVICE_RESTART, 'storage is back: send again');
    }
  }

  /**
   * Storing this room's latest changes failed because the storage does not answer: they were
   * sent to nobody, and the sockets stay open (with the notice) instead of reconnecting into
   * the same wait. Once the storage answers, the room reloads (see {@link storageChanged}).
   */
  holdUntilStored(): void {
    this.reloadWhenStored = true;
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
    connection.stopWaiting();
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
    this.relay.stop();
    this.step2.stop();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
  }
}
