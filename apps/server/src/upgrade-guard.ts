import type { IncomingMessage } from 'node:http';
import type { ErrorBody } from '@talkoot/protocol';
import type { MiddlewareHandler } from 'hono';
import { addressKey } from './address-key.ts';
import { type OriginPolicy, originAllowed } from './origin-check.ts';

/** What {@link upgradeGuard} enforces on websocket upgrades. */
export interface UpgradeGuardOptions extends OriginPolicy {
  /** Open sync sockets allowed per client address (an IPv6 /64 counts as one address). */
  maxConnectionsPerAddress: number;
}

/**
 * Counts open sockets per address, in memory only: nothing about who connected is stored
 * or logged, and an address is forgotten as soon as its last socket closes.
 */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  /** Takes a slot for `address`; returns how to give it back, or undefined when none is free. */
  acquire(address: string): (() => void) | undefined {
    const key = addressKey(address);
    const count = this.counts.get(key) ?? 0;
    if (count >= this.max) return undefined;
    this.counts.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left > 0) this.counts.set(key, left);
      else this.counts.delete(key);
    };
  }

  /** Addresses with at least one open socket (for tests). */
  get size(): number {
    return this.counts.size;
  }
}

/**
 * Checks a websocket upgrade before anything else is done for it: a browser page from
 * another origin is refused with 403 (a cross-site page could otherwise drive a
 * participant's sync socket with a token it got hold of), and an address already holding
 * `maxConnectionsPerAddress` sockets is refused with 429. {@link originAllowed} decides which
 * origins pass; clients that send no `Origin` (y-websocket in Node, native apps) are not
 * browsers and pass the origin check. Plain HTTP requests pass untouched.
 */
export function upgradeGuard(options: UpgradeGuardOptions): MiddlewareHandler {
  const counter = new ConnectionCounter(options.maxConnectionsPerAddress);
  return async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !originAllowed(origin, c.req.header('host'), options)) {
      return c.json<ErrorBody>({ error: 'forbidden-origin', message: 'This origin may not open a sync socket.' }, 403);
    }
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const socket = incoming?.socket;
    if (!socket) return next();
    const release = counter.acquire(socket.remoteAddress ?? 'unknown');
    if (!release) {
      c.header('retry-after', '10');
      return c.json<ErrorBody>({ error: 'rate-limited', message: 'Too many open connections from this network.' }, 429);
    }
    // The TCP socket outlives the upgrade: it closes when the websocket does, or at once
    // when the upgrade is refused further on (bad token).
    socket.once('close', release);
    return next();
  };
}
