import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { FanOut } from './fan-out.ts';
import { decodeClientMessage, decodedUpdateOf, encodeAwareness, MessageType } from './messages.ts';
import { inspectUpdate, LOAD_LIMITS } from './write-gate.ts';

/**
 * Origin of updates that another instance already stored (fan-out frames, catch-up reads of
 * the store): they are broadcast to this room's sockets but neither stored nor published again.
 */
export const FAN_OUT_ORIGIN = Symbol('fan-out');

/** What the relay needs of its room. */
export interface RelayedRoom {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly phase: 'loading' | 'ready' | 'gone';
  /** Awareness client ids this instance's own sockets hold. */
  ownPresence(): number[];
  /** Reads what other instances stored since the room last read (see `Room.catchUp`). */
  catchUp(): Promise<void>;
  onError(error: unknown, context: string): void;
}

/**
 * One room's side of the fan-out: applies what other instances publish (updates, presence,
 * presence queries), and when the subscription is (again) active, catches up from the store and
 * swaps presence with them. What this instance publishes is the manager's (after storing).
 */
export class FanOutRelay {
  /** Fan-out frames that arrived while the room was loading. */
  private early: Uint8Array[] = [];
  /** The fan-out (re)subscribed while loading: catch up once loaded. */
  private activatedWhileLoading = false;
  private readonly unsubscribe: (() => void) | undefined;
  private readonly room: RelayedRoom;
  private readonly fanOut: FanOut | undefined;

  /** Subscribes at once: whatever is published from now on is either in the load or arrives here. */
  constructor(room: RelayedRoom, fanOut: FanOut | undefined) {
    this.room = room;
    this.fanOut = fanOut;
    this.unsubscribe = fanOut?.subscribe(room.name, {
      onFrame: (frame) => this.onFrame(frame),
      onActive: () => this.onActive(),
    });
  }

  /** Once loaded, before the room listens for updates: applies the frames that came meanwhile. */
  applyEarly(): void {
    const early = this.early;
    this.early = [];
    for (const frame of early) this.onFrame(frame);
  }

  /** Once the room listens for updates: what waited for the load (a catch-up, a presence swap). */
  started(): void {
    if (this.activatedWhileLoading) this.onActive();
  }

  stop(): void {
    this.unsubscribe?.();
  }

  private onFrame(frame: Uint8Array): void {
    const { room } = this;
    if (room.phase === 'loading') {
      this.early.push(frame);
      return;
    }
    if (room.phase !== 'ready') return;
    try {
      const message = decodeClientMessage(frame);
      if (message.kind === 'update' || message.kind === 'sync-step-2') {
        this.applyUpdate(message.update);
      } else if (message.kind === 'awareness') {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, FAN_OUT_ORIGIN);
      } else if (message.kind === 'query-awareness') {
        this.publishOwnPresence();
      }
    } catch (error) {
      room.onError(error, `fan-out frame for ${room.name}`);
    }
  }

  /**
   * Applies another instance's update, checked first like everything else that reaches a live
   * document. One that depends on clocks this room has not seen (its predecessor's frame was
   * lost with a Redis restart, or is still on its way) would stay pending in Yjs, and fire
   * inside somebody else's transaction later; it was stored before it was published, so reading
   * the store brings it with what it depends on.
   */
  private applyUpdate(update: Uint8Array): void {
    const { room } = this;
    const verdict = inspectUpdate(room.doc, decodedUpdateOf(update), LOAD_LIMITS);
    if (verdict.ok) {
      Y.applyUpdate(room.doc, update, FAN_OUT_ORIGIN);
      return;
    }
    if (verdict.reason === 'pending') {
      room.catchUp().catch((error: unknown) => room.onError(error, `catching up ${room.name}`));
      return;
    }
    room.onError(new Error(`${verdict.reason}: ${verdict.detail}`), `fan-out update for ${room.name} left out`);
  }

  /**
   * The subscription is (again) active: frames published before may have been lost, so read
   * them from the store, and swap presence with the other instances.
   */
  private onActive(): void {
    const { room } = this;
    if (room.phase === 'loading') {
      this.activatedWhileLoading = true;
      return;
    }
    if (room.phase !== 'ready') return;
    room.catchUp().catch((error: unknown) => room.onError(error, `catching up ${room.name}`));
    // Presence is not stored: tell the others who is here and ask who is there.
    this.publishOwnPresence();
    this.fanOut?.publish(room.name, new Uint8Array([MessageType.QUERY_AWARENESS]));
  }

  /** Publishes the presence of this instance's own clients (answering another instance's query). */
  private publishOwnPresence(): void {
    const own = this.room.ownPresence();
    if (own.length > 0) this.fanOut?.publish(this.room.name, encodeAwareness(this.room.awareness, own));
  }
}
