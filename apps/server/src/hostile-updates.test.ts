import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { actionPlanMap, addMeasure, measureText, readActionPlan } from '@talkoot/action-plan';
import { CloseCode } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  awarenessFrame,
  deleteRangesUpdate,
  deleteRangeUpdate,
  forgedLaterStruct,
  nestedChainUpdate,
  RawClient,
  writersOf,
} from './hostile-frames.ts';
import {
  authedFetch,
  connectClient,
  createBoard,
  freePort,
  joinBoard,
  kill9,
  noteRecord,
  recordsOf,
  spawnServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

/** Resident memory of a process, from /proc (Linux). */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
/** What the server may use under attack: it idles at ~150–250 MB. */
const RSS_BOUND_BYTES = 1024 * 1024 * 1024;

/**
 * Attacks of issue 20, each as an outsider would write it: a raw websocket with a join code's
 * token (observer or participant) and hand-made frames. After each: the sender is closed, the
 * board keeps everything others wrote, nothing of the attacker's appears, and the board still
 * loads after a restart.
 */
describe('hostile updates', () => {
  const data = tempDataDir();
  const clients: TestClient[] = [];
  const raws: RawClient[] = [];
  let port: number;
  let url: string;
  let server: ChildProcess;
  let board: Awaited<ReturnType<typeof createBoard>>;
  let participant: { token: string; memberId: string };
  let observer: { token: string };
  let attacker: { token: string; memberId: string };
  let facilitator: TestClient;
  let victim: TestClient;

  const client = async (token: string) => {
    const c = connectClient(url, board.boardId, token);
    clients.push(c);
    await waitForSync(c);
    return c;
  };
  const raw = async (token: string) => {
    const r = await RawClient.open(url, board.boardId, token);
    raws.push(r);
    await r.sync();
    return r;
  };
  const note = (id: string, text: string) => noteRecord(id, 'page:page', 0, 0, text);
  const legit = ['shape:f1', 'shape:f2', 'shape:p1'];

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = await spawnServer(data.dir, port, { JOIN_ATTEMPTS_PER_MINUTE: '1000' });
    board = await createBoard(url);
    const withId = async (joined: { token: string }) => {
      const meta = await authedFetch(url, `/api/boards/${board.boardId}`, joined.token);
      return { token: joined.token, memberId: ((await meta.json()) as { you: { memberId: string } }).you.memberId };
    };
    participant = await withId(await joinBoard(url, board.joinCode, 'Amina'));
    attacker = await withId(await joinBoard(url, board.joinCode, 'Mallory'));
    observer = await joinBoard(url, board.joinCode, 'Watcher', 'observer');
    facilitator = await client(board.facilitatorToken);
    victim = await client(participant.token);
    recordsOf(facilitator).set('shape:f1', note('shape:f1', 'from the facilitator'));
    recordsOf(facilitator).set('shape:f2', note('shape:f2', 'second'));
    recordsOf(victim).set('shape:p1', note('shape:p1', 'from Amina'));
    await waitFor(() => legit.every((id) => recordsOf(facilitator).has(id) && recordsOf(victim).has(id)));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const r of raws) r.close();
    await kill9(server);
    data.remove();
  });

  /** Nothing others wrote is gone, and nothing with the attacker's ids is there. */
  const intact = async (extra: readonly string[] = []) => {
    const fresh = await client(board.facilitatorToken);
    for (const id of [...legit, ...extra]) expect(recordsOf(fresh).has(id), id).toBe(true);
    for (const key of recordsOf(fresh).keys()) expect(key).not.toMatch(/evil|deep|filler/);
    fresh.destroy();
  };

  it('refuses a chain of 15,000 nested maps from an observer and from a participant', async () => {
    const chain = nestedChainUpdate(15_000);
    expect(chain.byteLength).toBeGreaterThan(100_000);
    for (const token of [observer.token, attacker.token]) {
      const r = await raw(token);
      r.sendUpdate(chain);
      expect(await r.closedWith()).toBe(CloseCode.UPDATE_REFUSED);
    }
    await intact();
  });

  it('refuses delete sets for clocks the server has not seen (a victim’s future notes, the server’s own)', async () => {
    // The client id that wrote the board's first records (the server, when it created the board).
    const serverClient = writersOf(await (await raw(observer.token)).sync()).get('document:document')!;
    expect(serverClient).toBeTypeOf('number');
    for (const [token, target] of [
      [observer.token, victim.doc.clientID],
      [attacker.token, victim.doc.clientID],
      [attacker.token, serverClient],
    ] as const) {
      const r = await raw(token);
      r.sendUpdate(deleteRangeUpdate(target, 0, 2 ** 40));
      expect(await r.closedWith()).toBe(CloseCode.UPDATE_REFUSED);
    }
    // The victim's next note and the server's next writes stay.
    recordsOf(victim).set('shape:p2', note('shape:p2', 'written after the attack'));
    await waitFor(() => recordsOf(facilitator).has('shape:p2'));
    const promote = await authedFetch(url, `/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', {
      type: 'lock.set',
      locked: false,
    });
    expect(promote.status).toBeLessThan(300);
    legit.push('shape:p2');
    await intact();
  });

  it('refuses structs under the server’s client id, at its next clock and the one after', async () => {
    // Find the server's current client id as an outsider can: the writer of what it inserts.
    const before = new Set(recordsOf(facilitator).keys());
    const inserted = await authedFetch(url, `/api/boards/${board.boardId}/templates`, board.facilitatorToken, 'POST', {
      template: 'journey-map',
    });
    expect(inserted.status).toBe(201);
    const base = await (await raw(attacker.token)).sync();
    const fresh = [...writersOf(base)].filter(([key]) => !before.has(key));
    expect(fresh.length).toBeGreaterThan(0);
    const serverClient = fresh[0]![1];
    const next = new Y.Doc();
    Y.applyUpdate(next, base);
    next.clientID = serverClient; // after the apply: Yjs moves away from a client id it receives
    const sv = Y.encodeStateVector(next);
    recordsOf({ doc: next } as TestClient).set('shape:evil1', note('shape:evil1', 'forged'));
    const atNext = Y.encodeStateAsUpdate(next, sv);
    const later = forgedLaterStruct(base, serverClient, note('shape:evil2', 'forged later'), 'shape:evil2');
    for (const update of [atNext, later]) {
      const r = await raw(attacker.token);
      r.sendUpdate(update);
      expect(await r.closedWith(), JSON.stringify({ serverClient, reason: r.closed })).toBe(CloseCode.UPDATE_REFUSED);
    }
    // Any writer's next update (and the server's own writes) cannot carry the forged struct in.
    recordsOf(facilitator).set('shape:f3', note('shape:f3', 'after the forgery'));
    legit.push('shape:f3');
    await waitFor(() => recordsOf(victim).has('shape:f3'));
    await intact();
  });

  it('never applies an observer’s note, nor junk records, roots or keys from a participant', async () => {
    const doc = new Y.Doc();
    const cases: [string, (d: Y.Doc) => void][] = [
      [observer.token, (d) => d.getMap('tl_records').set('shape:evil3', note('shape:evil3', 'observer'))],
      [attacker.token, (d) => d.getMap('tl_records').set('shape:evil4', note('shape:f1', 'key differs from id'))],
      [
        attacker.token,
        (d) => d.getMap('tl_records').set('instance:evil', { id: 'instance:evil', typeName: 'instance' }),
      ],
      [attacker.token, (d) => d.getMap('evil_root').set('k', 1)],
      [attacker.token, (d) => d.getMap('tl_records').set('shape:evil5', 'not a record')],
    ];
    for (const [token, write] of cases) {
      const r = await raw(token);
      Y.applyUpdate(doc, r.state);
      const sv = Y.encodeStateVector(doc);
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
      write(scratch);
      r.sendUpdate(Y.encodeStateAsUpdate(scratch, sv));
      expect(await r.closedWith()).toBe(CloseCode.UPDATE_REFUSED);
    }
    await intact();
  });

  it('never applies an observer’s plan text, nor plan text from a participant where a plan has no room for it', async () => {
    addMeasure(facilitator.doc, { title: 'Vantaa integration unit' }, 'm:hostile');
    await waitFor(() => readActionPlan(victim.doc).some((m) => m.id === 'm:hostile'));
    const entryOf = (d: Y.Doc) => actionPlanMap(d).get('m:hostile') as Y.Map<unknown>;
    const cases: [string, (d: Y.Doc) => void][] = [
      [observer.token, (d) => measureText(d, 'm:hostile', 'title')!.insert(0, 'evil ')],
      [attacker.token, (d) => entryOf(d).set('title', 'Kela')],
      [attacker.token, (d) => measureText(d, 'm:hostile', 'title')!.insert(0, 'x'.repeat(300))],
      [attacker.token, (d) => measureText(d, 'm:hostile', 'need')!.insert(0, 'evil', { bold: true })],
      [attacker.token, (d) => entryOf(d).set('script', new Y.Text('evil'))],
    ];
    for (const [token, write] of cases) {
      const r = await raw(token);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, r.state);
      const sv = Y.encodeStateVector(doc);
      write(doc);
      r.sendUpdate(Y.encodeStateAsUpdate(doc, sv));
      expect(await r.closedWith()).toBe(CloseCode.UPDATE_REFUSED);
    }
    const fresh = await client(board.facilitatorToken);
    expect(readActionPlan(fresh.doc).find((m) => m.id === 'm:hostile')).toMatchObject({
      title: 'Vantaa integration unit',
      need: '',
    });
    expect(entryOf(fresh.doc).has('script')).toBe(false);
    fresh.destroy();
    await intact();
  });

  it('refuses an update with too many delete ranges, and keeps other boards syncing fast meanwhile', async () => {
    const other = await createBoard(url, 'Another board');
    const a = connectClient(url, other.boardId, other.facilitatorToken);
    const b = connectClient(url, other.boardId, other.facilitatorToken);
    clients.push(a, b);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    // ~200 KB: 100,000 ranges over clocks the facilitator has (its writes), most already deleted.
    const target = facilitator.doc.clientID;
    const ranges = Array.from({ length: 100_000 }, (_, i) => [i % 8, 1] as const);
    const bomb = deleteRangesUpdate(target, ranges);
    expect(bomb.byteLength).toBeGreaterThan(150_000);
    let stop = false;
    let refused = 0;
    let peakRss = 0;
    const attack = async () => {
      while (!stop) {
        const r = await RawClient.open(url, board.boardId, attacker.token).catch(() => undefined);
        if (!r) continue;
        r.sendUpdate(bomb);
        const code = await r.closedWith().catch(() => 0);
        if (code === CloseCode.UPDATE_REFUSED) refused++;
        peakRss = Math.max(peakRss, rssOf(server.pid!));
      }
    };
    /** p95 of the time one edit on the other board takes to reach its second client. */
    const measure = async (prefix: string) => {
      const latencies: number[] = [];
      for (let i = 0; i < 40; i++) {
        const id = `shape:${prefix}${i}`;
        const start = performance.now();
        recordsOf(a).set(id, note(id, `ping ${i}`));
        await waitFor(() => recordsOf(b).has(id), 5000, 'the other board to sync');
        latencies.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      latencies.sort((x, y) => x - y);
      return latencies[Math.floor(latencies.length * 0.95)]!;
    };
    const quiet = await measure('quiet');
    const attackers = [attack(), attack(), attack(), attack()];
    const p95 = await measure('attacked');
    stop = true;
    await Promise.all(attackers);
    console.log(
      `split bomb: ${refused} refused frames, other board p95 ${p95.toFixed(1)} ms (${quiet.toFixed(1)} ms before the attack), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
    );
    expect(refused).toBeGreaterThan(0);
    // Alone on this machine the attacked p95 is 54–86 ms (the 100 ms target). Beside
    // other suites (vitest runs files in parallel) every latency grows, so the bound is relative
    // to the same board's p95 just before the attack: what an attack must never cause again is a
    // stall (before the gate: 12 s, 0.65 s per frame).
    expect(p95).toBeLessThan(Math.max(300, 5 * quiet));
    expect(peakRss).toBeLessThan(RSS_BOUND_BYTES);
    await intact();
  });

  it('binds presence to the socket: its own member’s name, no other client ids, a few states at most', async () => {
    const seen = new Map<number, unknown>();
    facilitator.provider.awareness.on('change', () => {
      for (const [id, state] of facilitator.provider.awareness.getStates()) seen.set(id, state);
    });
    victim.provider.awareness.setLocalStateField('user', { name: 'Amina' });
    await waitFor(() => facilitator.provider.awareness.getStates().has(victim.doc.clientID));
    const r = await raw(attacker.token);
    const own = 987_654;
    r.send(
      awarenessFrame([[own, 1, { user: { id: participant.memberId, name: 'Amina', color: '#000' }, presence: null }]]),
    );
    await waitFor(() => seen.has(own));
    expect(seen.get(own)).toMatchObject({ user: { id: attacker.memberId, name: 'Mallory' } });
    // The victim's client id (from its presence, or its notes) with a newer clock: never applied.
    r.send(awarenessFrame([[victim.doc.clientID, 99, { user: { name: 'renamed' } }]]));
    r.send(awarenessFrame([[victim.doc.clientID, 100, null]]));
    const ghosts = await raw(attacker.token);
    ghosts.send(awarenessFrame(Array.from({ length: 10_000 }, (_, i) => [5_000_000 + i, 1, { ghost: i }] as const)));
    await waitFor(() => [...seen.keys()].some((id) => id >= 5_000_000 && id < 5_010_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...seen.keys()].filter((id) => id >= 5_000_000 && id < 5_010_000)).toHaveLength(4);
    expect(facilitator.provider.awareness.getStates().get(victim.doc.clientID)).toMatchObject({
      user: { name: 'Amina' },
    });
  });

  it('loads after a restart, also with a hostile row written straight into the data file', async () => {
    await kill9(server);
    const db = new DatabaseSync(join(data.dir, 'talkoot.sqlite'));
    const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM doc_updates').get() as { n: number }).n;
    db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)').run(
      board.boardId,
      seq,
      nestedChainUpdate(15_000, 'shape:deep2'),
    );
    db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)').run(
      board.boardId,
      seq + 1,
      deleteRangeUpdate(victim.doc.clientID, 0, 2 ** 40),
    );
    db.close();
    server = await spawnServer(data.dir, port, { JOIN_ATTEMPTS_PER_MINUTE: '1000' });
    // Facilitators are told what was left out; participants are not.
    const meta = await authedFetch(url, `/api/boards/${board.boardId}`, board.facilitatorToken);
    expect(((await meta.json()) as { leftOutChanges?: number }).leftOutChanges).toBe(2);
    const theirs = await authedFetch(url, `/api/boards/${board.boardId}`, participant.token);
    expect(((await theirs.json()) as { leftOutChanges?: number }).leftOutChanges).toBeUndefined();
    await intact();
    const export_ = await authedFetch(url, `/api/boards/${board.boardId}/export?format=json`, board.facilitatorToken);
    expect(export_.status).toBe(200);
  });
});
