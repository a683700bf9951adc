import type { ChildProcess } from 'node:child_process';
import { requireRedis, startTestRedis, type TestRedis } from '@talkoot/fanout-redis/testing';
import { CloseCode } from '@talkoot/protocol';
import { createTestSchema, requirePostgres, type TestSchema } from '@talkoot/storage-postgres/testing';
import { encodeUpdate } from '@talkoot/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  authedFetch,
  closeOf,
  connectClient,
  createBoard,
  exitOf,
  freePort,
  healthOf,
  joinBoard,
  kill9,
  noteRecord,
  notesWithPrefix,
  openRawSocket,
  putNote,
  recordsOf,
  spawnServer,
  startBalancer,
  tempDataDir,
  type TestClient,
  textOf,
  waitFor,
  waitForHealth,
  waitForSync,
} from './testing.ts';

const available = (await requirePostgres()) && requireRedis();

/** Short enough that a test sees rooms unload, long enough that none unloads mid-step. */
const IDLE_UNLOAD_MS = 300;
/** Low, so that both instances compact the boards of these tests again and again. */
const COMPACT_AFTER = 25;

/** Whether two clients hold the same records (whatever order their maps list them in). */
const sameRecords = (x: TestClient, y: TestClient) => {
  const one = recordsOf(x).toJSON();
  const two = recordsOf(y).toJSON();
  const keys = Object.keys(one);
  return (
    keys.length === Object.keys(two).length && keys.every((k) => JSON.stringify(one[k]) === JSON.stringify(two[k]))
  );
};

describe.skipIf(!available)('several instances: unloading, compaction and shutdown', () => {
  const data = tempDataDir();
  let schema: TestSchema;
  let redis: TestRedis;
  let a: Instance;
  let b: Instance;
  const children: ChildProcess[] = [];
  let clients: TestClient[] = [];
  const client = (url: string, room: string, token: string) => {
    const c = connectClient(url, room, token);
    clients.push(c);
    return c;
  };
  /** Clients leave (and are no longer destroyed after the test). */
  const leave = (...gone: TestClient[]) => {
    for (const c of gone) c.destroy();
    clients = clients.filter((c) => !gone.includes(c));
  };
  interface Instance {
    url: string;
    port: number;
    child: ChildProcess;
  }
  const start = async (): Promise<Instance> => {
    const port = await freePort();
    const child = await spawnServer(data.dir, port, {
      DATABASE_URL: schema.url,
      REDIS_URL: redis.url,
      ROOM_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS),
      COMPACT_AFTER: String(COMPACT_AFTER),
    });
    children.push(child);
    return { url: `http://127.0.0.1:${port}`, port, child };
  };
  /** Everything of every board unloaded (rooms leave once idle, then their companions). */
  const unloaded = (instance: Instance, what: string) =>
    waitForHealth(instance.url, (h) => h.rooms === 0 && h.sockets === 0, 10_000, `${what}: every room unloaded`);

  beforeAll(async () => {
    [schema, redis] = await Promise.all([createTestSchema(), startTestRedis()]);
    [a, b] = await Promise.all([start(), start()]);
  }, 60_000);
  afterEach(() => {
    for (const c of clients) c.destroy();
    clients = [];
  });
  afterAll(async () => {
    await Promise.all(children.map(kill9));
    await redis?.stop();
    await schema?.drop();
    data.remove();
  });

  it('unloads an idle board on one instance and loads it with everything on demand on any instance', async () => {
    const board = await createBoard(a.url);
    const amina = await joinBoard(a.url, board.joinCode, 'Amina');
    const facilitator = client(a.url, board.boardId, board.facilitatorToken);
    const participant = client(a.url, board.boardId, amina.token);
    await Promise.all([waitForSync(facilitator), waitForSync(participant)]);
    for (let i = 0; i < 30; i++) {
      putNote(facilitator, `shape:f${i}`, `facilitator ${i}`);
      putNote(participant, `shape:p${i}`, `participant ${i}`);
    }
    await waitFor(
      () => [facilitator, participant].every((c) => notesWithPrefix(c, 'f') === 30 && notesWithPrefix(c, 'p') === 30),
      10_000,
      'both clients to see all 60 notes',
    );
    const before = recordsOf(facilitator).toJSON();
    expect((await healthOf(a.url)).rooms).toBeGreaterThan(0);

    // Everyone leaves: A drops the board (and its session document) from memory.
    leave(...clients);
    await unloaded(a, 'A after everyone left');

    // B never had the board in memory: it loads it from PostgreSQL.
    const onB = client(b.url, board.boardId, amina.token);
    await waitForSync(onB);
    await waitFor(() => notesWithPrefix(onB, 'f') === 30 && notesWithPrefix(onB, 'p') === 30, 5000, 'the notes on B');
    expect(recordsOf(onB).toJSON()).toEqual(before);
    putNote(onB, 'shape:b-meanwhile', 'while A had the board unloaded');
    // A stays unloaded until someone connects there.
    expect((await healthOf(a.url)).rooms).toBe(0);

    // And A loads it again, with what B added meanwhile.
    const onA = client(a.url, board.boardId, board.facilitatorToken);
    await waitForSync(onA);
    await waitFor(() => recordsOf(onA).has('shape:b-meanwhile'), 5000, "B's edit on A after reloading");
    expect(textOf(onA, 'shape:b-meanwhile')).toBe('while A had the board unloaded');
    expect(recordsOf(onA).toJSON()).toEqual(recordsOf(onB).toJSON());
    expect((await healthOf(a.url)).rooms).toBeGreaterThan(0);

    // The reloaded room is live again both ways: edits and presence.
    putNote(onB, 'shape:b-after', 'after, on B');
    putNote(onA, 'shape:a-after', 'after, on A');
    await waitFor(() => recordsOf(onA).has('shape:b-after'), 5000, 'an edit on B reaching the client on A');
    await waitFor(() => recordsOf(onB).has('shape:a-after'), 5000, 'an edit on A reaching the client on B');
    onB.provider.awareness.setLocalStateField('presence', { name: 'Amina' });
    await waitFor(
      () => onA.provider.awareness.getStates().has(onB.provider.awareness.clientID),
      5000,
      'presence from B on A',
    );
    expect(recordsOf(onA).toJSON()).toEqual(recordsOf(onB).toJSON());
  });

  it('checks edits on a reloaded board against a lock set on another instance while it was unloaded', async () => {
    const board = await createBoard(a.url);
    const amina = await joinBoard(a.url, board.joinCode, 'Amina');
    // The participant works on A once: A has seen the board unlocked.
    const first = client(a.url, board.boardId, amina.token);
    await waitForSync(first);
    putNote(first, 'shape:early', 'before the lock');
    const watcher = client(b.url, board.boardId, board.facilitatorToken);
    await waitForSync(watcher);
    await waitFor(() => recordsOf(watcher).has('shape:early'), 5000, 'the early note on B');
    leave(first, watcher);
    await Promise.all([unloaded(a, 'A'), unloaded(b, 'B')]);

    // The facilitator locks the board through B while no instance has it loaded.
    const locked = await authedFetch(b.url, `/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', {
      type: 'lock.set',
      locked: true,
    });
    expect(locked.status).toBe(200);

    // The participant comes back to A and sends an edit straight away (as a client with
    // offline edits does), before A has even loaded the board.
    const offline = new Y.Doc();
    let edit: Uint8Array | undefined;
    offline.on('update', (update: Uint8Array) => (edit = update));
    putNote(offline, 'shape:while-locked', 'written while locked');
    const raw = new WebSocket(`${a.url.replace('http', 'ws')}/sync/${board.boardId}?token=${amina.token}`);
    const answered = closeOf(raw, 10_000);
    raw.once('open', () => raw.send(encodeUpdate(edit!)));
    // The room answers once it is loaded, after it handled the frames that waited for it:
    // it refuses the edit (the board is locked) and closes the socket.
    expect((await answered).code).toBe(CloseCode.UPDATE_REFUSED);

    const check = client(b.url, board.boardId, board.facilitatorToken);
    await waitForSync(check);
    const facilitator = client(a.url, board.boardId, board.facilitatorToken);
    await waitForSync(facilitator);
    putNote(facilitator, 'shape:marker', 'after the lock');
    await waitFor(() => recordsOf(check).has('shape:marker'), 5000, "the facilitator's later note on B");
    expect(recordsOf(check).has('shape:early')).toBe(true);
    expect(recordsOf(check).has('shape:while-locked')).toBe(false);
    expect(recordsOf(facilitator).has('shape:while-locked')).toBe(false);
    raw.terminate();
  });

  it('keeps everything while two instances compact the same board again and again', async () => {
    const board = await createBoard(a.url);
    const [beforeA, beforeB] = await Promise.all([healthOf(a.url), healthOf(b.url)]);
    const onA = client(a.url, board.boardId, board.facilitatorToken);
    const onB = client(b.url, board.boardId, board.facilitatorToken);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    const page = 'page:page';
    // Rounds of edits on both instances at once; each instance compacts after 25 of its own.
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < 15; i++) {
        const n = round * 15 + i;
        recordsOf(onA).set(`shape:a${n}`, noteRecord(`shape:a${n}`, page, n, 0, `A ${n}`));
        recordsOf(onB).set(`shape:b${n}`, noteRecord(`shape:b${n}`, page, n, 100, `B ${n}`));
        // Edits of earlier notes too, so snapshots merge overwritten values.
        if (n > 0) recordsOf(onA).set(`shape:b${n - 1}`, noteRecord(`shape:b${n - 1}`, page, n, 200, `A edits ${n}`));
      }
      const seen = (round + 1) * 15;
      await waitFor(
        () => notesWithPrefix(onA, 'b') === seen && notesWithPrefix(onB, 'a') === seen,
        10_000,
        `round ${round} on both instances`,
      );
    }
    await waitFor(() => sameRecords(onA, onB), 10_000, 'the two clients to converge');
    const [afterA, afterB] = await Promise.all([healthOf(a.url), healthOf(b.url)]);
    const compactedA = afterA.compactions! - beforeA.compactions!;
    const compactedB = afterB.compactions! - beforeB.compactions!;
    console.log(`compaction: ${compactedA} on A and ${compactedB} on B during ${rounds} rounds of edits on both`);
    expect(compactedA).toBeGreaterThan(0);
    expect(compactedB).toBeGreaterThan(0);

    // A fresh load (from the last snapshot and the log after it) has exactly the same board.
    const expected = recordsOf(onA).toJSON();
    leave(...clients);
    await Promise.all([unloaded(a, 'A'), unloaded(b, 'B')]);
    for (const instance of [a, b]) {
      const fresh = client(instance.url, board.boardId, board.facilitatorToken);
      await waitForSync(fresh);
      expect(recordsOf(fresh).toJSON()).toEqual(expected);
    }
  });

  it('on SIGTERM closes its sockets with 1012 within 5 s; its clients carry on on another instance', async () => {
    const victim = await start();
    const balancer = await startBalancer(victim.port);
    try {
      const board = await createBoard(a.url);
      const writer = client(balancer.url, board.boardId, board.facilitatorToken);
      const watcher = client(b.url, board.boardId, board.facilitatorToken);
      await Promise.all([waitForSync(writer), waitForSync(watcher)]);
      const raw = await openRawSocket(
        `${victim.url.replace('http', 'ws')}/sync/${board.boardId}?token=${board.facilitatorToken}`,
      );
      const closed = closeOf(raw, 10_000);
      for (let i = 0; i < 50; i++) putNote(writer, `shape:n${i}`, `note ${i}`);
      await waitFor(() => notesWithPrefix(watcher, 'n') === 50, 10_000, 'the first 50 notes on B');

      // More edits right as the instance is told to stop: some reach it, some do not.
      for (let i = 50; i < 80; i++) putNote(writer, `shape:n${i}`, `note ${i}`);
      const exited = exitOf(victim.child);
      const stopAt = performance.now();
      victim.child.kill('SIGTERM');
      // The balancer's health check sees the instance go and sends new connections elsewhere.
      balancer.retarget(a.port);
      expect((await closed).code).toBe(CloseCode.SERVICE_RESTART);
      expect(await exited).toEqual({ code: 0, signal: null });
      const took = performance.now() - stopAt;
      console.log(`SIGTERM with PostgreSQL and Redis: closed and exited after ${took.toFixed(0)} ms`);
      expect(took).toBeLessThan(5000);

      putNote(writer, 'shape:after', 'after the restart');
      await waitFor(
        () => notesWithPrefix(watcher, 'n') === 80 && recordsOf(watcher).has('shape:after'),
        10_000,
        'every note of the writer on B, through A',
      );
      expect(recordsOf(writer).toJSON()).toEqual(recordsOf(watcher).toJSON());
      expect((await healthOf(a.url)).sockets).toBeGreaterThan(0);
    } finally {
      balancer.close();
    }
  });
});
