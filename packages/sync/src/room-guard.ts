import { CloseCode } from '@talkoot/protocol';
import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import { decodedUpdateOf } from './messages.ts';
import { admitPresence } from './presence-gate.ts';
import { inspectUpdate, type UpdateChanges, type WriteLimits } from './write-gate.ts';

/** What the guard says of one update. */
export type Admission =
  | { readonly kind: 'apply'; readonly changes: UpdateChanges }
  /** It changes nothing (a sync step 2 re-sending what the server has, an observer's included). */
  | { readonly kind: 'ignore' }
  | {
      readonly kind: 'refuse';
      readonly code: number;
      readonly reason: string;
      /** It depends on something the server has not seen (maybe stored by another instance meanwhile). */
      readonly pending?: boolean;
      /** It depends on clocks the server has not seen (not only content under an unread client id). */
      readonly gap?: boolean;
    };

/** The limits a room's guard enforces. */
export interface GuardLimits {
  readonly writeLimits: WriteLimits;
  readonly maxDocBytes: number;
  readonly maxPresencePerSocket: number;
}

/**
 * What one room remembers to decide who may write what: which writer adds content under which
 * document client id, which socket holds which presence, and how big the document is. The
 * decisions themselves are the write gate's ({@link inspectUpdate}) and the connection's own
 * rules (`canWrite`, `vet`); nothing here applies anything.
 */
export class RoomGuard {
  /** Document client id → the writer who adds content under it (see `ConnectionOptions.writer`). */
  private readonly writers = new Map<number, unknown>();
  /** Awareness client id → the local connection whose presence it is. */
  private readonly holders = new Map<number, Connection>();
  /** Encoded size of the document when last measured, and bytes accepted since. */
  private measuredBytes = 0;
  private grownBytes = 0;
  private readonly doc: Y.Doc;
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly limits: GuardLimits;

  constructor(doc: Y.Doc, awareness: awarenessProtocol.Awareness, limits: GuardLimits) {
    this.doc = doc;
    this.awareness = awareness;
    this.limits = limits;
  }

  /** Measures the document (once it is loaded). */
  measure(): void {
    this.measuredBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    this.grownBytes = 0;
  }

  /**
   * Decides an update of a connection, before anything of it is applied. Unless `caughtUp`
   * (the room has just read the shared store for it, or the store is not shared), an update
   * that may be a client carrying what another instance stored (it depends on clocks not seen
   * here, or adds content under a client id that is not the sender's own presence) is sent back
   * as `pending`: read the store first, then decide.
   */
  admit(connection: Connection, update: Uint8Array, caughtUp: boolean): Admission {
    const verdict = inspectUpdate(this.doc, decodedUpdateOf(update), this.limits.writeLimits, (client) =>
      this.isForeign(client, connection.writer),
    );
    if (!verdict.ok) {
      const refused = refusal(CloseCode.UPDATE_REFUSED, `${verdict.reason}: ${verdict.detail}`);
      const maybeElsewhere = verdict.reason === 'pending' || verdict.reason === 'foreign-client';
      const gap = verdict.reason === 'pending';
      if (!maybeElsewhere || caughtUp) return gap ? { ...refused, gap } : refused;
      return { ...refused, pending: true, gap };
    }
    const { changes } = verdict;
    if (!caughtUp) {
      for (const client of changes.writers) {
        if (!connection.awarenessClients.has(client))
          return { ...refusal(CloseCode.UPDATE_REFUSED, 'unread'), pending: true };
      }
    }
    if (changes.writers.size === 0 && changes.entries.length === 0) return { kind: 'ignore' };
    if (!connection.canWrite()) return refusal(CloseCode.UPDATE_REFUSED, 'this connection may not write');
    if (connection.vet && !connection.vet(changes, this.doc))
      return refusal(CloseCode.UPDATE_REFUSED, 'not allowed here');
    if (changes.adds && !this.fits(update.byteLength)) return refusal(CloseCode.BOARD_FULL, 'the board is full');
    return { kind: 'apply', changes };
  }

  /**
   * Records an applied update: the client ids it added content under are its writer's for as
   * long as the room is loaded. (What a client relays from another instance was read from the
   * shared store first, see {@link admit}: it is known here and binds nobody.)
   */
  applied(connection: Connection, changes: UpdateChanges, bytes: number): void {
    this.grownBytes += bytes;
    for (const client of changes.writers) this.writers.set(client, connection.writer);
  }

  /**
   * Whether `client` may be this connection's own document client id: not the server's, and
   * not bound to or present as another writer (a client id seen for the first time is).
   */
  mayBeOwn(connection: Connection, client: number): boolean {
    return client !== this.doc.clientID && !this.isForeign(client, connection.writer);
  }

  /** Whether new content under `client` would be someone else's: bound to, or present as, another writer. */
  private isForeign(client: number, writer: unknown): boolean {
    const owner = this.writers.get(client) ?? this.holders.get(client)?.writer;
    return owner !== undefined && owner !== writer;
  }

  /**
   * Whether a connection may set a client's presence: not an echo of a state the room has (its
   * clock is not newer), not another writer's client id, not held by another writer's socket,
   * and within the socket's cap (`claimed` counts the new ids of the message being read).
   */
  private presence(connection: Connection, client: number, clock: number, claimed: Set<number>): 'keep' | 'drop' {
    const meta = this.awareness.meta.get(client);
    if (meta && clock <= meta.clock) return 'drop';
    if (client === this.doc.clientID) return 'drop'; // the server's own notices
    if (this.isForeign(client, connection.writer)) return 'drop';
    const holder = this.holders.get(client);
    // The same writer's new socket takes over (the old one may be half-open after a Wi-Fi drop).
    if (holder !== undefined && holder !== connection && holder.writer !== connection.writer) return 'drop';
    if (!connection.awarenessClients.has(client)) {
      claimed.add(client);
      if (connection.awarenessClients.size + claimed.size > this.limits.maxPresencePerSocket) return 'drop';
    }
    return 'keep';
  }

  /**
   * A socket's awareness update as the room may apply it (see {@link admitPresence}), or
   * undefined when nothing of it is the socket's to set.
   */
  presenceUpdate(connection: Connection, update: Uint8Array): Uint8Array | undefined {
    if (connection.presence === false) return undefined;
    const claimed = new Set<number>();
    const verdict = admitPresence(
      update,
      (client, clock) => this.presence(connection, client, clock, claimed),
      connection.presence,
    );
    return verdict.clients.length > 0 ? verdict.update : undefined;
  }

  /** Awareness client ids this instance's own sockets hold (and that have a state). */
  ownPresence(): number[] {
    return [...this.holders.keys()].filter((id) => this.awareness.states.has(id));
  }

  /** A connection now holds a client's presence (taking it over from the same writer's old socket). */
  hold(connection: Connection, client: number): void {
    const previous = this.holders.get(client);
    if (previous === connection) return;
    previous?.awarenessClients.delete(client);
    this.holders.set(client, connection);
    connection.awarenessClients.add(client);
  }

  /** A client's presence is gone. */
  release(client: number): void {
    this.holders.get(client)?.awarenessClients.delete(client);
    this.holders.delete(client);
  }

  /**
   * Whether `bytes` more fit under the size cap. The running total over-counts (overwritten
   * values, deleted content), so near the cap the document is measured again.
   */
  private fits(bytes: number): boolean {
    const cap = this.limits.maxDocBytes;
    if (this.measuredBytes + this.grownBytes + bytes <= cap) return true;
    if (this.grownBytes > 0) this.measure();
    return this.measuredBytes + bytes <= cap;
  }
}

const refusal = (code: number, reason: string) => ({ kind: 'refuse' as const, code, reason: reason.slice(0, 120) });
