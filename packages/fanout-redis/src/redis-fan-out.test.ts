import { MemoryDocStore, RoomManager, type SyncSocket } from '@talkoot/sync';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RedisFanOut } from './redis-fan-out.ts';
import { requireRedis, startTestRedis, type TestRedis } from './testing.ts';

const available = requireRedis();

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A socket whose doc applies the update frames the room sends (sync type 1 and 2). */
class DocSocket implements SyncSocket {
  readonly doc = new Y.Doc();
  send(frame: Uint8Array): void {
    if (frame[0] !== 0 || frame[1] === 0) return;
    // [0, type, varuint length, ...update]: skip the length prefix.
    let offset = 2;
    while (frame[offset]! & 0x80) offset++;
    Y.applyUpdate(this.doc, frame.subarray(offset + 1));
  }
  close(): void {}
}

function updateFrame(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('m').set(key, value);
  const length: number[] = [];
  let n = update!.length;
  while (n > 0x7f) {
    length.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  length.push(n);
  return new Uint8Array([0, 2, ...length, ...update!]);
}

describe.skipIf(!available)('RedisFanOut', () => {
  let redis: TestRedis;
  const fanOuts: RedisFanOut[] = [];
  const open = async () => {
    const fanOut = await RedisFanOut.connect(redis.url, { onError: () => undefined });
    fanOuts.push(fanOut);
    return fanOut;
  };
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const f of fanOuts) f.close();
    await redis?.stop();
  });

  it('relays binary frames to other instances and never back to the publisher', async () => {
    const [one, two] = await Promise.all([open(), open()]);
    const atOne: Uint8Array[] = [];
    const atTwo: Uint8Array[] = [];
    let active = 0;
    one.subscribe('board', { onFrame: (f) => atOne.push(f), onActive: () => active++ });
    two.subscribe('board', { onFrame: (f) => atTwo.push(f), onActive: () => active++ });
    await until(() => active === 2, 'both subscriptions active');
    const everyByte = new Uint8Array(256).map((_, i) => i);
    one.publish('board', everyByte);
    one.publish('other-board', new Uint8Array([1, 2, 3]));
    await until(() => atTwo.length === 1, 'the frame at the other instance');
    expect([...atTwo[0]!]).toEqual([...everyByte]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(atOne).toHaveLength(0);
    expect(atTwo).toHaveLength(1);
  });

  it('releases the Redis subscription when the last subscriber of a document leaves', async () => {
    const fanOut = await open();
    let active = 0;
    const first = fanOut.subscribe('released', { onFrame: () => undefined, onActive: () => active++ });
    const second = fanOut.subscribe('released', { onFrame: () => undefined, onActive: () => active++ });
    await until(() => active === 2, 'subscriptions active');
    const probe = new Redis(redis.url);
    const subscribers = async () => Number(((await probe.pubsub('NUMSUB', 'talkoot:released')) as [string, number])[1]);
    expect(await subscribers()).toBe(1);
    first();
    expect(await subscribers()).toBe(1);
    second();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await subscribers()).toBe(0);
    probe.disconnect();
  });

  it('subscribes again after Redis restarts, tells subscribers, and drops frames meanwhile without throwing', async () => {
    const [one, two] = await Promise.all([open(), open()]);
    const received: Uint8Array[] = [];
    let active = 0;
    two.subscribe('restart', { onFrame: (f) => received.push(f), onActive: () => active++ });
    one.subscribe('restart', { onFrame: () => undefined });
    await until(() => active === 1, 'subscription active');
    await redis.stop();
    const dropped = one.stats.dropped;
    one.publish('restart', new Uint8Array([9]));
    await redis.start();
    await until(() => active >= 2, 'subscription active again after the restart');
    expect(one.stats.dropped).toBeGreaterThan(dropped);
    await until(() => (one as unknown as { publisher: Redis }).publisher.status === 'ready', 'publisher back');
    one.publish('restart', new Uint8Array([7, 0, 7]));
    await until(() => received.length > 0, 'a frame after the restart');
    expect([...received.at(-1)!]).toEqual([7, 0, 7]);
  });

  it('refuses to start when Redis does not answer', async () => {
    await expect(
      RedisFanOut.connect('redis://127.0.0.1:1', { connectTimeoutMs: 300, onError: () => undefined }),
    ).rejects.toThrow(/did not answer/);
  });

  it('lets room managers on two instances converge, also across a Redis restart', async () => {
    const store = new MemoryDocStore();
    const [one, two] = await Promise.all([open(), open()]);
    const a = new RoomManager({ store, fanOut: one, reconcileMs: 0 });
    const b = new RoomManager({ store, fanOut: two, reconcileMs: 0 });
    const [sa, sb] = [new DocSocket(), new DocSocket()];
    const ca = a.connect('board', sa, { canWrite: true });
    const cb = b.connect('board', sb, { canWrite: true });
    await until(() => a.get('board')?.isReady === true && b.get('board')?.isReady === true, 'rooms loaded');
    ca.receive(updateFrame('from-a', 1));
    await until(() => sb.doc.getMap('m').get('from-a') === 1, 'a → b');
    cb.receive(updateFrame('from-b', 2));
    await until(() => sa.doc.getMap('m').get('from-b') === 2, 'b → a');

    await redis.stop();
    ca.receive(updateFrame('while-down', 3));
    await a.settled();
    await redis.start();
    // Frames published while Redis was down are gone; the room reads them from the store.
    await until(() => sb.doc.getMap('m').get('while-down') === 3, 'the update made while Redis was down');
    ca.closed();
    cb.closed();
  });
});
