import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { endsConnection } from './close-policy.ts';
import { keepReconnecting, type JitteredReconnect } from './jittered-reconnect.ts';

/** Stands in for the browser's WebSocket so the real y-websocket provider can be driven by hand. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.instances.push(this);
  }
  send() {}
  close() {
    this.readyState = 3;
  }
  /** The server (or the network) closes the connection. */
  serverClose(code: number) {
    this.onclose?.({ code, reason: '' });
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
}

const sockets = () => FakeSocket.instances.length;
const latest = () => FakeSocket.instances.at(-1)!;

describe('keepReconnecting', () => {
  let provider: WebsocketProvider;
  let reconnect: JitteredReconnect;
  let random: ReturnType<typeof vi.fn<() => number>>;
  const retryTimes: Array<number | null> = [];

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    FakeSocket.instances = [];
    retryTimes.length = 0;
    random = vi.fn(() => 0.5);
    provider = new WebsocketProvider('ws://talkoot.test/sync', 'board', new Y.Doc(), {
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
      disableBc: true,
      // y-websocket's own retry would fire within 100 ms; ours waits longer, so any extra socket
      // in the tests below would be its doing.
      maxBackoffTime: 100,
    });
    reconnect = keepReconnecting(provider, {
      isFinal: endsConnection,
      backoff: { baseMs: 1_000, capMs: 8_000 },
      random,
      onRetryAtChange: (at) => retryTimes.push(at),
    });
  });

  afterEach(() => {
    reconnect.stop();
    provider.destroy();
    vi.useRealTimers();
  });

  it('waits a jittered time after a drop, and y-websocket does not reconnect on its own', () => {
    latest().open();
    latest().serverClose(1012);
    expect(reconnect.retryAt).toBe(500);
    vi.advanceTimersByTime(499);
    expect(sockets()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(sockets()).toBe(2);
    expect(reconnect.retryAt).toBeNull();
    vi.advanceTimersByTime(10_000);
    expect(sockets()).toBe(2);
    expect(retryTimes).toEqual([500, null]);
  });

  it('doubles the window after each failed attempt up to the cap', () => {
    const windows: number[] = [];
    for (let i = 0; i < 6; i++) {
      const closedAt = Date.now();
      latest().serverClose(1006);
      windows.push((reconnect.retryAt! - closedAt) / 0.5);
      vi.advanceTimersByTime(reconnect.retryAt! - closedAt);
    }
    expect(windows).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(sockets()).toBe(7);
  });

  it('starts again from the base once a connection has synced', () => {
    latest().serverClose(1006);
    vi.advanceTimersByTime(500);
    latest().serverClose(1006);
    expect(reconnect.attempt).toBe(2);
    vi.advanceTimersByTime(1_000);
    latest().open();
    provider.synced = true;
    expect(reconnect.attempt).toBe(0);
    latest().serverClose(1012);
    expect(reconnect.retryAt! - Date.now()).toBe(500);
  });

  it('gives up for good on a fatal close, even when asked to retry', () => {
    latest().open();
    latest().serverClose(4403);
    expect(reconnect.retryAt).toBeNull();
    reconnect.retrySoon();
    vi.advanceTimersByTime(60_000);
    expect(sockets()).toBe(1);
  });

  it('never retries after a refused update, whose doc the caller throws away', () => {
    latest().open();
    latest().serverClose(4409);
    expect(reconnect.retryAt).toBeNull();
    reconnect.retrySoon();
    vi.advanceTimersByTime(60_000);
    expect(sockets()).toBe(1);
  });

  it('schedules nothing when a listener disconnects while handling a fatal close', () => {
    provider.on('connection-close', (event) => {
      if (event?.code === 4403) provider.disconnect();
    });
    latest().open();
    latest().serverClose(4403);
    expect(reconnect.retryAt).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(sockets()).toBe(1);
  });

  it('reconnects at once when asked, instead of waiting for the backoff', () => {
    latest().serverClose(1006);
    reconnect.retrySoon();
    expect(sockets()).toBe(2);
    expect(reconnect.retryAt).toBeNull();
    vi.advanceTimersByTime(10_000);
    expect(sockets()).toBe(2);
  });

  it('keeps an earlier scheduled attempt when asked to retry within a longer window', () => {
    latest().serverClose(1006);
    random.mockReturnValue(0.9);
    reconnect.retrySoon(2_000);
    expect(reconnect.retryAt).toBe(500);
  });

  it('drops a hanging connection at once when the browser goes offline, then retries with backoff', () => {
    latest().open();
    reconnect.dropConnection();
    expect(provider.wsconnected).toBe(false);
    expect(provider.ws).toBeNull();
    expect(reconnect.retryAt).toBe(500);
    vi.advanceTimersByTime(500);
    expect(sockets()).toBe(2);
  });

  it('schedules nothing after it was stopped', () => {
    reconnect.stop();
    provider.disconnect();
    vi.advanceTimersByTime(60_000);
    expect(sockets()).toBe(1);
  });
});
