import type { AddressInfo } from 'node:net';
import { Server } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  encodeHocuspocusAuth,
  frameForDocument,
  HocuspocusAuthType,
  HocuspocusMessageType,
  hocuspocusFraming,
  readHocuspocusFrame,
} from './hocuspocus-wire.ts';
import { EMPTY_STATE_VECTOR, encodeSync, readServerFrame, SyncType } from './wire.ts';

/** A server frame as Hocuspocus's `OutgoingMessage` writes one: the address, a type, then `body`. */
function serverFrame(documentName: string, type: number, body: (encoder: encoding.Encoder) => void = () => {}) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  body(encoder);
  return encoding.toUint8Array(encoder);
}

describe('frameForDocument', () => {
  it('puts the document name in front of a y-websocket message, and readHocuspocusFrame takes it off', () => {
    const message = encodeSync(SyncType.STEP_1, EMPTY_STATE_VECTOR);
    const frame = frameForDocument('board ü', message);
    const read = readHocuspocusFrame(frame);
    expect(read.documentName).toBe('board ü');
    expect(read.frame).toEqual({ kind: 'message', message });
  });
});

describe('encodeHocuspocusAuth', () => {
  it('writes the address, the auth type, the token sub-type and the token, in the order the server reads them', () => {
    const decoder = decoding.createDecoder(encodeHocuspocusAuth('doc', 'secret'));
    expect(decoding.readVarString(decoder)).toBe('doc');
    expect(decoding.readVarUint(decoder)).toBe(HocuspocusMessageType.AUTH);
    expect(decoding.readVarUint(decoder)).toBe(HocuspocusAuthType.TOKEN);
    expect(decoding.readVarString(decoder)).toBe('secret');
    expect(decoding.hasContent(decoder)).toBe(false);
  });
});

describe('readHocuspocusFrame', () => {
  const scope = (value: string) => (encoder: encoding.Encoder) => {
    encoding.writeVarUint(encoder, HocuspocusAuthType.AUTHENTICATED);
    encoding.writeVarString(encoder, value);
  };

  it('reads "authenticated" and sync status as control frames', () => {
    expect(readHocuspocusFrame(serverFrame('d', HocuspocusMessageType.AUTH, scope('read-write'))).frame).toEqual({
      kind: 'control',
    });
    const status = serverFrame('d', HocuspocusMessageType.SYNC_STATUS, (e) => encoding.writeVarUint(e, 1));
    expect(readHocuspocusFrame(status).frame).toEqual({ kind: 'control' });
  });

  it('reads a permission denial and a close as the end of the session, with the reason', () => {
    const denied = serverFrame('d', HocuspocusMessageType.AUTH, (e) => {
      encoding.writeVarUint(e, HocuspocusAuthType.PERMISSION_DENIED);
      encoding.writeVarString(e, 'nope');
    });
    expect(readHocuspocusFrame(denied).frame).toEqual({ kind: 'refused', reason: 'permission denied: nope' });
    const closed = serverFrame('d', HocuspocusMessageType.CLOSE, (e) => encoding.writeVarString(e, 'bye'));
    expect(readHocuspocusFrame(closed).frame).toEqual({ kind: 'refused', reason: 'closed: bye' });
  });

  it('reads a sync reply as a sync message', () => {
    const step2 = encodeSync(SyncType.STEP_2, new Uint8Array([0, 0]));
    const reply = frameForDocument('d', step2);
    reply[reply.length - step2.length] = HocuspocusMessageType.SYNC_REPLY;
    expect(readHocuspocusFrame(reply).frame).toEqual({ kind: 'message', message: step2 });
  });
});

describe('hocuspocusFraming', () => {
  it('opens with the auth message for its document', () => {
    expect(hocuspocusFraming('doc', 't').opening).toEqual([encodeHocuspocusAuth('doc', 't')]);
  });

  it("treats another document's frames as control frames", () => {
    const frame = frameForDocument('other', encodeSync(SyncType.STEP_1, EMPTY_STATE_VECTOR));
    expect(hocuspocusFraming('doc').unwrap(frame)).toEqual({ kind: 'control' });
  });
});

describe('hocuspocusFraming against a real Hocuspocus server', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
    await server.listen();
    url = `ws://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  });
  afterAll(() => server.destroy());

  /** A raw client that syncs `documentName` and collects the updates it receives. */
  function connect(documentName: string) {
    const framing = hocuspocusFraming(documentName);
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const received: Uint8Array[] = [];
    const send = (message: Uint8Array) => socket.send(framing.wrap(message));
    const synced = new Promise<void>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('open', () => {
        for (const frame of framing.opening) socket.send(frame);
        send(encodeSync(SyncType.STEP_1, EMPTY_STATE_VECTOR));
      });
      socket.on('message', (data: Buffer) => {
        const frame = framing.unwrap(new Uint8Array(data));
        if (frame.kind === 'refused') reject(new Error(frame.reason));
        if (frame.kind !== 'message') return;
        readServerFrame(frame.message, {
          syncStep1: () => send(encodeSync(SyncType.STEP_2, new Uint8Array([0, 0]))),
          update: (update, initial) => (initial ? resolve() : received.push(update)),
          awarenessEntry: () => {},
          awarenessFrame: () => {},
        });
      });
    });
    return { socket, send, received, synced };
  }

  it("syncs two clients of a document and delivers one's update to the other", async () => {
    const writer = connect('bench-doc');
    const reader = connect('bench-doc');
    await Promise.all([writer.synced, reader.synced]);
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => writer.send(encodeSync(SyncType.UPDATE, update)));
    doc.getMap('tl_records').set('shape:a', { id: 'shape:a' });
    await expect.poll(() => reader.received.length).toBe(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, reader.received[0]!);
    expect(copy.getMap('tl_records').get('shape:a')).toEqual({ id: 'shape:a' });
    writer.socket.terminate();
    reader.socket.terminate();
  });
});
