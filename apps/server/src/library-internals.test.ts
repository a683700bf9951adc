import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';

/**
 * Talkoot relies on three library internals; each has a test here that fails loudly when an
 * upgrade changes them (so the fast paths are fixed, not silently wrong):
 * - `ws`: the server-side socket's `_socket` and `_sender._state`, and the exported `Sender.frame`
 *   (ws-sync-socket.ts writes pre-framed bytes straight to the TCP socket);
 * - Yjs: a throw in a transaction's clean-up leaves `doc._transactionCleanups` non-empty, which
 *   is how a room knows its document stopped emitting updates (room.ts);
 * - y-websocket's `shouldConnect` timing is covered in apps/web/src/offline/jittered-reconnect.test.ts.
 */
describe('library internals Talkoot relies on', () => {
  const servers: WebSocketServer[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('ws: a server-side socket exposes _socket and an idle _sender, and Sender.frame builds a frame', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const ws = (await accepted) as unknown as { _socket?: unknown; _sender?: { _state?: unknown } };
    expect(ws._socket).toBeDefined();
    expect((ws._socket as { write?: unknown }).write).toBeTypeOf('function');
    expect(ws._sender?._state).toBe(0);
    const { Sender } = wsModule as unknown as { Sender?: { frame?: unknown } };
    expect(Sender?.frame).toBeTypeOf('function');
    await new Promise((resolve) => client.once('open', resolve));
    client.close();
  });

  it('Yjs: a throw in a transaction clean-up (here: encoding the update) leaves _transactionCleanups non-empty', () => {
    const doc = new Y.Doc();
    expect(doc._transactionCleanups).toEqual([]);
    doc.on('update', () => {
      throw new Error('boom');
    });
    expect(() => doc.getMap('m').set('k', 1)).toThrow('boom');
    expect(doc._transactionCleanups.length).toBeGreaterThan(0);
  });
});
