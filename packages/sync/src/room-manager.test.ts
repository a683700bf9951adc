import { CloseCode } from '@talkoot/protocol';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type DocStore, MemoryDocStore } from './doc-store.ts';
import { MemoryFanOutHub } from './fan-out.ts';
import { encodeUpdate, MessageType } from './messages.ts';
import { RoomManager } from './room-manager.ts';
import type { OutgoingFrames, SyncSocket } from './sync-socket.ts';

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

  describe('with a synchronous store', () => {
    /** A store that appends inside the call, and a log of what happened when. */
    function syncStore(events: string[], fail = false): DocStore {
      const memory = new MemoryDocStore();
      return {
        load: (name) => memory.load(name),
        deleteTree: (name) => memory.deleteTree(name),
        append: (batch) => memory.append(batch),
        appendNow: (batch) => {
          if (fail) throw new Error('disk full');
          events.push(`stored ${batch.map((b) => `${b.docName}:${b.updates.length}`).join(',')}`);
          void memory.append(batch);
        },
      };
    }

    /** A socket that also takes several frames at once, logging each call. */
    class BatchingSocket extends FakeSocket {
      readonly calls: number[] = [];
      private readonly name: string;
      private readonly events: string[];
      constructor(name: string, events: string[]) {
        super();
        this.name = name;
        this.events = events;
      }
      sendFrames({ frames }: OutgoingFrames): void {
        this.calls.push(frames.length);
        this.events.push(`sent ${frames.length} to ${this.name}`);
        for (const frame of frames) super.send(frame);
      }
      override send(frame: Uint8Array): void {
        this.calls.push(1);
        this.events.push(`sent 1 to ${this.name}`);
        super.send(frame);
      }
    }

    const presence = (socket: FakeSocket, state: Record<string, unknown>) => {
      socket.awareness.setLocalState(state);
      const update = encodeAwarenessUpdate(socket.awareness, [socket.awareness.clientID]);
      return new Uint8Array([MessageType.AWARENESS, ...lengthPrefixed(update)]);
    };

    it('stores a turn before sending, and sends each socket its update and presence in one write', async () => {
      const events: string[] = [];
      const manager = new RoomManager({ store: syncStore(events) });
      const a = new BatchingSocket('a', events);
      const b = new BatchingSocket('b', events);
      const c = new BatchingSocket('c', events);
      const ca = manager.connect('r', a, { canWrite: true });
      const cb = manager.connect('r', b, { canWrite: true });
      manager.connect('r', c, { canWrite: true });
      await settle(manager);
      events.length = 0;
      for (const socket of [a, b, c]) socket.calls.length = 0;
      ca.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 1))));
      cb.receive(presence(b, { cursor: { x: 5, y: 6 } }));
      await settle(manager);
      expect(events[0]).toBe('stored r:1');
      // The writer gets b's cursor, b gets a's update, c gets both: one write each.
      expect(a.calls).toEqual([1]);
      expect(b.calls).toEqual([1]);
      expect(c.calls).toEqual([2]);
      expect(c.doc.getMap('m').get('k')).toBe(1);
      expect(c.awareness.getStates().get(b.awareness.clientID)).toEqual({ cursor: { x: 5, y: 6 } });
      expect(a.awareness.getStates().get(b.awareness.clientID)).toEqual({ cursor: { x: 5, y: 6 } });
      expect(b.doc.getMap('m').get('k')).toBe(1);
    });

    it('sends the rooms with new updates first, then rooms with only presence', async () => {
      const events: string[] = [];
      const manager = new RoomManager({ store: syncStore(events) });
      const quietWriter = new BatchingSocket('q1', events);
      const quietReader = new BatchingSocket('q2', events);
      const writer = new BatchingSocket('w1', events);
      const reader = new BatchingSocket('w2', events);
      const cq = manager.connect('quiet', quietWriter, { canWrite: true });
      manager.connect('quiet', quietReader, { canWrite: true });
      const cw = manager.connect('busy', writer, { canWrite: true });
      manager.connect('busy', reader, { canWrite: true });
      await settle(manager);
      events.length = 0;
      cq.receive(presence(quietWriter, { cursor: { x: 1, y: 1 } }));
      cw.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 1))));
      await settle(manager);
      expect(events).toEqual(['stored busy:1', 'sent 1 to w2', 'sent 1 to q2']);
    });

    it('closes the rooms whose updates could not be stored, and still sends the others', async () => {
      const events: string[] = [];
      const manager = new RoomManager({ store: syncStore(events, true), onError: () => undefined });
      const a = new BatchingSocket('a', events);
      const b = new BatchingSocket('b', events);
      const x = new BatchingSocket('x', events);
      const y = new BatchingSocket('y', events);
      const ca = manager.connect('failing', a, { canWrite: true });
      manager.connect('failing', b, { canWrite: true });
      const cx = manager.connect('other', x, { canWrite: true });
      manager.connect('other', y, { canWrite: true });
      await settle(manager);
      ca.receive(encodeUpdate(updateOf((d) => d.getMap('m').set('k', 1))));
      cx.receive(presence(x, { cursor: { x: 2, y: 2 } }));
      await settle(manager);
      expect(b.doc.getMap('m').has('k')).toBe(false);
      expect(b.closedWith?.code).toBe(CloseCode.ROOM_LOAD_FAILED);
      expect(y.awareness.getStates().get(x.awareness.clientID)).toEqual({ cursor: { x: 2, y: 2 } });
      expect(y.closedWith).toBeUndefined();
    });
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
