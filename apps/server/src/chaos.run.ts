/**
 * The chaos run (`pnpm chaos`, see bench/README.md; not part of `vitest run`): three instances on
 * PostgreSQL (through a fault proxy) and a private Redis, writers that reconnect and resend
 * (y-websocket) and observers that record what the server delivered, for `CHAOS_SECONDS`
 * (default 180) of kill -9 of instances (restarted on the same port), PostgreSQL connection cuts,
 * `pg_terminate_backend` and Redis restarts. Prints written / seen / stored / lost; `CHAOS_LOG=file`
 * writes what the instances logged and when each writer's socket closed.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { startTestRedis } from '@talkoot/fanout-redis/testing';
import { createTestSchema, terminateBackends } from '@talkoot/storage-postgres/testing';
import { expect, it } from 'vitest';
import { missing, startObserver, startWriter } from './fault-clients.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { storedKeys } from './fault-clients.ts';
import { createBoard, freePort, kill9, spawnServer, tempDataDir, waitFor } from './testing.ts';

const SECONDS = Number(process.env.CHAOS_SECONDS ?? 180);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it(
  `loses nothing seen over ${SECONDS} s of kill -9, PostgreSQL resets and Redis restarts`,
  async () => {
    const data = tempDataDir();
    const application = `talkoot_chaos_${randomBytes(4).toString('hex')}`;
    const [schema, redis] = await Promise.all([createTestSchema(), startTestRedis()]);
    const target = new URL(schema.url);
    const proxy = await startFaultProxy(Number(target.port || 5432), target.hostname);
    const through = new URL(schema.url);
    through.host = `127.0.0.1:${proxy.port}`;
    through.searchParams.set('application_name', application);
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const children: (ChildProcess | undefined)[] = [];
    const logs: string[] = [];
    const t0 = Date.now();
    const start = async (n: number) => {
      const child = await spawnServer(data.dir, ports[n]!, {
        DATABASE_URL: through.toString(),
        REDIS_URL: redis.url,
        COMPACT_AFTER: '100',
      });
      const record = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n'))
          if (line.trim())
            logs.push(`${((Date.now() - t0) / 1000).toFixed(1)} s, instance ${n}: ${line.slice(0, 200)}`);
      };
      child.stdout!.on('data', record);
      child.stderr!.on('data', record);
      children[n] = child;
    };
    const counts = { kills: 0, cuts: 0, terminated: 0, redisRestarts: 0 };
    try {
      await Promise.all([0, 1, 2].map(start));
      const urls = ports.map((p) => `http://127.0.0.1:${p}`);
      const board = await createBoard(urls[0]!);
      const token = board.facilitatorToken;
      const writers = [0, 1, 2, 0, 1, 2].map((i, n) => startWriter(urls[i]!, board.boardId, token, `w${n}`, 100));
      const observers = [0, 1, 2].map((i) => startObserver(urls[i]!, board.boardId, token));
      for (const [n, w] of writers.entries()) {
        w.client.provider.on('connection-close', (event: { code: number; reason: string } | null) =>
          logs.push(`${((Date.now() - t0) / 1000).toFixed(1)} s, writer w${n}: closed ${event?.code} ${event?.reason}`),
        );
      }
      const until = Date.now() + SECONDS * 1000;
      while (Date.now() < until) {
        await sleep(3000 + Math.random() * 3000);
        const fault = Math.floor(Math.random() * 4);
        if (fault === 0) {
          const n = Math.floor(Math.random() * 3);
          await kill9(children[n]!);
          counts.kills++;
          await sleep(1000);
          await start(n);
        } else if (fault === 1) {
          proxy.cut();
          counts.cuts++;
        } else if (fault === 2) {
          counts.terminated += await terminateBackends(application);
        } else {
          await redis.stop();
          await sleep(1000);
          await redis.start();
          counts.redisRestarts++;
        }
      }
      for (const w of writers) w.stop();
      const written = new Set(writers.flatMap((w) => [...w.written]));
      await waitFor(
        () => observers.every((o) => missing(written, o.seen).length === 0),
        60_000,
        'every observer to see every note written',
      ).catch((error: unknown) => console.log(String(error)));
      const seen = new Set(observers.flatMap((o) => [...o.seen]));
      const stored = await storedKeys(schema.url, board.boardId);
      const lostSeen = missing(seen, stored);
      const lostWritten = missing(written, stored);
      console.log(
        `chaos ${SECONDS} s: ${counts.kills} kill -9, ${counts.cuts} PostgreSQL cuts, ${counts.terminated} backends terminated, ${counts.redisRestarts} Redis restarts\n` +
          `written ${written.size}, seen ${seen.size}, stored ${stored.size}, lost (seen, not stored) ${lostSeen.length}, written and never stored ${lostWritten.length}`,
      );
      for (const [n, w] of writers.entries()) {
        const lacking = missing(w.written, stored).length;
        if (lacking > 0) {
          const codes = w.closes.join(' ');
          console.log(
            `writer w${n}: ${lacking} of ${w.written.size} not stored; connected ${w.client.provider.wsconnected}; socket state ${w.client.provider.ws?.readyState}; closes ${codes}`,
          );
        }
      }
      if (process.env.CHAOS_LOG) writeFileSync(process.env.CHAOS_LOG, logs.join('\n'));
      if (lostWritten.length > 0) {
        const closes = logs.filter((line) => / writer w\d+: closed 44/.test(line));
        console.log(`what the instances logged:\n${logs.slice(-40).join('\n')}\nrefusals:\n${closes.join('\n')}`);
      }
      for (const x of [...writers, ...observers]) x.client.destroy();
      expect(lostSeen).toEqual([]);
      expect(lostWritten).toEqual([]);
    } finally {
      await Promise.all(children.map((c) => (c ? kill9(c) : undefined)));
      await proxy.close();
      await redis.stop();
      await schema.drop();
      data.remove();
    }
  },
  (SECONDS + 180) * 1000,
);
