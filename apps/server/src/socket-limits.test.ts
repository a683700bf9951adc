import { CloseCode } from '@talkoot/protocol';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from './server.ts';
import { closeOf, createBoard, openRawSocket, startTestServer, tempDataDir, waitFor } from './testing.ts';

/** A valid awareness message of about `size` bytes (one client's state with padding). */
function awarenessFrame(clientId: number, clock: number, size: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify({ pad: 'x'.repeat(size) }));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

describe('per-socket limits', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let socketUrl: string;
  let boardId: string;

  beforeAll(async () => {
    server = await startTestServer(data.dir, {
      // Plenty of messages, few bytes: only the byte budget can trip.
      rooms: {
        rateLimits: { messagesPerSecond: 1000, messageBurst: 1000, bytesPerSecond: 1024, byteBurst: 16 * 1024 },
      },
      heartbeatMs: 500,
    });
    const board = await createBoard(server.url);
    boardId = board.boardId;
    socketUrl = `${server.url.replace('http', 'ws')}/sync/${boardId}?token=${board.facilitatorToken}`;
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('lets a workshop room behind one address (a venue NAT) in: 40 tablets with 3 sockets each, by default', async () => {
    const sockets = await Promise.all(Array.from({ length: 120 }, () => openRawSocket(socketUrl)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets.filter((ws) => ws.readyState === WebSocket.OPEN)).toHaveLength(120);
    for (const ws of sockets) ws.close();
  });

  it('keeps a socket that stays within its byte budget', async () => {
    const ws = await openRawSocket(socketUrl);
    const replies: number[] = [];
    ws.on('message', (data: Buffer) => replies.push(data[0]!));
    let closed: number | undefined;
    ws.on('close', (code) => (closed = code));
    for (let i = 1; i <= 4; i++) ws.send(awarenessFrame(7001, i, 2 * 1024));
    ws.send(new Uint8Array([3])); // query-awareness: answered only if the socket is still there
    await waitFor(() => replies.includes(1) || closed !== undefined, 5000, `replies ${replies} close ${closed}`);
    expect(closed).toBeUndefined();
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('closes a socket that sends more bytes than its budget with 4429, message count notwithstanding', async () => {
    const ws = await openRawSocket(socketUrl);
    const closed = closeOf(ws);
    // 10 messages (far below the message limit) of 2 KiB each: 20 KiB > the 16 KiB burst.
    for (let i = 1; i <= 10; i++) ws.send(awarenessFrame(7002, i, 2 * 1024));
    expect((await closed).code).toBe(CloseCode.RATE_LIMITED);
  });

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const healthy = await openRawSocket(socketUrl);
    const silent = await new Promise<WebSocket>((resolve, reject) => {
      // autoPong off: this client receives pings but never answers them, like a tablet
      // whose Wi-Fi went away without a FIN.
      const ws = new WebSocket(socketUrl, { autoPong: false });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
    let pings = 0;
    silent.on('ping', () => pings++);
    const dropped = closeOf(silent, 10_000);
    // The server terminates it without a close frame: 1006 on this side.
    expect((await dropped).code).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    await waitFor(() => server.rooms.get(boardId)?.size === 1, 5000, 'the silent peer to leave its room');
    expect(healthy.readyState).toBe(WebSocket.OPEN);
    healthy.close();
  });
});
