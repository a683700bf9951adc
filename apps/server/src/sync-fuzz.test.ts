import type { ChildProcess } from 'node:child_process';
import { decodeClientMessage } from '@talkoot/sync';
import { fuzzFrames, seededRandom } from '@talkoot/sync/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  connectClient,
  createBoard,
  exitOf,
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

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 3000);
/** Far longer than any answer takes: reaching it means the server hangs (or died). */
const ANSWER_TIMEOUT_MS = 10_000;
/**
 * The whole run: about 20 s alone on a loaded 2-core machine, more beside other suites. A hang
 * is caught per frame by {@link ANSWER_TIMEOUT_MS}, not by this.
 */
const RUN_TIMEOUT_MS = 120_000;
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

  it(`answers or closes only the sender, never crashes or hangs, keeps the data (seed ${SEED})`, async () => {
    console.log(`sync fuzz: seed ${SEED}, ${FRAMES} frames (repeat with FUZZ_SEED=${SEED})`);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await spawnServer(data.dir, port);
    children.push(server);
    const board = await createBoard(url);
    const participant = await joinBoard(url, board.joinCode, 'Fuzz');
    const fuzzUrl = `${url.replace('http', 'ws')}/sync/${board.boardId}?token=${participant.token}`;

    const bystander = connectClient(url, board.boardId, board.facilitatorToken);
    const watcher = connectClient(url, board.boardId, board.facilitatorToken);
    clients.push(bystander, watcher);
    await Promise.all([waitForSync(bystander), waitForSync(watcher)]);
    let bystanderCloses = 0;
    bystander.provider.on('connection-close', () => bystanderCloses++);
    const notes = recordsOf;
    const written = new Map<string, string>();
    const write = async (index: number) => {
      const key = `shape:bystander${index < 0 ? 'start' : index}`;
      written.set(key, `written after frame ${index}`);
      putNote(bystander, key, written.get(key)!);
      await waitFor(() => textOf(watcher, key) === written.get(key), ANSWER_TIMEOUT_MS, `watcher to see ${key}`);
    };
    await write(-1);

    const random = seededRandom(SEED);
    let socket: FuzzSocket | undefined;
    let index = 0;
    let closedByServer = 0;
    for (const { how, frame } of fuzzFrames(random, FRAMES)) {
      const context = () =>
        `seed ${SEED}, frame ${index} (${how}), ${frame.length} bytes: ${Buffer.from(frame.slice(0, 48)).toString('hex')}`;
      try {
        socket ??= await FuzzSocket.open(fuzzUrl);
        if (!(await socket.exchange(frame))) {
          closedByServer++;
          socket = undefined;
        }
        if (index % 200 === 0) await write(index);
      } catch (error) {
        const died = server.exitCode !== null || server.signalCode !== null;
        throw new Error(`${context()}: ${died ? 'the server died' : String(error)}`, { cause: error });
      }
      if (bystanderCloses > 0) throw new Error(`${context()} closed the bystander's socket`);
      index++;
    }
    socket?.terminate();

    expect(closedByServer).toBeGreaterThan(0);
    expect(bystanderCloses).toBe(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await write(index);
    expect(notes(watcher).toJSON()).toEqual(notes(bystander).toJSON());

    // Stored intact: after a clean restart a new client reads every note the bystander wrote.
    bystander.provider.shouldConnect = false;
    watcher.provider.shouldConnect = false;
    server.kill('SIGTERM');
    expect((await exitOf(server)).code).toBe(0);
    const again = await spawnServer(data.dir, port);
    children.push(again);
    const reader = connectClient(url, board.boardId, board.facilitatorToken);
    clients.push(reader);
    await waitForSync(reader);
    for (const [key, value] of written) expect(textOf(reader, key), key).toBe(value);
    expect(notes(reader).toJSON()).toEqual(notes(bystander).toJSON());
    again.kill('SIGTERM');
    await exitOf(again);
  });
});
