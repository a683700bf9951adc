import { DEFAULT_BACKOFF, reconnectDelay, type BackoffOptions } from './reconnect-backoff.ts';

/**
 * The part of y-websocket's `WebsocketProvider` (3.x) that reconnecting needs.
 *
 * y-websocket retries on its own with a fixed exponential backoff and no jitter: when a
 * connection closes it schedules `setupWS`, which only opens a socket if `shouldConnect` is
 * still true when the timer fires. Setting `shouldConnect = false` inside the synchronous
 * `connection-close` event therefore turns its retry into a no-op, and we reconnect ourselves.
 */
export interface ReconnectableProvider {
  shouldConnect: boolean;
  /** The current socket, connecting or open; null between attempts. */
  readonly ws: unknown;
  connect(): void;
  disconnect(): void;
  on(event: 'connection-close', handler: (event: { code: number } | null) => void): unknown;
  off(event: 'connection-close', handler: (event: { code: number } | null) => void): unknown;
  on(event: 'sync', handler: (synced: boolean) => void): unknown;
  off(event: 'sync', handler: (synced: boolean) => void): unknown;
}

/** Options of {@link keepReconnecting}. */
export interface JitteredReconnectOptions {
  /**
   * A close after which this provider must not reconnect: reconnecting cannot help (the caller
   * shows why), or the caller throws the doc away and syncs a fresh one. No retry follows.
   */
  isFinal: (code: number) => boolean;
  /** Called when a retry is scheduled (its time, ms since epoch) or starts/cancels (null). */
  onRetryAtChange?: (retryAt: number | null) => void;
  backoff?: BackoffOptions;
  random?: () => number;
  now?: () => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** A running {@link keepReconnecting}. */
export interface JitteredReconnect {
  /** When the next attempt starts (ms since epoch), or null when none is waiting. */
  readonly retryAt: number | null;
  /** Failed attempts since the last successful sync. */
  readonly attempt: number;
  /** Reconnects after at most `withinMs` (0: at once), unless an attempt is due sooner. */
  retrySoon(withinMs?: number): void;
  /** Drops the connection now (e.g. the browser says it is offline) and retries with backoff. */
  dropConnection(): void;
  /** Stops retrying (also done for good by a final close); does not disconnect. */
  stop(): void;
}

/**
 * Takes over reconnecting from a y-websocket provider: after every non-final close the next
 * attempt waits a random time in `[0, min(cap, base * 2^attempt))` ("full jitter"), so a
 * server restart does not bring every client back in the same millisecond. The attempt count
 * resets once a connection has synced, not merely opened: a server that accepts and then
 * closes is backed off too.
 */
export function keepReconnecting(
  provider: ReconnectableProvider,
  options: JitteredReconnectOptions,
): JitteredReconnect {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const schedule = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  const cancel = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as number));

  let attempt = 0;
  let timer: unknown = null;
  let retryAt: number | null = null;
  let stopped = false;
  let gaveUp = false;

  const setRetryAt = (value: number | null) => {
    if (retryAt === value) return;
    retryAt = value;
    options.onRetryAtChange?.(value);
  };
  const clearTimer = () => {
    if (timer !== null) cancel(timer);
    timer = null;
  };
  const connectNow = () => {
    clearTimer();
    setRetryAt(null);
    if (!stopped && !gaveUp) provider.connect();
  };
  const retryIn = (ms: number) => {
    clearTimer();
    setRetryAt(now() + ms);
    timer = schedule(connectNow, ms);
  };

  const onClose = (event: { code: number } | null) => {
    // After a final close a listener may still call disconnect(), which reports a null close.
    if (stopped || gaveUp) return;
    if (event && options.isFinal(event.code)) {
      gaveUp = true;
      provider.shouldConnect = false;
      clearTimer();
      setRetryAt(null);
      return;
    }
    // Runs before y-websocket schedules its own retry, which then finds shouldConnect false.
    provider.shouldConnect = false;
    retryIn(reconnectDelay(attempt, backoff, random));
    attempt += 1;
  };
  const onSync = (synced: boolean) => {
    if (synced) attempt = 0;
  };
  provider.on('connection-close', onClose);
  provider.on('sync', onSync);

  return {
    get retryAt() {
      return retryAt;
    },
    get attempt() {
      return attempt;
    },
    retrySoon(withinMs = 0) {
      if (stopped || gaveUp || provider.ws !== null) return;
      const delay = Math.floor(random() * withinMs);
      if (retryAt !== null && retryAt <= now() + delay) return;
      if (delay <= 0) connectNow();
      else retryIn(delay);
    },
    dropConnection() {
      // disconnect() closes the socket at once (a dead socket on lost Wi-Fi may otherwise hang
      // until y-websocket's 30 s watchdog) and reports a null close, which schedules the retry.
      if (!stopped && provider.ws !== null) provider.disconnect();
    },
    stop() {
      stopped = true;
      clearTimer();
      setRetryAt(null);
      provider.off('connection-close', onClose);
      provider.off('sync', onSync);
    },
  };
}
