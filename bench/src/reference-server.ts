/**
 * Runs the reference server: @y/websocket-server 0.1.1's `setupWSConnection` on a `ws`
 * WebSocketServer, wired exactly like its own bin (`src/server.js`) but with the bench's
 * `ws` 8 (the same version Talkoot uses). In-memory only: no persistence configured.
 *
 * `PORT=0 HOST=127.0.0.1 node bench/src/reference-server.ts` prints
 * "Reference server is running at http://HOST:PORT"; rooms are `ws://HOST:PORT/<room>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

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
