import { CloseCode, TL_RECORDS_MAP } from '@talkoot/protocol';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { RunningServer } from './server.ts';
import {
  closeOf,
  connectClient,
  createBoard,
  openRawSocket,
  putNote,
  recordsOf,
  startTestServer,
  tempDataDir,
  type TestClient,
  textOf,
  waitFor,
  waitForSync,
} from './testing.ts';

/** A sync "update" message around arbitrary payload bytes. */
function updateFrame(payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function validUpdate(): Uint8Array {
  const doc = new Y.Doc();
  putNote(doc, 'shape:x', 'hello');
  return Y.encodeStateAsUpdate(doc);
}

describe('bad input on the sync socket', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let board: { boardId: string; facilitatorToken: string };
  let bystander: TestClient;
  let socketUrl: string;

  beforeAll(async () => {
    server = await startTestServer(data.dir, { rooms: { rateLimits: { messagesPerSecond: 50, messageBurst: 100 } } });
    board = await createBoard(server.url);
    socketUrl = `${server.url.replace('http', 'ws')}/sync/${board.boardId}?token=${board.facilitatorToken}`;
    bystander = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(bystander);
    putNote(bystander, 'shape:keep', 'must survive');
    await waitFor(() => server.rooms.get(board.boardId)?.doc.getMap(TL_RECORDS_MAP).has('shape:keep') === true);
  });
  afterAll(async () => {
    bystander.destroy();
    await server.close();
    data.remove();
  });

  async function expectClosedWith(send: (ws: WebSocket) => void, code: number): Promise<void> {
    const ws = await openRawSocket(socketUrl);
    const closed = closeOf(ws);
    send(ws);
    expect((await closed).code).toBe(code);
  }

  it.each([
    ['an unknown message type', new Uint8Array([9, 0, 0])],
    ['an unknown sync message type', new Uint8Array([0, 7, 1, 0])],
    ['a truncated sync message', updateFrame(validUpdate()).slice(0, 6)],
    ['an update with garbage inside', updateFrame(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]))],
    ['a zero-length update', updateFrame(new Uint8Array(0))],
    ['trailing bytes after a message', new Uint8Array([...updateFrame(validUpdate()), 1, 2, 3])],
    ['an awareness update that is not JSON', new Uint8Array([1, 6, 1, 1, 1, 2, 0x7b, 0x7b])],
    ['an empty frame', new Uint8Array(0)],
  ])('closes the socket with 4400 on %s', async (_name, frame) => {
    await expectClosedWith((ws) => ws.send(frame), CloseCode.BAD_MESSAGE);
  });

  it('closes the socket with 1003 on a text frame', async () => {
    await expectClosedWith((ws) => ws.send('hello'), CloseCode.UNSUPPORTED_DATA);
  });

  it('closes the socket with 1009 on a frame over 1 MiB', async () => {
    await expectClosedWith((ws) => ws.send(new Uint8Array(1024 * 1024 + 1)), CloseCode.MESSAGE_TOO_BIG);
  });

  it('closes a flooding socket with 4429', async () => {
    const ping = new Uint8Array([3]); // query-awareness, harmless on its own
    await expectClosedWith((ws) => {
      for (let i = 0; i < 1000; i++) ws.send(ping);
    }, CloseCode.RATE_LIMITED);
  });

  it('keeps the server, the other clients and the stored data intact', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    putNote(bystander, 'shape:after', 'still syncing');
    const other = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(other);
    await waitFor(() => recordsOf(other).has('shape:after'));
    expect(textOf(other, 'shape:keep')).toBe('must survive');
    const seen = recordsOf(other).toJSON();
    other.destroy();
    await server.rooms.settled();
    const stored = await server.storage.docs.load(board.boardId);
    const doc = new Y.Doc();
    for (const update of stored) Y.applyUpdate(doc, update);
    expect(textOf(doc, 'shape:keep')).toBe('must survive');
    expect(textOf(doc, 'shape:after')).toBe('still syncing');
    // Exactly what the clients see: the template's records and the two notes, nothing else.
    expect(doc.getMap(TL_RECORDS_MAP).toJSON()).toEqual(seen);
  });
});
