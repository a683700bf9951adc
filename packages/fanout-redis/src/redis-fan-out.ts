import { randomBytes } from 'node:crypto';
import type { FanOut, FanOutHandlers } from '@talkoot/sync';
import { Redis, type RedisOptions } from 'ioredis';

/** Options of {@link RedisFanOut}. */
export interface RedisFanOutOptions {
  /** Channel prefix shared by the instances of one deployment. Default `talkoot:`. */
  prefix?: string;
  /** How long {@link RedisFanOut.connect} waits for Redis. Default 10 s. */
  connectTimeoutMs?: number;
  /** Where connection problems go; logged once per outage. */
  onError?: (error: Error, context: string) => void;
}

/** First byte of every message: lets a later format be told apart. */
const FORMAT = 1;
const ID_BYTES = 16;
const HEADER_BYTES = 1 + ID_BYTES;

/** Reconnect quickly at first, then every 2 s, for ever. */
const retryStrategy = (times: number): number => Math.min(times * 100, 2000);

/**
 * Relays frames between instances through Redis pub/sub: one channel per document
 * (`<prefix><docName>`), one publisher and one subscriber connection per instance. Each
 * message is the frame behind a header (format byte, 16-byte instance id), so frames stay
 * binary and an instance ignores its own. While Redis is unreachable frames are dropped,
 * not queued. A subscription is active once Redis confirmed it and the publisher is
 * connected too; after a reconnect of either connection every subscriber is told again
 * ({@link FanOutHandlers.onActive}), and its room catches up from the store.
 */
export class RedisFanOut implements FanOut {
  /** Counters for logs and tests. */
  readonly stats = { published: 0, dropped: 0, received: 0 };
  private readonly id = randomBytes(ID_BYTES);
  private readonly prefix: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<FanOutHandlers>>();
  /** Channel → its SUBSCRIBE on the current connection, resolved once Redis confirmed it. */
  private readonly confirmed = new Map<string, Promise<unknown>>();
  private readonly onError: (error: Error, context: string) => void;
  private readonly failing = new Set<Redis>();
  /** The subscriber holds every channel on its current connection. */
  private subscribed = false;
  private closed = false;

  constructor(url: string, options: RedisFanOutOptions = {}) {
    this.prefix = options.prefix ?? 'talkoot:';
    this.onError = options.onError ?? ((error, context) => console.error(`[redis] ${context}: ${error.message}`));
    // No offline queue: a frame that cannot go now is dropped (the store has it), and
    // subscriptions are made anew on every connection.
    const common: RedisOptions = { enableOfflineQueue: false, retryStrategy, maxRetriesPerRequest: 1 };
    this.publisher = new Redis(url, { ...common, connectionName: 'talkoot-publisher' });
    this.subscriber = new Redis(url, { ...common, autoResubscribe: false, connectionName: 'talkoot-subscriber' });
    for (const [connection, name] of [
      [this.publisher, 'publisher'],
      [this.subscriber, 'subscriber'],
    ] as const) {
      connection.on('error', (error: Error) => {
        if (this.failing.has(connection)) return;
        this.failing.add(connection);
        this.onError(error, `${name} connection`);
      });
      connection.on('ready', () => this.failing.delete(connection));
    }
    this.subscriber.on('ready', () => this.subscribeAll());
    this.subscriber.on('close', () => {
      this.subscribed = false;
      this.confirmed.clear();
    });
    // Frames this instance published while its publisher was away are lost too.
    this.publisher.on('ready', () => this.subscribed && this.notifyActive());
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
  }

  /** Connects to Redis and resolves once both connections are ready; rejects after the timeout. */
  static async connect(url: string, options: RedisFanOutOptions = {}): Promise<RedisFanOut> {
    const fanOut = new RedisFanOut(url, options);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all([ready(fanOut.publisher), ready(fanOut.subscriber)]),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Redis at ${redact(url)} did not answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      fanOut.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return fanOut;
  }

  publish(docName: string, frame: Uint8Array): void {
    if (this.closed || this.publisher.status !== 'ready') {
      this.stats.dropped++;
      return;
    }
    const message = Buffer.allocUnsafe(HEADER_BYTES + frame.byteLength);
    message[0] = FORMAT;
    this.id.copy(message, 1);
    message.set(frame, HEADER_BYTES);
    this.stats.published++;
    this.publisher.publish(this.prefix + docName, message).catch(() => this.stats.dropped++);
  }

  subscribe(docName: string, handlers: FanOutHandlers): () => void {
    const channel = this.prefix + docName;
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    const entry = { ...handlers };
    set.add(entry);
    const confirmed = this.confirmed.get(channel) ?? this.subscribeChannels([channel]);
    confirmed?.then(
      () => set.has(entry) && this.publisher.status === 'ready' && entry.onActive?.(),
      () => undefined,
    );
    return () => {
      set.delete(entry);
      if (set.size > 0 || this.handlers.get(channel) !== set) return;
      this.handlers.delete(channel);
      this.confirmed.delete(channel);
      if (this.subscriber.status === 'ready') {
        this.subscriber.unsubscribe(channel).catch((error: unknown) => this.report(error, 'unsubscribing'));
      }
    };
  }

  /** Closes both connections at once (frames in flight are dropped). */
  close(): void {
    this.closed = true;
    this.handlers.clear();
    this.confirmed.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  /** Subscribes on the current connection; undefined while disconnected (done on `ready`). */
  private subscribeChannels(channels: string[]): Promise<unknown> | undefined {
    if (this.closed || this.subscriber.status !== 'ready' || channels.length === 0) return undefined;
    const done = this.subscriber.subscribe(...channels).catch((error: unknown) => {
      this.report(error, 'subscribing');
      // Not active after all: the next `ready` tries again.
      for (const channel of channels) if (this.confirmed.get(channel) === done) this.confirmed.delete(channel);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    });
    for (const channel of channels) this.confirmed.set(channel, done);
    return done;
  }

  /** A (re)connected subscriber: every channel again, then every subscriber catches up. */
  private subscribeAll(): void {
    this.confirmed.clear();
    const channels = [...this.handlers.keys()];
    const done = channels.length > 0 ? this.subscribeChannels(channels) : Promise.resolve();
    done?.then(
      () => {
        this.subscribed = true;
        this.notifyActive();
      },
      () => undefined,
    );
  }

  private notifyActive(): void {
    if (this.publisher.status !== 'ready') return;
    for (const set of [...this.handlers.values()]) for (const handlers of [...set]) handlers.onActive?.();
  }

  private receive(channel: Buffer, message: Buffer): void {
    if (message.length < HEADER_BYTES || message[0] !== FORMAT) return;
    if (this.id.equals(message.subarray(1, HEADER_BYTES))) return;
    const set = this.handlers.get(channel.toString());
    if (!set) return;
    this.stats.received++;
    const frame = new Uint8Array(message.buffer, message.byteOffset + HEADER_BYTES, message.length - HEADER_BYTES);
    for (const handlers of set) {
      try {
        handlers.onFrame(frame);
      } catch (error) {
        this.report(error, `frame for ${channel.toString()}`);
      }
    }
  }

  private report(error: unknown, context: string): void {
    if (!this.closed) this.onError(error instanceof Error ? error : new Error(String(error)), context);
  }
}

function ready(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => connection.once('ready', () => resolve()));
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
