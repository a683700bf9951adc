import { CloseCode } from '@talkoot/protocol';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type DocStore, MemoryDocStore } from './doc-store.ts';
import { MemoryFanOutHub } from './fan-out.ts';
import { encodeUpdate, MessageType } from './messages.ts';
import { RoomManager } from './room-manager.ts';
import type { SyncSocket } from './sync-socket.ts';

/** A socket that records what the room sends, and a client doc that applies it. */
class FakeSocket implements SyncSocket {
  readonly frames: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | undefined;
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  send(frame: Uint8Array): void {
    this.frames.push(frame);
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.SYNC) {
      const syncType = decoding.readVarUint(decoder);
      if (syncType !== 0) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
    } else if (type === MessageType.AWARENESS) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
    }
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const settle = async (manager: RoomManager, _name?: string) => {
  await turn();
  await manager.settled();
};

function updateOf(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => (update = u));
  change(doc);
  return update!;
}

describe('RoomManager', () => {
  it('persists an update before any socket sees it', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const store: DocStore = {
      load: () => Promise.resolve([]),
      deleteTree: () => Promise.resolve(),
      append: async () => {
        events.push('append-start');
        await new Promise<void>((resolve) => (release = resolve));
        events.push('append-done');
      },
    };
    const manager = new RoomManager({ store });
    const writer = new FakeSocket();
    const reader = new FakeSocket();
    const w = manager.connect('b', writer, { canWrite: true });
    manager.connect('b', reader, { canWrite: true });
    await settle(manager, 'b');
    const before = reader.frames.length;
    w.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 1))));
    await turn();
    await turn();
    expect(events).toEqual(['append-start']);
    expect(reader.frames.length).toBe(before);
    release();
    await settle(manager, 'b');
    expect(events).toEqual(['append-start', 'append-done']);
    expect(reader.doc.getMap('m').get('k')).toBe(1);
  });

  it('does not hold presence back while the store is writing', async () => {
    let release: () => void = () => undefined;
    const store: DocStore = {
      load: () => Promise.resolve([]),
      deleteTree: () => Promise.resolve(),
      append: () => new Promise<void>((resolve) => (release = resolve)),
    };
    const manager = new RoomManager({ store });
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = manager.connect('b', a, { canWrite: true });
    manager.connect('b', b, { canWrite: true });
    await turn();
    ca.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 1))));
    a.awareness.setLocalState({ cursor: { x: 1, y: 2 } });
    ca.receive(
      new Uint8Array([
        MessageType.AWARENESS,
        ...lengthPrefixed(encodeAwarenessUpdate(a.awareness, [a.awareness.clientID])),
      ]),
    );
    await turn();
    await turn();
    expect(b.awareness.getStates().get(a.awareness.clientID)).toEqual({ cursor: { x: 1, y: 2 } });
    expect(b.doc.getMap('m').has('k')).toBe(false);
    release();
    await settle(manager);
    expect(b.doc.getMap('m').get('k')).toBe(1);
  });

  it('merges the updates of one turn into one frame per socket and skips a lone sender', async () => {
    const manager = new RoomManager({ store: new MemoryDocStore() });
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = manager.connect('b', a, { canWrite: true });
    manager.connect('b', b, { canWrite: true });
    await settle(manager, 'b');
    const [aBefore, bBefore] = [a.frames.length, b.frames.length];
    for (let i = 0; i < 10; i++) ca.receive(encodeUpdate(updateOf((d) => d.getMap('m').set(`k${i}`, i))));
    await settle(manager, 'b');
    expect(b.frames.length - bBefore).toBe(1);
    expect(a.frames.length - aBefore).toBe(0);
    expect(b.doc.getMap('m').size).toBe(10);
  });

  it('coalesces many awareness changes of one turn into one frame', async () => {
    const manager = new RoomManager({ store: new MemoryDocStore() });
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = manager.connect('b', a, { canWrite: true });
    manager.connect('b', b, { canWrite: true });
    await settle(manager, 'b');
    const before = b.frames.length;
    for (let i = 0; i < 5; i++) {
      a.awareness.setLocalState({ cursor: { x: i, y: i } });
      const update = encodeAwarenessUpdate(a.awareness, [a.awareness.clientID]);
      ca.receive(new Uint8Array([MessageType.AWARENESS, ...lengthPrefixed(update)]));
    }
    await settle(manager, 'b');
    expect(b.frames.length - before).toBe(1);
    expect(b.awareness.getStates().get(a.awareness.clientID)).toEqual({ cursor: { x: 4, y: 4 } });
  });

  it('closes sockets with 4500 and writes nothing when a board fails to load', async () => {
    let appends = 0;
    const store: DocStore = {
      load: () => Promise.reject(new Error('disk on fire')),
      deleteTree: () => Promise.resolve(),
      append: () => {
        appends++;
        return Promise.resolve();
      },
    };
    const manager = new RoomManager({ store, onError: () => undefined });
    const socket = new FakeSocket();
    const connection = manager.connect('b', socket, { canWrite: true });
    connection.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 1))));
    await turn();
    await turn();
    expect(socket.closedWith?.code).toBe(CloseCode.ROOM_LOAD_FAILED);
    expect(appends).toBe(0);
    expect(manager.size).toBe(0);
  });

  it('drops what it could not persist and closes the room, so clients resend', async () => {
    const store: DocStore = {
      load: () => Promise.resolve([]),
      deleteTree: () => Promise.resolve(),
      append: () => Promise.reject(new Error('disk full')),
    };
    const manager = new RoomManager({ store, onError: () => undefined });
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = manager.connect('b', a, { canWrite: true });
    manager.connect('b', b, { canWrite: true });
    await turn();
    ca.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 1))));
    await turn();
    await turn();
    await turn();
    expect(b.doc.getMap('m').has('k')).toBe(false);
    expect(b.closedWith?.code).toBe(CloseCode.ROOM_LOAD_FAILED);
    expect(manager.size).toBe(0);
  });

  it('relays updates and awareness through the fan-out to another instance, persisting once', async () => {
    const store = new MemoryDocStore();
    const hub = new MemoryFanOutHub();
    const one = new RoomManager({ store, fanOut: hub.connect() });
    const two = new RoomManager({ store, fanOut: hub.connect() });
    const a = new FakeSocket();
    const b = new FakeSocket();
    const ca = one.connect('b', a, { canWrite: true });
    two.connect('b', b, { canWrite: true });
    await Promise.all([settle(one, 'b'), settle(two, 'b')]);
    ca.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 'v'))));
    await settle(one, 'b');
    await settle(two, 'b');
    expect(b.doc.getMap('m').get('k')).toBe('v');
    expect(store.docs.get('b')).toHaveLength(1);
  });
});

function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...bytes];
}
