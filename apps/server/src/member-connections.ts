import { randomUUID } from 'node:crypto';
import {
  CONTROL_CHANNELS,
  decodeControlMessage,
  encodeControlMessage,
  type MemberEvent,
  memberEventSchema,
} from '@talkoot/protocol';
import type { FanOut, RoomConnection } from '@talkoot/sync';

const MEMBERS_CHANNEL = CONTROL_CHANNELS.members;

/** Options of {@link MemberConnections}. */
export interface MemberConnectionsOptions {
  /** Other instances, when there are any. */
  fanOut?: FanOut;
  /**
   * How often each instance repeats who is online on it. Another instance's word counts
   * for three of these, so members of an instance that died show offline after that.
   * Default 10 s.
   */
  heartbeatMs?: number;
}

/**
 * Open sync connections per member: who is online, and whose sockets to close on removal.
 * With several instances, each tells the others whom it has online (on change and every
 * heartbeat) and a removal closes the member's sockets on every instance.
 */
export class MemberConnections {
  private readonly byMember = new Map<string, Set<RoomConnection>>();
  private readonly fanOut: FanOut | undefined;
  private readonly instance = randomUUID();
  private readonly heartbeatMs: number;
  private readonly elsewhere = new Map<string, { memberIds: Set<string>; until: number }>();
  private readonly stops: (() => void)[] = [];
  private announcePending = false;

  constructor(options: MemberConnectionsOptions = {}) {
    this.fanOut = options.fanOut;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    if (!this.fanOut) return;
    this.stops.push(
      this.fanOut.subscribe(MEMBERS_CHANNEL, {
        onFrame: (frame) => this.receive(frame),
        onActive: () => this.announce(),
      }),
    );
    const timer = setInterval(() => this.announce(), this.heartbeatMs);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
  }

  add(memberId: string, connection: RoomConnection): () => void {
    const set = this.byMember.get(memberId) ?? new Set();
    set.add(connection);
    this.byMember.set(memberId, set);
    if (set.size === 1) this.changed();
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.byMember.get(memberId) === set) {
        this.byMember.delete(memberId);
        this.changed();
      }
    };
  }

  /** Whether the member has a socket open on this or (as last heard) another instance. */
  isOnline(memberId: string): boolean {
    if ((this.byMember.get(memberId)?.size ?? 0) > 0) return true;
    const now = Date.now();
    for (const { memberIds, until } of this.elsewhere.values()) {
      if (until > now && memberIds.has(memberId)) return true;
    }
    return false;
  }

  /** Closes every socket of a member, on every instance. */
  closeAll(memberId: string, code: number, reason: string): void {
    this.closeHere(memberId, code, reason);
    this.publish({ type: 'removed', memberId, code, reason });
  }

  /** Stops telling other instances; they see this instance's members offline at once. */
  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.publish({ type: 'online', instance: this.instance, memberIds: [] });
  }

  private closeHere(memberId: string, code: number, reason: string): void {
    for (const connection of [...(this.byMember.get(memberId) ?? [])]) connection.close(code, reason);
    this.byMember.delete(memberId);
  }

  /** Someone came or went: tell the others soon (once for a burst of changes). */
  private changed(): void {
    if (!this.fanOut || this.announcePending) return;
    this.announcePending = true;
    setTimeout(() => {
      this.announcePending = false;
      this.announce();
    }, 100).unref();
  }

  private announce(): void {
    if (this.stops.length === 0) return;
    this.publish({ type: 'online', instance: this.instance, memberIds: [...this.byMember.keys()] });
  }

  private publish(event: MemberEvent): void {
    this.fanOut?.publish(MEMBERS_CHANNEL, encodeControlMessage(event));
  }

  private receive(frame: Uint8Array): void {
    const event = decodeControlMessage(memberEventSchema, frame);
    if (!event) return;
    if (event.type === 'removed') {
      this.closeHere(event.memberId, event.code, event.reason);
    } else if (event.memberIds.length === 0) {
      this.elsewhere.delete(event.instance);
    } else if (event.instance !== this.instance) {
      this.elsewhere.set(event.instance, {
        memberIds: new Set(event.memberIds),
        until: Date.now() + 3 * this.heartbeatMs,
      });
    }
  }
}
