import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type DocStore, type DocTail, MemoryDocStore } from './doc-store.ts';
import { type FanOut, MemoryFanOutHub } from './fan-out.ts';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate, MessageType } from './messages.ts';
import { RoomManager } from './room-manager.ts';
import type { RoomManagerOptions } from './room-manager-options.ts';
import type { SyncSocket } from './sync-socket.ts';

/** A socket that applies what the room sends to its own doc and awareness. */
class FakeSocket implements SyncSocket {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  closedWith: number | undefined;
  send(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.SYNC) {
      if (decoding.readVarUint(decoder) !== 0) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
    } else if (type === MessageType.AWARENESS) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
    }
  }
  close(code: number): void {
    this.closedWith = code;
  }
  /** This client's presence, as a frame for the room. */
  presence(state: Record<string, unknown>): Uint8Array {
    this.awareness.setLocalState(state);
    const update = encodeAwarenessUpdate(this.awareness, [this.awareness.clientID]);
    return new Uint8Array([MessageType.AWARENESS, ...varUint(update.length), ...update]);
  }
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  return [...out, n];
}

function setting(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('m').set(key, value);
  return encodeUpdate(update!);
}

/** Polls until `check` passes (fan-out and flushes run over several turns). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A fan-out that counts what its instance publishes. */
function counting(fanOut: FanOut): FanOut & { published: Uint8Array[] } {
  const published: Uint8Array[] = [];
  return {
    published,
    publish: (docName, frame) => {
      published.push(frame);
      fanOut.publish(docName, frame);
    },
    subscribe: (docName, handlers) => fanOut.subscribe(docName, handlers),
  };
}

/** Two or more managers on one store and one hub, like instances on PostgreSQL and Redis. */
function cluster(count: number, options: Partial<RoomManagerOptions> = {}, store: DocStore = new MemoryDocStore()) {
  const hub = new MemoryFanOutHub();
  const fanOuts = Array.from({ length: count }, () => counting(hub.connect()));
  const managers = fanOuts.map((fanOut) => new RoomManager({ store, fanOut, reconcileMs: 0, ...options }));
  return { hub, store, fanOuts, managers };
}

describe('RoomManager across instances', () => {
  it('publishes an update only once it is stored, and never publishes a relayed frame again', async () => {
    let release: () => void = () => undefined;
    const memory = new MemoryDocStore();
    const gated: DocStore = {
      load: (name) => memory.load(name),
      readSince: (name, cursor) => memory.readSince(name, cursor),
      deleteTree: (name) => memory.deleteTree(name),
      append: async (batch) => {
        await new Promise<void>((resolve) => (release = resolve));
        await memory.append(batch);
      },
    };
    const { fanOuts, managers } = cluster(3, {}, gated);
    const sockets = managers.map(() => new FakeSocket());
    const connections = managers.map((m, i) => m.connect('b', sockets[i]!, { canWrite: true }));
    await until(() => managers.every((m) => m.get('b')?.isReady), 'rooms loaded');
    const before = fanOuts.map((f) => f.published.length);

    connections[0]!.receive(setting('k', 'v'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fanOuts[0]!.published.length).toBe(before[0]);
    release();
    await until(
      () => sockets.slice(1).every((s) => s.doc.getMap('m').get('k') === 'v'),
      'the other instances have the update',
    );
    expect(fanOuts[0]!.published.length).toBe(before[0]! + 1);
    expect(fanOuts[1]!.published.length).toBe(before[1]);
    expect(fanOuts[2]!.published.length).toBe(before[2]);
    expect(memory.docs.get('b')).toHaveLength(1);
  });

  it('relays presence, and its removal when a client disconnects', async () => {
    const { managers } = cluster(2);
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    const ca = managers[0]!.connect('b', a, { canWrite: true });
    managers[1]!.connect('b', b, { canWrite: true });
    await until(() => managers.every((m) => m.get('b')?.isReady), 'rooms loaded');
    ca.receive(a.presence({ cursor: { x: 3, y: 4 } }));
    await until(() => b.awareness.getStates().has(a.awareness.clientID), 'presence on the other instance');
    expect(b.awareness.getStates().get(a.awareness.clientID)).toEqual({ cursor: { x: 3, y: 4 } });
    ca.closed();
    await until(() => !b.awareness.getStates().has(a.awareness.clientID), 'presence removed on the other instance');
  });

  it('shows a room loaded later the presence of clients on other instances at once', async () => {
    const { managers } = cluster(2);
    const a = new FakeSocket();
    const ca = managers[0]!.connect('b', a, { canWrite: true });
    await until(() => managers[0]!.get('b')?.isReady === true, 'room loaded');
    ca.receive(a.presence({ name: 'Amina' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const late = new FakeSocket();
    managers[1]!.connect('b', late, { canWrite: true });
    await until(() => late.awareness.getStates().has(a.awareness.clientID), 'presence from the other instance');
    expect(late.awareness.getStates().get(a.awareness.clientID)).toEqual({ name: 'Amina' });
  });

  it('catches up from the store when the fan-out comes back after losing frames', async () => {
    const { hub, managers } = cluster(2);
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    const ca = managers[0]!.connect('b', a, { canWrite: true });
    managers[1]!.connect('b', b, { canWrite: true });
    await until(() => managers.every((m) => m.get('b')?.isReady), 'rooms loaded');
    hub.dropping = true;
    ca.receive(setting('lost', 1));
    await managers[0]!.settled();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(b.doc.getMap('m').has('lost')).toBe(false);
    hub.dropping = false;
    hub.reconnect();
    await until(() => b.doc.getMap('m').get('lost') === 1, 'the lost update after reconnecting');
  });

  it('repairs a lost frame by reading the store periodically', async () => {
    const { hub, managers } = cluster(2, { reconcileMs: 20 });
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    const ca = managers[0]!.connect('b', a, { canWrite: true });
    managers[1]!.connect('b', b, { canWrite: true });
    await until(() => managers.every((m) => m.get('b')?.isReady), 'rooms loaded');
    hub.dropping = true;
    ca.receive(setting('lost', 2));
    await until(() => b.doc.getMap('m').get('lost') === 2, 'the lost update from the periodic read');
  });

  it('ends up with a write made by another instance while the room was loading', async () => {
    const memory = new MemoryDocStore();
    let releaseLoad: () => void = () => undefined;
    let gate = false;
    const slow: DocStore = {
      load: (name) => memory.load(name),
      append: (batch) => memory.append(batch),
      deleteTree: (name) => memory.deleteTree(name),
      readSince: async (name, cursor): Promise<DocTail> => {
        // Read now, answer later: the answer misses whatever is stored meanwhile.
        const tail = await memory.readSince(name, cursor);
        if (gate && cursor === undefined) await new Promise<void>((resolve) => (releaseLoad = resolve));
        return tail;
      },
    };
    const { managers } = cluster(2, {}, slow);
    const a = new FakeSocket();
    const ca = managers[0]!.connect('b', a, { canWrite: true });
    await until(() => managers[0]!.get('b')?.isReady === true, 'first room loaded');
    gate = true;
    const b = new FakeSocket();
    managers[1]!.connect('b', b, { canWrite: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    ca.receive(setting('during-load', true));
    await managers[0]!.settled();
    releaseLoad();
    await until(
      () => managers[1]!.get('b')?.doc.getMap('m').get('during-load') === true,
      'the write made during the load',
    );
  });

  it('releases the fan-out subscription when a room unloads and subscribes again when it loads', async () => {
    const { hub, managers } = cluster(2, { idleUnloadMs: 5 });
    const a = new FakeSocket();
    const ca = managers[0]!.connect('b', a, { canWrite: true });
    await until(() => managers[0]!.get('b')?.isReady === true, 'room loaded');
    expect(hub.subscriptions('b')).toBe(1);
    ca.closed();
    await until(() => managers[0]!.size === 0, 'room unloaded');
    expect(hub.subscriptions('b')).toBe(0);
    const b = new FakeSocket();
    managers[1]!.connect('b', b, { canWrite: true });
    const again = new FakeSocket();
    const cAgain = managers[0]!.connect('b', again, { canWrite: true });
    await until(() => managers.every((m) => m.get('b')?.isReady), 'rooms loaded');
    expect(hub.subscriptions('b')).toBe(2);
    cAgain.receive(setting('after-reload', 'yes'));
    await until(() => b.doc.getMap('m').get('after-reload') === 'yes', 'relay after reloading');
  });

  it('serialises server-side read-modify-writes of one document across instances', async () => {
    const memory = new MemoryDocStore();
    // An in-process stand-in for a lock every instance respects (PostgreSQL's advisory lock).
    let chain: Promise<unknown> = Promise.resolve();
    const locking: DocStore = {
      load: (name) => memory.load(name),
      append: (batch) => memory.append(batch),
      deleteTree: (name) => memory.deleteTree(name),
      readSince: (name, cursor) => memory.readSince(name, cursor),
      exclusive: <T>(_name: string, task: () => Promise<T>): Promise<T> => {
        const run = chain.then(task);
        chain = run.catch(() => undefined);
        return run;
      },
    };
    const { hub, managers } = cluster(2, {}, locking);
    // Without the fan-out, only the catch-up inside changeDoc lets one instance see the other's count.
    hub.dropping = true;
    const increment = (doc: Y.Doc) => {
      const map = doc.getMap<number>('m');
      map.set('count', (map.get('count') ?? 0) + 1);
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => managers[i % 2]!.changeDoc('b/session', increment)));
    const count = await managers[0]!.readDoc('b/session', (doc) => doc.getMap<number>('m').get('count'));
    expect(count).toBe(20);
  });

  it('closes the sockets of a deleted document on every instance and keeps it deleted', async () => {
    const { store, managers } = cluster(2);
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    managers[0]!.connect('b', a, { canWrite: true });
    const cb = managers[1]!.connect('b/session', b, { canWrite: true });
    await until(
      () => managers[0]!.get('b')?.isReady === true && managers[1]!.get('b/session')?.isReady === true,
      'rooms loaded',
    );
    cb.receive(setting('late', 1));
    await managers[0]!.deleteTree('b', 4404, 'board deleted');
    await until(() => b.closedWith === 4404, 'the socket on the other instance closed');
    expect(a.closedWith).toBe(4404);
    await until(() => managers[1]!.size === 0, 'the other instance unloaded the tree');
    expect(await store.load('b/session')).toEqual([]);
  });

  it("keeps a document's companions loaded while it is loaded", async () => {
    const manager = new RoomManager({
      store: new MemoryDocStore(),
      idleUnloadMs: 5,
      companions: (name) => (name.includes('/') ? [] : [`${name}/session`]),
    });
    const socket = new FakeSocket();
    const connection = manager.connect('b', socket, { canWrite: true });
    await manager.changeDoc('b/session', (doc) => doc.getMap('m').set('locked', true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(manager.get('b/session')?.isReady).toBe(true);
    connection.closed();
    await until(() => manager.size === 0, 'both unloaded');
  });
});

describe('a client that moves between instances', () => {
  /** The stored document, as a fresh load would see it. */
  const storedMap = async (store: DocStore, name: string) => {
    const doc = new Y.Doc();
    for (const update of await store.load(name)) Y.applyUpdate(doc, update);
    return doc.getMap('m');
  };

  it('has its update stored where it arrives before the one it depends on (the fan-out down)', async () => {
    const store = new MemoryDocStore();
    const [a, b] = [0, 1].map(() => new RoomManager({ store, reconcileMs: 0 }));
    // B's room is loaded before the client writes k1 through A; without a fan-out, B never hears of it.
    const watcher = new FakeSocket();
    b!.connect('b', watcher, { canWrite: false });
    await until(() => b!.get('b')?.isReady === true, 'room on B loaded');
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    const onA = a!.connect('b', new FakeSocket(), { canWrite: true, writer: 'amina' });
    await until(() => a!.get('b')?.isReady === true, 'room on A loaded');
    client.getMap('m').set('k1', 1);
    onA.receive(encodeUpdate(updates[0]!));
    await until(() => (store.docs.get('b')?.length ?? 0) > 0, 'k1 stored by A');
    // The client moves to B and sends k2 (which follows k1) before anything else.
    const socket = new FakeSocket();
    const onB = b!.connect('b', socket, { canWrite: true, writer: 'amina' });
    client.getMap('m').set('k2', 2);
    onB.receive(encodeUpdate(updates[1]!));
    await until(() => watcher.doc.getMap('m').get('k2') === 2, 'k2 on B');
    await b!.settled();
    expect(socket.closedWith).toBeUndefined();
    expect((await storedMap(store, 'b')).toJSON()).toEqual({ k1: 1, k2: 2 });
    expect(b!.get('b')!.doc.store.pendingStructs).toBeNull();
  });

  it("applies another instance's frame whose predecessor's frame was lost only with that predecessor, read from the store, and refuses no innocent writer meanwhile", async () => {
    const store = new MemoryDocStore();
    const hub = new MemoryFanOutHub();
    const manager = new RoomManager({ store, fanOut: hub.connect(), reconcileMs: 0 });
    const watcher = new FakeSocket();
    const writer = new FakeSocket();
    manager.connect('b', watcher, { canWrite: false });
    const onB = manager.connect('b', writer, { canWrite: true, writer: 'amina' });
    await until(() => manager.get('b')?.isReady === true, 'room loaded');
    await new Promise((resolve) => setTimeout(resolve, 20)); // its first catch-up read is done
    // Another instance stored k1 and k2 and published both; k1's frame was lost.
    const other = new Y.Doc();
    const updates: Uint8Array[] = [];
    other.on('update', (update: Uint8Array) => updates.push(update));
    other.getMap('m').set('k1', 1);
    other.getMap('m').set('k2', 2);
    await store.append([{ docName: 'b', updates }]);
    hub.connect().publish('b', encodeUpdate(updates[1]!));
    await new Promise((resolve) => setTimeout(resolve, 0));
    onB.receive(writer.presence({ name: 'Amina' }));
    let mine: Uint8Array | undefined;
    writer.doc.once('update', (update: Uint8Array) => (mine = update));
    writer.doc.getMap('m').set('mine', 3);
    onB.receive(encodeUpdate(mine!));
    await until(() => watcher.doc.getMap('m').get('k2') === 2, 'k2 on the watcher');
    await manager.settled();
    expect(writer.closedWith).toBeUndefined();
    expect(watcher.doc.getMap('m').toJSON()).toEqual({ k1: 1, k2: 2, mine: 3 });
    expect(manager.get('b')!.doc.store.pendingStructs).toBeNull();
    expect((await storedMap(store, 'b')).toJSON()).toEqual({ k1: 1, k2: 2, mine: 3 });
  });

  /** A client whose first write (k1) went to an instance that died before storing it. */
  const reconnecting = () => {
    const client = new Y.Doc();
    const awareness = new Awareness(client);
    awareness.setLocalState({ name: 'Amina' });
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    client.getMap('m').set('k1', 1);
    client.getMap('m').set('k2', 2);
    const presence = () => {
      const update = encodeAwarenessUpdate(awareness, [client.clientID]);
      return new Uint8Array([MessageType.AWARENESS, ...varUint(update.length), ...update]);
    };
    return { client, updates, presence, step1: () => encodeSyncStep1(client) };
  };

  it("has its update stored when its own earlier writing, stored nowhere, comes with its answer to the server's sync step 1", async () => {
    const store = new MemoryDocStore();
    const manager = new RoomManager({ store, reconcileMs: 0 });
    const { client, updates, presence, step1 } = reconnecting();
    const socket = new FakeSocket();
    const connection = manager.connect('b', socket, { canWrite: true, writer: 'amina' });
    await until(() => manager.get('b')?.isReady === true, 'room loaded');
    // As y-websocket does on reconnect: its sync step 1 (saying it has k1 and k2) and presence,
    // then a new edit typed before the server's sync step 1 arrived, then (one round trip later)
    // its answer with everything the server lacks.
    connection.receive(step1());
    connection.receive(presence());
    connection.receive(encodeUpdate(updates[1]!));
    await new Promise((resolve) => setTimeout(resolve, 40));
    connection.receive(encodeSyncStep2(client, Y.encodeStateVector(socket.doc)));
    await until(() => manager.get('b')?.doc.getMap('m').get('k2') === 2, 'k2 on the server');
    await manager.settled();
    expect(socket.closedWith).toBeUndefined();
    expect((await storedMap(store, 'b')).toJSON()).toEqual({ k1: 1, k2: 2 });
    expect(manager.get('b')!.doc.store.pendingStructs).toBeNull();
  });

  it('is told (4409) when it never answers: its update waits only so long after the sync step 1', async () => {
    const store = new MemoryDocStore();
    const manager = new RoomManager({ store, reconcileMs: 0, answerWaitMs: 300 });
    const { updates, presence, step1 } = reconnecting();
    const socket = new FakeSocket();
    const connection = manager.connect('b', socket, { canWrite: true, writer: 'amina' });
    await until(() => manager.get('b')?.isReady === true, 'room loaded');
    const started = Date.now();
    connection.receive(step1());
    connection.receive(presence());
    connection.receive(encodeUpdate(updates[1]!));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(socket.closedWith).toBeUndefined();
    await until(() => socket.closedWith !== undefined, 'the socket closed');
    expect(socket.closedWith).toBe(4409);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await storedMap(store, 'b')).toJSON()).toEqual({});
  });

  it('does not wait for an answer that its own sync step 1 says will not carry what the update needs', async () => {
    const manager = new RoomManager({ store: new MemoryDocStore(), reconcileMs: 0, answerWaitMs: 60_000 });
    const { updates, presence } = reconnecting();
    const socket = new FakeSocket();
    const connection = manager.connect('b', socket, { canWrite: true, writer: 'amina' });
    await until(() => manager.get('b')?.isReady === true, 'room loaded');
    connection.receive(encodeSyncStep1(new Y.Doc())); // "I have nothing"
    connection.receive(presence());
    connection.receive(encodeUpdate(updates[1]!));
    await until(() => socket.closedWith !== undefined, 'the socket closed');
    expect(socket.closedWith).toBe(4409);
  });

  it("does not wait for an answer when the unseen clocks are somebody else's", async () => {
    const store = new MemoryDocStore();
    const manager = new RoomManager({ store, reconcileMs: 0, answerWaitMs: 60_000 });
    const other = new Y.Doc();
    const theirs: Uint8Array[] = [];
    other.on('update', (update: Uint8Array) => theirs.push(update));
    for (const key of ['a', 'b', 'c']) other.getMap('m').set(key, 1);
    const olli = manager.connect('b', new FakeSocket(), { canWrite: true, writer: 'olli' });
    await until(() => manager.get('b')?.isReady === true, 'room loaded');
    olli.receive(encodeUpdate(theirs[0]!));
    await manager.settled();
    const { presence } = reconnecting();
    const socket = new FakeSocket();
    const connection = manager.connect('b', socket, { canWrite: true, writer: 'amina' });
    await manager.settled();
    connection.receive(presence());
    // Olli's client id, past a clock the server has not seen.
    connection.receive(encodeUpdate(theirs[2]!));
    await until(() => socket.closedWith !== undefined, 'the socket closed');
    expect(socket.closedWith).toBe(4409);
  });

  it('is told (4409) when what its update depends on is stored nowhere', async () => {
    const store = new MemoryDocStore();
    const manager = new RoomManager({ store, reconcileMs: 0, answerWaitMs: 100 });
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    client.getMap('m').set('k1', 1); // sent to an instance that died before storing it
    client.getMap('m').set('k2', 2);
    const socket = new FakeSocket();
    const connection = manager.connect('b', socket, { canWrite: true });
    await until(() => manager.get('b')?.isReady === true, 'room loaded');
    connection.receive(encodeUpdate(updates[1]!));
    await until(() => socket.closedWith !== undefined, 'the socket closed');
    expect(socket.closedWith).toBe(4409);
    expect((await storedMap(store, 'b')).toJSON()).toEqual({});
  });
});
