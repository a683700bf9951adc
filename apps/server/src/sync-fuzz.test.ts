import type { ChildProcess } from 'node:child_process';
import { ACTION_PLAN_MAP, MEASURE_LIMITS } from '@talkoot/action-plan';
import { decodeClientMessage } from '@talkoot/sync';
import {
  assertFuzzRuns,
  describeFuzzSettings,
  type FuzzSend,
  type FuzzSender,
  fuzzSettings,
  type FuzzTarget,
} from '@talkoot/sync/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { writersOf } from './hostile-frames.ts';
import {
  authedFetch,
  connectClient,
  createBoard,
  exitOf,
  frameRecord,
  freePort,
  joinBoard,
  putNote,
  recordsOf,
  spawnServer,
  tempDataDir,
  type TestClient,
  textOf,
  waitFor,
  waitForSync,
} from './testing.ts';

const settings = fuzzSettings({ numRuns: 30, maxFrames: 40 });
/** Far longer than any answer takes: reaching it means the server hangs (or died). */
const ANSWER_TIMEOUT_MS = 10_000;
/**
 * The whole test: about 15 s alone on a loaded 2-core machine, more beside other suites, far
 * more while fast-check shrinks a failure. A hang is caught per frame by {@link ANSWER_TIMEOUT_MS}.
 */
const RUN_TIMEOUT_MS = 300_000;
/** The bystander writes a note before every this many frames of a run, and after it. */
const WRITE_EVERY = 20;
/**
 * Length of the text item the watcher writes in one insert: what split bombs cut up. The
 * longest a plan cell may be (the server refuses more): up to 1000 splits, the gate's limit;
 * bombs past the limit are the room fuzz test's (packages/sync), on a 12,000-letter item.
 */
const LONG_TEXT = MEASURE_LIMITS.indicators;
/** Sync step 1 with an empty state vector: the server always answers it with a step 2. */
const PROBE = new Uint8Array([0, 0, 1, 0]);

const isStep2 = (data: Buffer) => data[0] === 0 && data[1] === 1;
const isStep1 = (frame: Uint8Array) => {
  try {
    return decodeClientMessage(frame).kind === 'sync-step-1';
  } catch {
    return false;
  }
};

/** A raw socket that sends a frame followed by the probe and waits for the probe's answer. */
class FuzzSocket {
  private readonly ws: WebSocket;
  private step2 = 0;
  closed = false;
  private wake: (() => void) | undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      if (isStep2(data)) this.step2++;
      this.wake?.();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    ws.on('error', () => undefined);
  }

  static open(url: string): Promise<FuzzSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'nodebuffer';
      ws.once('open', () => resolve(new FuzzSocket(ws)));
      ws.once('error', reject);
    });
  }

  /** Resolves true once every expected step 2 arrived, false when the server closed the socket. */
  exchange(frame: Uint8Array): Promise<boolean> {
    const target = this.step2 + 1 + (isStep1(frame) ? 1 : 0);
    this.ws.send(frame);
    this.ws.send(PROBE);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer and no close within ${ANSWER_TIMEOUT_MS} ms`)),
        ANSWER_TIMEOUT_MS,
      );
      this.wake = () => {
        if (!this.closed && this.step2 < target) return;
        clearTimeout(timer);
        this.wake = undefined;
        resolve(!this.closed);
      };
      this.wake();
    });
  }

  terminate(): void {
    this.ws.terminate();
  }
}

describe('sync endpoint under fuzzed frames', { timeout: RUN_TIMEOUT_MS }, () => {
  const data = tempDataDir();
  const children: ChildProcess[] = [];
  const clients: TestClient[] = [];
  afterAll(() => {
    for (const c of clients) c.destroy();
    for (const child of children) child.kill('SIGKILL');
    data.remove();
  });

  it(`answers or closes only the sender, never crashes or hangs, keeps the data (seed ${settings.seed})`, async () => {
    console.log(describeFuzzSettings('sync fuzz', settings));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await spawnServer(data.dir, port);
    children.push(server);
    /** Every board a run wrote to and the notes its bystander wrote: all must be there after a restart. */
    const boards: { boardId: string; token: string; written: Map<string, string> }[] = [];

    /**
     * A fresh board for each run (fast-check shrinks a failure by replaying smaller runs, which
     * must start from the same state): a bystander who writes notes and has presence, a watcher
     * who wrote one long text item, and the fuzzer's participant and observer tokens.
     */
    const openBoard = async () => {
      const board = await createBoard(url);
      const participant = await joinBoard(url, board.joinCode, 'Fuzz');
      const observer = await joinBoard(url, board.joinCode, 'Fuzz watcher', 'observer');
      const socketUrl = (token: string) => `${url.replace('http', 'ws')}/sync/${board.boardId}?token=${token}`;
      const fuzzUrls: Record<FuzzSender, string> = {
        writer: socketUrl(participant.token),
        reader: socketUrl(observer.token),
      };
      const bystander = connectClient(url, board.boardId, board.facilitatorToken);
      const watcher = connectClient(url, board.boardId, board.facilitatorToken);
      clients.push(bystander, watcher);
      await Promise.all([waitForSync(bystander), waitForSync(watcher)]);
      const closes = { count: 0 };
      for (const c of [bystander, watcher]) c.provider.on('connection-close', () => closes.count++);
      const written = new Map<string, string>();
      boards.push({ boardId: board.boardId, token: board.facilitatorToken, written });
      // The bystander's notes sit in a locked frame: a participant may delete anyone's notes on
      // an open board (and the fuzzer's accepted frames do), but never in a locked frame.
      recordsOf(bystander).set('shape:fuzz-frame', frameRecord('shape:fuzz-frame', 'page:page', 'Kept'));
      const locked = await authedFetch(url, `/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', {
        type: 'frame-lock.set',
        frameId: 'shape:fuzz-frame',
        locked: true,
      });
      expect(locked.status).toBe(200);
      const write = async () => {
        const key = `shape:bystander${written.size}`;
        written.set(key, `written at ${key}`);
        putNote(bystander, key, written.get(key)!, 'shape:fuzz-frame');
        await waitFor(() => textOf(watcher, key) === written.get(key), ANSWER_TIMEOUT_MS, `watcher to see ${key}`);
      };
      // The watcher writes one long text item (in an action-plan cell, where clients may put
      // a Y.Text), and the bystander has presence: what the fuzzer cuts up and forges.
      const entry = new Y.Map<unknown>();
      watcher.doc.getMap(ACTION_PLAN_MAP).set('m:fuzz-text', entry);
      const text = new Y.Text();
      entry.set('indicators', text);
      const longText = { client: watcher.doc.clientID, clock: Y.getState(watcher.doc.store, watcher.doc.clientID) };
      text.insert(0, 'x'.repeat(LONG_TEXT));
      bystander.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
      await write();
      await waitFor(() => watcher.provider.awareness.getStates().has(bystander.doc.clientID));
      const presenceOf = () => JSON.stringify(watcher.provider.awareness.getStates().get(bystander.doc.clientID));
      // The client id the server wrote the board's first records with (an outsider can read it too).
      const serverClient = writersOf(Y.encodeStateAsUpdate(watcher.doc)).get('document:document');
      expect(serverClient).toBeTypeOf('number');
      const stateOf = (client: number) => ({ client, clock: Y.getState(watcher.doc.store, client) });
      const target = (): FuzzTarget => ({
        server: stateOf(serverClient!),
        others: [stateOf(bystander.doc.clientID), stateOf(watcher.doc.clientID)],
        longText: { ...longText, length: LONG_TEXT },
      });
      return { fuzzUrls, bystander, watcher, closes, written, write, presenceOf, presence: presenceOf(), target };
    };

    let closedByServer = 0;
    let frames = 0;
    const fuzzServer = async (sends: readonly FuzzSend[]) => {
      const board = await openBoard();
      const { bystander, watcher, closes, written, write } = board;
      const sockets = new Map<FuzzSender, FuzzSocket>();
      try {
        for (const [index, { by, step }] of sends.entries()) {
          const frame = step.frame(board.target());
          const context = () =>
            `frame ${index} from the ${by} (${step.how}), ${frame.length} bytes: ${Buffer.from(frame.slice(0, 48)).toString('hex')}`;
          try {
            if (index > 0 && index % WRITE_EVERY === 0) await write();
            let socket = sockets.get(by);
            if (!socket) {
              socket = await FuzzSocket.open(board.fuzzUrls[by]);
              sockets.set(by, socket);
            }
            frames++;
            if (!(await socket.exchange(frame))) {
              closedByServer++;
              sockets.delete(by);
            }
          } catch (error) {
            const died = server.exitCode !== null || server.signalCode !== null;
            throw new Error(`${context()}: ${died ? 'the server died' : String(error)}`, { cause: error });
          }
          if (closes.count > 0) throw new Error(`${context()} closed the bystander's or the watcher's socket`);
        }
        await write();
        for (const [key, value] of written) expect(textOf(watcher, key), key).toBe(value);
        expect(closes.count).toBe(0);
        expect(recordsOf(watcher).toJSON()).toEqual(recordsOf(bystander).toJSON());
        expect(board.presenceOf()).toBe(board.presence);
      } finally {
        for (const socket of sockets.values()) socket.terminate();
        bystander.destroy();
        watcher.destroy();
      }
    };
    await assertFuzzRuns(settings, fuzzServer);
    console.log(
      `sync fuzz: ${frames} frames on ${boards.length} boards, ${closedByServer} sockets closed by the server`,
    );

    expect(closedByServer).toBeGreaterThan(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // Stored intact: after a clean restart a new client reads every note the bystanders wrote.
    server.kill('SIGTERM');
    expect((await exitOf(server)).code).toBe(0);
    const again = await spawnServer(data.dir, port);
    children.push(again);
    for (const { boardId, token, written } of boards) {
      const reader = connectClient(url, boardId, token);
      clients.push(reader);
      await waitForSync(reader);
      for (const [key, value] of written) expect(textOf(reader, key), `${boardId} ${key}`).toBe(value);
      reader.destroy();
    }
    again.kill('SIGTERM');
    await exitOf(again);
  });
});
