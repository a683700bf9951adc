import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey } from './address-key.ts';

/** How long the HTTP server waits for a client (see {@link DEFAULT_HTTP_TIMEOUTS}). */
export interface HttpTimeouts {
  /** From the connection (or the end of the previous request) to a request's complete head. */
  headersTimeoutMs: number;
  /** For a whole request, head and body (bodies are at most 512 KiB). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

/**
 * 10 s for a request head (Node: 60 s), 30 s for a whole request (Node: 300 s), 5 s idle
 * keep-alive: a client that dribbles its request a byte at a time is cut off after that.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** Options for `http.createServer` enforcing `timeouts`; Node checks them every second. */
export function httpServerOptions(timeouts: HttpTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    // Node enforces the two timeouts only this often (default 30 s).
    connectionsCheckingInterval: Math.min(1000, timeouts.headersTimeoutMs),
  };
}

/** Sets `timeouts` on a server created without {@link httpServerOptions} (the dev server). */
export function applyHttpTimeouts(server: Server, timeouts: HttpTimeouts): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
}

/** How long a connection may wait for its first request head before it counts as slow. */
export const PENDING_GRACE_MS = 1000;

/**
 * Caps, per client address (an IPv6 /64 counts as one), the connections that have not yet
 * sent a complete request head. Only those: a connection leaves the count as soon as its
 * first request (or websocket upgrade) has its head, so a room of tablets behind one venue
 * address with many keep-alive and sync connections is never touched, while someone holding
 * sockets open by dribbling headers holds at most `maxPerAddress` of them.
 *
 * A connection younger than {@link PENDING_GRACE_MS} is not slow yet: a room of tablets
 * reconnecting at once after a Wi-Fi drop opens many in the same instant, and each sends its
 * head within a round trip. So past `maxPerAddress`, the oldest pending connection of that
 * address is closed once it is older than that (checked on every new connection and every
 * {@link PENDING_GRACE_MS}), and at once whenever an address holds more than four times
 * `maxPerAddress`. The oldest is the slowest, so a fresh request from the same address (a
 * health check, a tablet behind the same NAT) still gets through. Addresses are counted in
 * memory only and forgotten with their last pending connection.
 */
export class PendingConnections {
  /** Per address key, pending sockets and when each connected, oldest first. */
  private readonly pending = new Map<string, Map<Socket, number>>();
  private readonly keys = new WeakMap<Socket, string>();
  private readonly maxPerAddress: number;
  private readonly now: () => number;

  constructor(maxPerAddress: number, now: () => number = Date.now) {
    this.maxPerAddress = maxPerAddress;
    this.now = now;
  }

  /**
   * Counts the server's new connections; its `request` event ends a connection's wait.
   * Upgrades emit no `request`: the app calls {@link PendingConnections.headComplete} for them
   * (a second `upgrade` listener would stop the websocket adapter from refusing upgrades).
   */
  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.add(socket));
    server.on('request', (request: IncomingMessage) => this.headComplete(request.socket));
    const timer = setInterval(() => {
      for (const key of [...this.pending.keys()]) this.trim(key);
    }, PENDING_GRACE_MS);
    timer.unref();
    server.once('close', () => clearInterval(timer));
  }

  /** The connection sent a complete request head: it no longer counts. */
  headComplete(socket: Socket): void {
    const key = this.keys.get(socket);
    if (key === undefined) return;
    this.keys.delete(socket);
    const sockets = this.pending.get(key);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.pending.delete(key);
  }

  /** Pending connections of every address (for tests). */
  get size(): number {
    let size = 0;
    for (const sockets of this.pending.values()) size += sockets.size;
    return size;
  }

  private add(socket: Socket): void {
    const key = addressKey(socket.remoteAddress ?? 'unknown');
    let sockets = this.pending.get(key);
    if (!sockets) this.pending.set(key, (sockets = new Map()));
    sockets.set(socket, this.now());
    this.keys.set(socket, key);
    socket.once('close', () => this.headComplete(socket));
    this.trim(key);
  }

  /** Closes the address's oldest pending connections while it holds too many. */
  private trim(key: string): void {
    const sockets = this.pending.get(key);
    while (sockets && sockets.size > this.maxPerAddress) {
      // A Map iterates in insertion order: the first is the one pending longest.
      const [oldest, since] = sockets.entries().next().value!;
      const slow = this.now() - since >= PENDING_GRACE_MS;
      if (!slow && sockets.size <= 4 * this.maxPerAddress) return;
      this.headComplete(oldest);
      oldest.destroy();
    }
  }
}
