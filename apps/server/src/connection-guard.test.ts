import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { WebSocket } from 'ws';
import { createBoard, openRawSocket, startTestServer, tempDataDir, waitFor } from './testing.ts';

/** A client that opens a request head and then sends one header line every `everyMs`, never finishing. */
function dribble(port: number, everyMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const timer = setInterval(() => socket.write('X-Slow: 1\r\n'), everyMs);
      socket.once('close', () => clearInterval(timer));
      resolve(socket);
    });
    socket.on('error', () => undefined); // closed by the server, as it should be
    socket.once('error', reject);
  });
}

/** `/healthz` on a fresh connection; resolves with its status and how long it took. */
function healthOnFreshConnection(url: string): Promise<{ status: number; ms: number }> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const req = get(`${url}/healthz`, { agent: false, timeout: 5000 }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode ?? 0, ms: Date.now() - start }));
    });
    req.once('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.once('error', reject);
  });
}

describe('slow HTTP connections', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer(data.dir, {
      maxPendingConnectionsPerAddress: 64,
      httpTimeouts: { headersTimeoutMs: 4000, requestTimeoutMs: 5000, keepAliveTimeoutMs: 1000 },
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server.close();
    data.remove();
  });

  it('keeps at most 64 dribbling sockets per address, answers /healthz within 1 s, and cuts the rest at the head timeout', async () => {
    // A sync socket has sent its head long ago: no HTTP timeout applies to it.
    const board = await createBoard(server.url);
    const ws = await openRawSocket(
      `${server.url.replace('http', 'ws')}/sync/${board.boardId}?token=${board.facilitatorToken}`,
    );
    for (let i = 0; i < 200; i++) sockets.push(await dribble(server.port, 200));
    const open = () => sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
    // Once they are over a second old, the ones over 64 are closed.
    await waitFor(() => open() <= 64, 3000, 'the server to close the sockets over the cap');
    expect(open()).toBe(64);

    // The same address (loopback) gets a fresh request through: the oldest dribbler makes room.
    for (let i = 0; i < 3; i++) {
      const health = await healthOnFreshConnection(server.url);
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(1000);
    }
    await waitFor(() => open() === 0, 6000, 'the head timeout to close every dribbler');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  }, 15_000);

  it('lets a burst of 150 new connections from one address in (a room reconnecting at once)', async () => {
    const burst = await Promise.all(
      Array.from({ length: 150 }, async () => {
        const socket = connect({ port: server.port, host: '127.0.0.1' });
        sockets.push(socket);
        await new Promise<void>((resolve) => socket.once('connect', resolve));
        return socket;
      }),
    );
    // All 150 are connected and pending before any sends its head.
    const answered = burst.map(
      (socket) =>
        new Promise<string>((resolve) => {
          socket.once('data', (chunk) => resolve(chunk.toString().split('\r\n')[0]!));
          socket.once('close', () => resolve('closed'));
          socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        }),
    );
    expect(new Set(await Promise.all(answered))).toEqual(new Set(['HTTP/1.1 200 OK']));
  });

  it('leaves connections that sent their head alone, however many one address holds', async () => {
    const keepAlive = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const socket = connect({ port: server.port, host: '127.0.0.1' });
        sockets.push(socket);
        await new Promise<void>((resolve) => socket.once('connect', resolve));
        socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        await new Promise<void>((resolve) => socket.once('data', () => resolve()));
        return socket;
      }),
    );
    expect(keepAlive.filter((s) => !s.destroyed)).toHaveLength(100);
    expect((await healthOnFreshConnection(server.url)).status).toBe(200);
  });
});
