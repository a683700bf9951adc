import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { requireRedis, startTestRedis, type TestRedis } from '@talkoot/fanout-redis/testing';
import {
  createTestSchema,
  requirePostgres,
  terminateBackends,
  type TestSchema,
} from '@talkoot/storage-postgres/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missing, type Observer, startObserver, startWriter, storedKeys, type Writer } from './fault-clients.ts';
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts';
import { createBoard, freePort, kill9, spawnServer, tempDataDir, waitFor } from './testing.ts';

const available = (await requirePostgres()) && requireRedis();

/** The server's query time-out (PostgresStorageOptions.queryTimeoutMs, pg's `query_timeout`). */
const QUERY_TIMEOUT_MS = 10_000;
/** The server's time-out for a new connection (connectTimeoutMs, pg's `connectionTimeoutMillis`). */
const CONNECT_TIMEOUT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)('several instances while PostgreSQL fails under them (real processes)', () => {
  const data = tempDataDir();
  const application = `talkoot_faults_${randomBytes(4).toString('hex')}`;
  let schema: TestSchema;
  let redis: TestRedis;
  let proxy: FaultProxy;
  const instances: { url: string; child: ChildProcess; exits: string[]; log: string[] }[] = [];
  let writers: Writer[] = [];
  let observers: Observer[] = [];

  const start = async (databaseUrl: string) => {
    const port = await freePort();
    const child = await spawnServer(data.dir, port, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      COMPACT_AFTER: '40',
    });
    const exits: string[] = [];
    child.once('exit', (code, signal) => exits.push(`exited with ${code ?? signal}`));
    // What the server logs is kept, for a failure message.
    const log: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    return { url: `http://127.0.0.1:${port}`, child, exits, log };
  };

  beforeAll(async () => {
    [schema, redis] = await Promise.all([createTestSchema(), startTestRedis()]);
    const target = new URL(schema.url);
    proxy = await startFaultProxy(Number(target.port || 5432), target.hostname);
    const through = new URL(schema.url);
    through.host = `127.0.0.1:${proxy.port}`;
    through.searchParams.set('application_name', application);
    instances.push(...(await Promise.all([start(through.toString()), start(through.toString())])));
  }, 60_000);
  afterEach((context) => {
    if (context.task.result?.state === 'fail') {
      for (const [n, i] of instances.entries())
        console.log(`instance ${n} logged:\n${i.log.map((l) => l.split('\n')[0]!.slice(0, 160)).join('\n')}`);
    }
    proxy.resume();
    for (const x of [...writers, ...observers]) x.client.destroy();
    for (const w of writers) w.stop();
    writers = [];
    observers = [];
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => kill9(i.child)));
    await proxy?.close();
    await redis?.stop();
    await schema?.drop();
    data.remove();
  });

  /** Two writers and an observer on each instance, all on one new board. */
  const startBoard = async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    // After an earlier test's faults, an instance takes new boards again once its probe write
    // succeeded (every 5 s).
    let board: Awaited<ReturnType<typeof createBoard>> | undefined;
    for (const until = Date.now() + 15_000; !board; await sleep(250)) {
      board = await createBoard(a.url).catch((error: unknown) => {
        if (Date.now() > until) throw error;
        return undefined;
      });
    }
    const token = board.facilitatorToken;
    writers = [a, a, b, b].map((i, n) => startWriter(i.url, board.boardId, token, `w${n}`));
    observers = [a, b].map((i) => startObserver(i.url, board.boardId, token));
    await waitFor(() => observers.every((o) => o.client.provider.synced), 10_000, 'observers synced');
    return board.boardId;
  };

  /** Stops writing, waits until both observers saw every note written, and checks PostgreSQL has them all. */
  const settle = async (boardId: string, what: string) => {
    for (const w of writers) w.stop();
    const written = new Set(writers.flatMap((w) => [...w.written]));
    await waitFor(
      () => observers.every((o) => missing(written, o.seen).length === 0),
      20_000,
      `${what}: both observers to see all ${written.size} notes written`,
    ).catch((error: unknown) => {
      for (const [n, w] of writers.entries()) console.log(`writer w${n} saw closes: ${w.closes.join(' ')}`);
      throw error;
    });
    const seen = new Set(observers.flatMap((o) => [...o.seen]));
    const stored = await storedKeys(schema.url, boardId);
    console.log(`${what}: written ${written.size}, seen ${seen.size}, stored ${stored.size}`);
    expect(missing(seen, stored)).toEqual([]);
    expect(missing(written, stored)).toEqual([]);
    for (const instance of instances) expect(instance.exits).toEqual([]);
  };

  it('survives cut connections and terminated backends: no exit, writers converge, everything seen is stored', async () => {
    const boardId = await startBoard();
    await sleep(1000);
    for (let round = 0; round < 2; round++) {
      await waitFor(() => proxy.connections > 0, 10_000, 'connections through the proxy');
      const cut = proxy.cut();
      expect(cut).toBeGreaterThan(0);
      await sleep(1500);
      const terminated = await terminateBackends(application);
      expect(terminated).toBeGreaterThan(0);
      await sleep(1500);
      console.log(`round ${round}: cut ${cut} proxied connections, terminated ${terminated} backends`);
    }
    await settle(boardId, 'resets');
  }, 60_000);

  it('tells clients within the query time-out that PostgreSQL does not answer, and recovers by itself', async () => {
    const boardId = await startBoard();
    await sleep(1000);
    const before = new Set(observers.flatMap((o) => [...o.seen]));
    const pausedAt = performance.now();
    proxy.blackhole();
    await waitFor(
      () => observers.every((o) => o.notice() === 'storage-unavailable'),
      QUERY_TIMEOUT_MS + 20000,
      'the storage notice on both observers',
    );
    const noticeAfter = observers.map((o) => o.notices.find((n) => n.notice === 'storage-unavailable')!.at - pausedAt);
    console.log(`blackhole: notice after ${noticeAfter.map((ms) => ms.toFixed(0)).join(' and ')} ms`);
    // A query on an open connection fails after the query time-out; one that first needs a new
    // connection after the connect time-out (and the catch-up read of each board, every 5 s,
    // finds a silent database within the query time-out of its start).
    for (const ms of noticeAfter) expect(ms).toBeLessThan(QUERY_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 2000);
    await sleep(15_000 - (performance.now() - pausedAt));
    for (const instance of instances) expect(instance.exits).toEqual([]);
    proxy.resume();
    const resumedAt = performance.now();
    await waitFor(
      () => observers.every((o) => o.notice() === undefined),
      QUERY_TIMEOUT_MS + 10_000,
      'the notice gone after PostgreSQL answers again',
    );
    console.log(`blackhole: notice gone ${(performance.now() - resumedAt).toFixed(0)} ms after resuming`);
    expect(missing(before, await storedKeys(schema.url, boardId))).toEqual([]);
    await settle(boardId, 'blackhole');
  }, 70_000);
});
