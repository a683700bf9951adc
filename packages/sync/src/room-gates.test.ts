import { CloseCode } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryDocStore } from './doc-store.ts';
import { awarenessEntries, awarenessFrame } from './fuzz-encoding.ts';
import { encodeUpdate } from './messages.ts';
import { RoomManager } from './room-manager.ts';
import { TestSocket } from './test-socket.ts';

const settle = async (manager: RoomManager) => {
  await new Promise((resolve) => setImmediate(resolve));
  await manager.settled();
};

const awareness = (entries: readonly (readonly [number, number, unknown])[]): Uint8Array =>
  awarenessFrame(awarenessEntries(entries.map(([client, clock, state]) => [client, clock, JSON.stringify(state)])));

describe('Room gates', () => {
  it('binds presence and document client ids to their writer', async () => {
    const manager = new RoomManager({ store: new MemoryDocStore() });
    const a = new TestSocket();
    const b = new TestSocket();
    const stamp = (name: string) => (state: unknown) => ({ ...(state as object), name });
    const ca = manager.connect('r', a, { canWrite: true, writer: 'a', presence: stamp('A') });
    const cb = manager.connect('r', b, { canWrite: true, writer: 'b', presence: stamp('B') });
    await settle(manager);
    const doc = new Y.Doc();
    doc.clientID = 11;
    doc.getMap('m').set('k', 1);
    ca.receive(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    ca.receive(awareness([[11, 1, { name: 'claimed' }]]));
    await settle(manager);
    const room = manager.get('r')!;
    expect(room.awareness.getStates().get(11)).toEqual({ name: 'A' });
    // b may not speak for 11 (a's document client id and a's presence): dropped, as is an echo.
    cb.receive(awareness([[11, 2, { name: 'renamed' }]]));
    cb.receive(awareness([[11, 1, null]]));
    await settle(manager);
    expect(room.awareness.getStates().get(11)).toEqual({ name: 'A' });
    // … nor write new content under it.
    const c = new TestSocket();
    const cc = manager.connect('r', c, { canWrite: true, writer: 'c' });
    await settle(manager);
    const sv = Y.encodeStateVector(doc);
    doc.getMap('m').set('k', 2);
    cc.receive(encodeUpdate(Y.encodeStateAsUpdate(doc, sv)));
    await settle(manager);
    expect(c.closedWith).toBe(CloseCode.UPDATE_REFUSED);
    expect(room.doc.getMap('m').get('k')).toBe(1);
    // A socket may hold a few states, not thousands.
    const d = new TestSocket();
    const cd = manager.connect('r', d, { canWrite: true, writer: 'd' });
    await settle(manager);
    cd.receive(awareness(Array.from({ length: 10 }, (_, i) => [1000 + i, 1, {}] as const)));
    await settle(manager);
    const ghosts = [...room.awareness.getStates().keys()].filter((id) => id >= 1000 && id < 1010);
    expect(ghosts).toHaveLength(4);
    expect(b.closedWith).toBeUndefined();
    expect(d.closedWith).toBeUndefined();
  });

  it('never applies a read-only update, and ignores one that changes nothing', async () => {
    const manager = new RoomManager({ store: new MemoryDocStore() });
    const writer = new TestSocket();
    const reader = new TestSocket();
    const cw = manager.connect('r', writer, { canWrite: true });
    const cr = manager.connect('r', reader, { canWrite: false });
    await settle(manager);
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 1);
    const update = Y.encodeStateAsUpdate(doc);
    cw.receive(encodeUpdate(update));
    cr.receive(encodeUpdate(update)); // already there: nothing new
    await settle(manager);
    expect(reader.closedWith).toBeUndefined();
    const sv = Y.encodeStateVector(doc);
    doc.getMap('m').set('k', 2);
    cr.receive(encodeUpdate(Y.encodeStateAsUpdate(doc, sv)));
    await settle(manager);
    expect(reader.closedWith).toBe(CloseCode.UPDATE_REFUSED);
    expect(manager.get('r')!.doc.getMap('m').get('k')).toBe(1);
  });

  it('refuses content past the size cap but still takes deletions', async () => {
    const manager = new RoomManager({ store: new MemoryDocStore(), maxDocBytes: 10_000 });
    const socket = new TestSocket();
    const connection = manager.connect('r', socket, { canWrite: true });
    await settle(manager);
    const doc = new Y.Doc();
    doc.getMap('m').set('big', 'x'.repeat(6_000));
    connection.receive(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    await settle(manager);
    let sv = Y.encodeStateVector(doc);
    doc.getMap('m').set('more', 'y'.repeat(6_000));
    connection.receive(encodeUpdate(Y.encodeStateAsUpdate(doc, sv)));
    await settle(manager);
    expect(socket.closedWith).toBe(CloseCode.BOARD_FULL);
    const room = manager.get('r')!;
    expect(room.doc.getMap('m').has('more')).toBe(false);
    const again = new TestSocket();
    const second = manager.connect('r', again, { canWrite: true });
    await settle(manager);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room.doc));
    sv = Y.encodeStateVector(fresh);
    fresh.getMap('m').delete('big');
    second.receive(encodeUpdate(Y.encodeStateAsUpdate(fresh, sv)));
    await settle(manager);
    expect(again.closedWith).toBeUndefined();
    expect(room.doc.getMap('m').has('big')).toBe(false);
  });
});
