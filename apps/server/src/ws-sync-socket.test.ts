import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { OutgoingFrames } from '@talkoot/sync';
import { toSyncSocket } from './ws-sync-socket.ts';

/** A real `ws` server on 127.0.0.1 with `count` connected clients, each recording what it receives. */
async function connected(count: number) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', resolve));
  const serverSide: WebSocket[] = [];
  wss.on('connection', (ws) => serverSide.push(ws));
  const { port } = wss.address() as AddressInfo;
  const received: Uint8Array[][] = [];
  const clients = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      received.push([]);
      const client = new WebSocket(`ws://127.0.0.1:${port}`);
      client.on('message', (data: Buffer) => received[i]!.push(new Uint8Array(data)));
      return new Promise<WebSocket>((resolve) => client.once('open', () => resolve(client)));
    }),
  );
  while (serverSide.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  const close = async () => {
    for (const client of clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  };
  return { sockets: serverSide.map(toSyncSocket), serverSide, received, close };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('toSyncSocket', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('delivers several frames sent in one write as separate messages, in order, to every socket given the same list', async () => {
    const setup = await connected(3);
    close = setup.close;
    const small = new Uint8Array([1, 2, 3]);
    const medium = new Uint8Array(300).fill(7); // 16-bit length header
    const large = new Uint8Array(70_000).fill(9); // 64-bit length header
    const frames = [small, medium, large];
    const outgoing = new OutgoingFrames(frames);
    for (const socket of setup.sockets) socket.sendFrames!(outgoing);
    await until(() => setup.received.every((messages) => messages.length === 3));
    for (const messages of setup.received) expect(messages).toEqual(frames);
  });

  it('falls back to ws.send while ws has a frame of its own queued, keeping the order', async () => {
    const setup = await connected(1);
    close = setup.close;
    const [ws] = setup.serverSide;
    const [socket] = setup.sockets;
    // A ping is written by ws itself; frames sent around it must neither be lost nor reordered.
    socket!.send(new Uint8Array([1]));
    ws!.ping();
    socket!.sendFrames!(new OutgoingFrames([new Uint8Array([2]), new Uint8Array([3])]));
    socket!.send(new Uint8Array([4]));
    await until(() => setup.received[0]!.length === 4);
    expect(setup.received[0]).toEqual([1, 2, 3, 4].map((n) => new Uint8Array([n])));
  });
});
