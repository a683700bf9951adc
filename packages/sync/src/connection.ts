import { CloseCode } from '@talkoot/protocol';
import type * as Y from 'yjs';
import { MessageType } from './messages.ts';
import { RateLimiter, type RateLimits } from './rate-limiter.ts';
import type { SyncSocket } from './sync-socket.ts';
import type { UpdateChanges } from './write-gate.ts';

const NO_FRAMES: ReadonlySet<Uint8Array> = new Set();

/** Whether a frame is a sync step 2 (y-protocols: message type 0, sync message type 1). */
function isSyncStep2(frame: Uint8Array): boolean {
  return frame[0] === MessageType.SYNC && frame[1] === 1;
}

/** What a connection may do in its room. */
export interface ConnectionOptions {
  /**
   * Whether this connection's document updates may be applied; asked for every update, so a
   * lock takes effect at once. An update of a connection that may not write is never applied:
   * the socket is closed with {@link CloseCode.UPDATE_REFUSED} (a re-sent update that changes
   * nothing is ignored).
   */
  canWrite: boolean | (() => boolean);
  /**
   * Who writes through this connection (e.g. a member id). Client ids under which it adds
   * content become this writer's while the room is loaded: nobody else may add content or
   * publish presence under them. Default: the connection itself.
   */
  writer?: string;
  /**
   * Finer checks for a connection that may write: what the update would change, decoded and
   * read against the current document, which it has not touched yet. False refuses it.
   */
  vet?: (changes: UpdateChanges, doc: Y.Doc) => boolean;
  /**
   * Sets who this socket's presence says it is: every awareness state it publishes passes
   * through this (e.g. to put in the member id and display name the server knows). `false`:
   * the socket publishes no presence at all (a projector, which nobody should count among the
   * people here or see a cursor of); its awareness updates are dropped, never relayed.
   */
  presence?: ((state: unknown) => unknown) | false;
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

/** What a connection needs from its room. */
export interface ConnectionHost {
  handleFrame(connection: Connection, frame: Uint8Array): void;
  kick(connection: Connection, code: number, reason: string): void;
  disconnect(connection: Connection): void;
}

/** A socket in a room: its permissions, rate limiter, presence and frames waiting for the load. */
export class Connection implements RoomConnection {
  readonly socket: SyncSocket;
  readonly canWrite: () => boolean;
  readonly vet: ConnectionOptions['vet'];
  readonly presence: ConnectionOptions['presence'];
  /** Key of whoever writes through this connection (see {@link ConnectionOptions.writer}). */
  readonly writer: unknown;
  readonly awarenessClients = new Set<number>();
  readonly limiter: RateLimiter;
  /** Frames received while the room loads. */
  pending: Uint8Array[] | null = [];
  /**
   * Frames received while the room reads the shared store for what one of this connection's
   * updates depends on (see `Room.write`); the first is that update's frame.
   */
  held: Uint8Array[] | null = null;
  /**
   * The storage refused writes while this connection sent one: its updates are not applied
   * until it reconnects (the room closes it with 1012 once storage takes writes again).
   */
  unsaved = false;
  /** The frames being tried again after such a read: they are not held twice. */
  retrying: ReadonlySet<Uint8Array> = NO_FRAMES;
  /** Frames that have waited for the client's answer (see `Room.write`): they do not wait twice. */
  readonly waitedForAnswer = new WeakSet<Uint8Array>();
  /** The state vector of the client's latest sync step 1: the clocks it said it had. */
  claimed: ReadonlyMap<number, number> = new Map();
  /** When the room's sync step 1 left for this socket (the client answers it with a sync step 2). */
  askedAt: number | undefined;
  /** Whether the client's answer (its sync step 2: everything the server lacks) has arrived. */
  answered = false;
  private answerWaiters: (() => void)[] = [];
  private whenAsked: (() => void)[] = [];
  open = true;
  private readonly host: ConnectionHost;

  constructor(host: ConnectionHost, socket: SyncSocket, options: ConnectionOptions, limits: RateLimits) {
    this.host = host;
    this.socket = socket;
    const canWrite = options.canWrite;
    this.canWrite = typeof canWrite === 'function' ? canWrite : () => canWrite;
    this.vet = options.vet;
    this.presence = options.presence;
    this.writer = options.writer ?? this;
    this.limiter = new RateLimiter(limits);
  }

  receive(frame: Uint8Array): void {
    if (!this.open) return;
    if (!this.limiter.take(frame.byteLength)) {
      this.host.kick(this, CloseCode.RATE_LIMITED, 'rate limited');
      return;
    }
    if (isSyncStep2(frame)) this.answerArrived();
    if (this.pending) {
      this.pending.push(frame);
      return;
    }
    if (this.held) {
      this.held.push(frame);
      return;
    }
    this.host.handleFrame(this, frame);
  }

  /**
   * Resolves once the client's answer to the room's sync step 1 has arrived, or `waitMs` after
   * that step 1 went out (a client that has not answered by then is not going to).
   */
  answer(waitMs: number): Promise<void> {
    if (this.answered || !this.open) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.answerWaiters.push(done);
      const arm = () => {
        timer = setTimeout(done, Math.max(0, (this.askedAt ?? 0) + waitMs - Date.now()));
      };
      if (this.askedAt === undefined) this.whenAsked.push(arm);
      else arm();
    });
  }

  /** The room's sync step 1 left for the socket (it may wait behind a store, so not when queued). */
  asked(): void {
    if (this.askedAt !== undefined) return;
    this.askedAt = Date.now();
    const arms = this.whenAsked;
    this.whenAsked = [];
    for (const arm of arms) arm();
  }

  /** Nothing waits for this connection's answer any more (it arrived, or the socket is gone). */
  stopWaiting(): void {
    const waiters = this.answerWaiters;
    this.answerWaiters = [];
    this.whenAsked = [];
    for (const done of waiters) done();
  }

  private answerArrived(): void {
    this.answered = true;
    this.stopWaiting();
  }

  /**
   * Holds this connection's frames, `frame` first, until `until` settles, then feeds them to the
   * room again, `frame` marked as {@link retrying} (so it is not held twice). A sync step 2 that
   * arrived meanwhile goes first: it carries what the held update depends on when that is the
   * client's own earlier writing, which it had sent to an instance that died (or to storage that
   * refused it) before storing it. Order does not matter to the document, only completeness.
   */
  holdUntil(frame: Uint8Array, until: Promise<unknown>): void {
    this.held = [frame];
    const resume = () => {
      const waited = this.held ?? [];
      this.held = null;
      const held = [...waited.filter(isSyncStep2), ...waited.filter((f) => !isSyncStep2(f))];
      this.retrying = new Set([frame, ...held.filter(isSyncStep2)]);
      for (let i = 0; i < held.length && this.open; i++) {
        this.host.handleFrame(this, held[i]!);
        const again = this.held as Uint8Array[] | null;
        if (again) {
          // A later frame waits for another read: the rest wait behind it.
          again.push(...held.slice(i + 1));
          break;
        }
      }
      this.retrying = NO_FRAMES;
    };
    void until.then(resume, resume);
  }

  closed(): void {
    this.host.disconnect(this);
  }

  close(code: number, reason: string): void {
    this.host.kick(this, code, reason);
  }
}
