import type { ChildProcess } from 'node:child_process';
import { requireRedis, startTestRedis, type TestRedis } from '@talkoot/fanout-redis/testing';
import { CloseCode, SESSION_MAP, SESSION_STATE_KEY, type SessionState } from '@talkoot/protocol';
import { createTestSchema, requirePostgres, type TestSchema } from '@talkoot/storage-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authedFetch,
  closeCodesOf,
  closeOf,
  connectClient,
  createBoard,
  freePort,
  joinBoard,
  frameRecord,
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
  waitForSync,
} from './testing.ts';

const available = (await requirePostgres()) && requireRedis();

const sessionState = (c: TestClient) => c.doc.getMap(SESSION_MAP).get(SESSION_STATE_KEY) as SessionState | undefined;

describe.skipIf(!available)('several instances on PostgreSQL and Redis', () => {
  const data = tempDataDir();
  let schema: TestSchema;
  let redis: TestRedis;
  const instances: { url: string; port: number; child: ChildProcess }[] = [];
  const children: ChildProcess[] = [];
  const clients: TestClient[] = [];
  const client = (url: string, room: string, token: string) => {
    const c = connectClient(url, room, token);
    clients.push(c);
    return c;
  };
  const start = async (port?: number) => {
    const p = port ?? (await freePort());
    const child = await spawnServer(data.dir, p, { DATABASE_URL: schema.url, REDIS_URL: redis.url });
    children.push(child);
    return { url: `http://127.0.0.1:${p}`, port: p, child };
  };
  const command = (url: string, boardId: string, token: string, body: unknown) =>
    authedFetch(url, `/api/boards/${boardId}/session`, token, 'POST', body);

  beforeAll(async () => {
    [schema, redis] = await Promise.all([createTestSchema(), startTestRedis()]);
    instances.push(...(await Promise.all([start(), start(), start()])));
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all(children.map(kill9));
    await redis?.stop();
    await schema?.drop();
    data.remove();
  });

  it('lets clients of one board on three instances converge', async () => {
    const [a, b, c] = instances as [(typeof instances)[0], (typeof instances)[0], (typeof instances)[0]];
    const board = await createBoard(a.url);
    const amina = await joinBoard(b.url, board.joinCode, 'Amina');
    const olga = await joinBoard(c.url, board.joinCode, 'Olga');
    const meta = await authedFetch(c.url, `/api/boards/${board.boardId}`, board.facilitatorToken);
    expect(meta.status).toBe(200);
    const onA = client(a.url, board.boardId, board.facilitatorToken);
    const onB = client(b.url, board.boardId, amina.token);
    const onC = client(c.url, board.boardId, olga.token);
    await Promise.all([onA, onB, onC].map((x) => waitForSync(x)));
    for (let i = 0; i < 20; i++) {
      putNote(onA, `shape:a${i}`, `from A ${i}`);
      putNote(onB, `shape:b${i}`, `from B ${i}`);
      putNote(onC, `shape:c${i}`, `from C ${i}`);
    }
    const all = (x: TestClient) => notesWithPrefix(x, 'a') + notesWithPrefix(x, 'b') + notesWithPrefix(x, 'c');
    await waitFor(() => [onA, onB, onC].every((x) => all(x) === 60), 10_000, 'all 60 notes everywhere');
    expect(recordsOf(onB).toJSON()).toEqual(recordsOf(onA).toJSON());
    expect(recordsOf(onC).toJSON()).toEqual(recordsOf(onA).toJSON());

    // How long one edit takes from a client on A to a client on B (printed, not asserted).
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const arrived = new Promise<void>((resolve) => {
        const onChange = () => {
          if (textOf(onB, 'shape:ping') !== `ping ${i}`) return;
          recordsOf(onB).unobserve(onChange);
          resolve();
        };
        recordsOf(onB).observe(onChange);
      });
      const startedAt = performance.now();
      putNote(onA, 'shape:ping', `ping ${i}`);
      await arrived;
      times.push(performance.now() - startedAt);
    }
    times.sort((x, y) => x - y);
    console.log(
      `cross-instance update, client on A → client on B: median ${times[25]!.toFixed(1)} ms, p90 ${times[45]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (50 edits)`,
    );
  });

  it('shows presence across instances and removes it when a client leaves', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const board = await createBoard(a.url);
    const amina = await joinBoard(b.url, board.joinCode, 'Amina');
    const onA = connectClient(a.url, board.boardId, board.facilitatorToken);
    const onB = client(b.url, board.boardId, amina.token);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    onA.provider.awareness.setLocalStateField('presence', { name: 'Leena', cursor: { x: 10, y: 20 } });
    const seenOnB = () => onB.provider.awareness.getStates().get(onA.provider.awareness.clientID);
    await waitFor(() => seenOnB() !== undefined, 5000, 'presence from A on B');
    expect(seenOnB()).toMatchObject({ presence: { name: 'Leena', cursor: { x: 10, y: 20 } } });
    onA.provider.awareness.setLocalStateField('presence', { name: 'Leena', cursor: { x: 30, y: 40 } });
    await waitFor(
      () => (seenOnB() as { presence?: { cursor: { x: number } } })?.presence?.cursor.x === 30,
      5000,
      'cursor move',
    );
    onA.destroy();
    await waitFor(() => seenOnB() === undefined, 5000, 'presence removed when the client left A');
  });

  it('applies facilitation across instances: locks, timer, members, votes', async () => {
    const [a, b, c] = instances as [(typeof instances)[0], (typeof instances)[0], (typeof instances)[0]];
    const board = await createBoard(a.url);
    const amina = await joinBoard(b.url, board.joinCode, 'Amina');
    const olga = await joinBoard(c.url, board.joinCode, 'Olga');
    const f = client(a.url, board.boardId, board.facilitatorToken);
    const p = client(b.url, board.boardId, amina.token);
    const pSession = client(b.url, `${board.boardId}/session`, amina.token);
    await Promise.all([waitForSync(f), waitForSync(p), waitForSync(pSession)]);

    // A lock set through A stops the participant on B at once.
    expect(
      (await command(a.url, board.boardId, board.facilitatorToken, { type: 'lock.set', locked: true })).status,
    ).toBe(200);
    await waitFor(() => sessionState(pSession)?.locked === true, 5000, 'the lock on B');
    const pCloses = closeCodesOf(p);
    putNote(p, 'shape:locked', 'should not land');
    await waitFor(() => pCloses.length > 0, 5000, 'the locked edit refused on B');
    expect(pCloses).toEqual([CloseCode.UPDATE_REFUSED]);
    putNote(f, 'shape:facilitator', 'lands');
    // A fresh copy on B (as the web client makes after 4409) gets the facilitator's note, not the refused one.
    const p2 = client(b.url, board.boardId, amina.token);
    await waitForSync(p2);
    await waitFor(() => recordsOf(p2).has('shape:facilitator'), 5000, 'facilitator note on B');
    expect(recordsOf(p2).has('shape:locked')).toBe(false);
    expect(recordsOf(f).has('shape:locked')).toBe(false);
    await command(a.url, board.boardId, board.facilitatorToken, { type: 'lock.set', locked: false });
    await waitFor(() => sessionState(pSession)?.locked === false, 5000, 'the unlock on B');
    putNote(p2, 'shape:unlocked', 'lands');
    await waitFor(() => recordsOf(f).has('shape:unlocked'), 5000, 'participant note on A');
    expect(recordsOf(f).has('shape:locked')).toBe(false);

    // A timer started through B is running for a member asking C.
    await command(b.url, board.boardId, board.facilitatorToken, { type: 'timer.set', durationMs: 300_000 });
    await command(b.url, board.boardId, board.facilitatorToken, { type: 'timer.start' });
    const fromC = (await (await authedFetch(c.url, `/api/boards/${board.boardId}/session`, olga.token)).json()) as {
      state: SessionState;
    };
    expect(fromC.state.timer).toMatchObject({ status: 'running', durationMs: 300_000 });

    // Votes: one budget, whichever instance each vote goes to.
    await command(c.url, board.boardId, board.facilitatorToken, { type: 'voting.open', budget: 3 });
    const votes = [a, b, c, a, b].map((instance) =>
      authedFetch(instance.url, `/api/boards/${board.boardId}/votes`, olga.token, 'POST', {
        shapeId: 'shape:facilitator',
      }),
    );
    const statuses = (await Promise.all(votes)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 409, 409]);
    await command(a.url, board.boardId, board.facilitatorToken, { type: 'voting.reveal' });
    const revealed = (await (await authedFetch(b.url, `/api/boards/${board.boardId}/session`, olga.token)).json()) as {
      state: SessionState;
    };
    expect(revealed.state.voting.results).toEqual({ 'shape:facilitator': 3 });

    // Members: someone connected to B shows online to a facilitator asking A, and removing
    // them through A closes their socket on B.
    const members = async () =>
      (
        (await (await authedFetch(a.url, `/api/boards/${board.boardId}/members`, board.facilitatorToken)).json()) as {
          members: { memberId: string; online: boolean }[];
        }
      ).members;
    const you = (await (await authedFetch(c.url, `/api/boards/${board.boardId}`, amina.token)).json()) as {
      you: { memberId: string };
    };
    const aminaId = you.you.memberId;
    let online = false;
    for (let i = 0; i < 100 && !online; i++) {
      online = (await members()).find((m) => m.memberId === aminaId)?.online === true;
      if (!online) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(online).toBe(true);
    const raw = await openRawSocket(`${b.url.replace('http', 'ws')}/sync/${board.boardId}?token=${amina.token}`);
    const closed = closeOf(raw);
    const removed = await authedFetch(
      a.url,
      `/api/boards/${board.boardId}/members/${aminaId}`,
      board.facilitatorToken,
      'DELETE',
    );
    expect(removed.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.FORBIDDEN);
  });

  it('enforces roles and frame locks the same on every instance', async () => {
    const [a, b, c] = instances as [(typeof instances)[0], (typeof instances)[0], (typeof instances)[0]];
    const board = await createBoard(a.url);
    const watcher = await joinBoard(a.url, board.joinCode, 'Watcher', 'observer');
    const olga = await joinBoard(c.url, board.joinCode, 'Olga');
    const f = client(a.url, board.boardId, board.facilitatorToken);
    const observer = client(b.url, board.boardId, watcher.token);
    const p = client(c.url, board.boardId, olga.token);
    const pSession = client(c.url, `${board.boardId}/session`, olga.token);
    await Promise.all([f, observer, p, pSession].map((x) => waitForSync(x)));
    // Every record that ever shows up on A, even for a moment.
    const everOnA = new Set<string>();
    recordsOf(f).observe((event) => event.keysChanged.forEach((key) => recordsOf(f).has(key) && everOnA.add(key)));
    const page = [...recordsOf(f).keys()].find((k) => k.startsWith('page:'))!;
    recordsOf(f).set('shape:frame', frameRecord('shape:frame', page));
    await waitFor(() => recordsOf(p).has('shape:frame'), 5000, 'the frame on C');
    await waitFor(() => recordsOf(observer).has('shape:frame'), 5000, 'the frame on B');

    // An observer watches on B but cannot write: its edit is refused (4409) and goes nowhere.
    const observerCloses = closeCodesOf(observer);
    recordsOf(observer).set('shape:observer', noteRecord('shape:observer', page, 0, 0, 'observer'));
    await waitFor(() => observerCloses.length > 0, 5000, "the observer's edit refused on B");
    expect(observerCloses).toEqual([CloseCode.UPDATE_REFUSED]);
    // A participant cannot run commands through C.
    expect((await command(c.url, board.boardId, olga.token, { type: 'lock.set', locked: true })).status).toBe(403);

    // A frame locked through B keeps the participant on C out of it, and only out of it.
    const locked = await command(b.url, board.boardId, board.facilitatorToken, {
      type: 'frame-lock.set',
      frameId: 'shape:frame',
      locked: true,
    });
    expect(locked.status).toBe(200);
    await waitFor(() => sessionState(pSession)?.lockedFrameIds.includes('shape:frame') === true, 5000, 'lock on C');
    const pCloses = closeCodesOf(p);
    recordsOf(p).set('shape:inside', noteRecord('shape:inside', 'shape:frame', 10, 10, 'inside'));
    await waitFor(() => pCloses.length > 0, 5000, 'the note inside refused on C');
    expect(pCloses).toEqual([CloseCode.UPDATE_REFUSED]);
    // Refused clients start again from fresh copies.
    const p2 = client(c.url, board.boardId, olga.token);
    const observer2 = client(b.url, board.boardId, watcher.token);
    await Promise.all([waitForSync(p2), waitForSync(observer2)]);
    const p2Closes = closeCodesOf(p2);
    recordsOf(p2).set('shape:outside', noteRecord('shape:outside', page, 900, 900, 'outside'));
    await waitFor(() => recordsOf(f).has('shape:outside'), 5000, 'the note outside the frame on A');
    await waitFor(() => recordsOf(observer2).has('shape:outside'), 5000, 'the note outside the frame on B');
    expect(p2Closes).toEqual([]);
    expect(everOnA.has('shape:inside')).toBe(false);
    expect(everOnA.has('shape:observer')).toBe(false);
    for (const x of [p2, observer2]) {
      expect(recordsOf(x).has('shape:inside')).toBe(false);
      expect(recordsOf(x).has('shape:observer')).toBe(false);
    }
  });

  it('closes sockets on every instance when a board is deleted', async () => {
    const [a, , c] = instances as [(typeof instances)[0], (typeof instances)[0], (typeof instances)[0]];
    const board = await createBoard(a.url);
    const raw = await openRawSocket(
      `${c.url.replace('http', 'ws')}/sync/${board.boardId}?token=${board.facilitatorToken}`,
    );
    const closed = closeOf(raw);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const deleted = await authedFetch(a.url, `/api/boards/${board.boardId}`, board.facilitatorToken, 'DELETE');
    expect(deleted.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.BOARD_NOT_FOUND);
  });

  it('survives kill -9 of an instance: its clients reconnect to another one and lose nothing they saw', async () => {
    const victim = await start();
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const balancer = await startBalancer(victim.port);
    try {
      const board = await createBoard(a.url);
      const writer = client(balancer.url, board.boardId, board.facilitatorToken);
      const watcher = client(b.url, board.boardId, board.facilitatorToken);
      await Promise.all([waitForSync(writer), waitForSync(watcher)]);
      for (let i = 0; i < 200; i++) putNote(writer, `shape:n${i}`, `note ${i}`);
      // Once a client on another instance has seen an update, PostgreSQL has it.
      await waitFor(() => notesWithPrefix(watcher, 'n') === 200, 10_000, 'all 200 notes on B');

      await kill9(victim.child);
      balancer.retarget(a.port);
      putNote(writer, 'shape:offline', 'written while its instance was dead');
      await waitFor(() => recordsOf(watcher).has('shape:offline'), 15_000, 'the writer back through A');
      putNote(watcher, 'shape:reply', 'seen by the writer');
      await waitFor(() => recordsOf(writer).has('shape:reply'), 5000, 'reply reaches the writer on A');

      const fresh = client(a.url, board.boardId, board.facilitatorToken);
      await waitForSync(fresh);
      await waitFor(
        () =>
          notesWithPrefix(fresh, 'n') === 200 &&
          recordsOf(fresh).has('shape:offline') &&
          recordsOf(fresh).has('shape:reply'),
        5000,
        'everything from PostgreSQL',
      );
      expect(recordsOf(fresh).toJSON()).toEqual(recordsOf(watcher).toJSON());
      expect(recordsOf(writer).toJSON()).toEqual(recordsOf(watcher).toJSON());
    } finally {
      balancer.close();
    }
  });

  it('converges again after Redis restarts, with edits made while it was down', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const board = await createBoard(a.url);
    const onA = client(a.url, board.boardId, board.facilitatorToken);
    const onB = client(b.url, board.boardId, board.facilitatorToken);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    putNote(onA, 'shape:before', 'before');
    await waitFor(() => recordsOf(onB).has('shape:before'), 5000, 'relay before the restart');

    await redis.stop();
    putNote(onA, 'shape:down-a', 'down-a');
    putNote(onB, 'shape:down-b', 'down-b');
    // Without Redis the instances still converge, by reading PostgreSQL every few seconds.
    await waitFor(
      () => recordsOf(onB).has('shape:down-a') && recordsOf(onA).has('shape:down-b'),
      15_000,
      'convergence while Redis is down',
    );
    await redis.start();
    putNote(onA, 'shape:after', 'after');
    await waitFor(() => recordsOf(onB).has('shape:after'), 15_000, 'relay after the restart');
    onA.provider.awareness.setLocalStateField('presence', { name: 'after restart' });
    await waitFor(
      () => onB.provider.awareness.getStates().has(onA.provider.awareness.clientID),
      15_000,
      'presence after the restart',
    );
    expect(recordsOf(onA).toJSON()).toEqual(recordsOf(onB).toJSON());
  });
});
