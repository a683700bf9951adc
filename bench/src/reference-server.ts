/**
 * Runs the reference server: @y/websocket-server 0.1.1's `setupWSConnection` on a `ws`
 * WebSocketServer, wired exactly like its own bin (`src/server.js`) but with the bench's
 * `ws` 8 (the same version Talkoot uses). In-memory only: no persistence configured.
 *
 * `PORT=0 HOST=127.0.0.1 node bench/src/reference-server.ts` prints
 * "Reference server is running at http://HOST:PORT"; rooms are `ws://HOST:PORT/<room>`.
 *
 * With `REFERENCE_LOG=<file>` it is the `reference-durable` target: the least a server can do
 * to meet the issue's two rules the reference skips. Before y-websocket sees a frame, it is
 * validated by Talkoot's own decoder, and a document update's bytes are appended to that file
 * with one `write` (on disk for a crash of the process, like SQLite in WAL mode with
 * `synchronous = NORMAL`) before y-websocket applies and broadcasts it. A frame that fails
 * validation closes the socket. No SQLite, no batching, no compaction: a floor, not a design.
 */
import { openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeClientMessage } from '@talkoot/sync';
import { setupWSConnection } from '@y/websocket-server/utils';
import { type WebSocket, WebSocketServer } from 'ws';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);

const logPath = process.env.REFERENCE_LOG;
const log = logPath ? openSync(logPath, 'a') : undefined;

/** Validates a frame and appends a document update to `fd`; false if the frame is malformed. */
function validateAndLog(fd: number, data: ArrayBuffer): boolean {
  let message;
  try {
    message = decodeClientMessage(new Uint8Array(data));
  } catch {
    return false;
  }
  if (message.kind === 'update' || message.kind === 'sync-step-2') writeSync(fd, message.update);
  return true;
}

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws: WebSocket, request) => {
  if (log !== undefined) {
    // Registered before y-websocket's own listener, so it runs first for every frame
    // (an ArrayBuffer: y-websocket sets the socket's binaryType).
    ws.on('message', (data: ArrayBuffer) => {
      if (!validateAndLog(log, data)) ws.terminate();
    });
  }
  setupWSConnection(ws, request);
});

const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, host, () => {
  const address = server.address() as AddressInfo;
  console.log(`Reference server is running at http://${host}:${address.port}`);
});

const stop = () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
