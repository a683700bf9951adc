import { CloseCode, SERVER_NOTICE_FIELD } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DocAppend, type DocStore, MemoryDocStore } from './doc-store.ts';
import { encodeSyncStep1, encodeUpdate } from './messages.ts';
import { RoomManager } from './room-manager.ts';
import { isStorageFull, isStorageUnavailable } from './storage-health.ts';
import { TestSocket } from './test-socket.ts';

/** A client that also reads the server's notice from its presence. */
class Client extends TestSocket {
  notices(): unknown[] {
    return [...this.awareness.getStates().values()].map((state) => state[SERVER_NOTICE_FIELD]).filter(Boolean);
  }
}

/** A store whose disk can fill up, as SQLite reports it. */
class FillingStore extends MemoryDocStore implements DocStore {
  full = false;
  override append(batch: readonly DocAppend[]): Promise<void> {
    if (this.full) {
      return Promise.reject(Object.assign(new Error('database or disk is full'), { errcode: 13 }));
    }
    return super.append(batch);
  }
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('a full disk', () => {
  it('recognises SQLite and PostgreSQL out-of-space errors', () => {
    expect(isStorageFull(Object.assign(new Error('x'), { errcode: 13 }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe(true);
    expect(isStorageFull(new Error('database or disk is full'))).toBe(true);
    expect(isStorageFull(new Error('connection reset'))).toBe(false);
    expect(isStorageUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isStorageUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStorageUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isStorageUnavailable(new Error('duplicate key value violates unique constraint'))).toBe(false);
  });

  it('keeps serving what is stored, refuses writes without losing them, tells everyone, and takes them once there is space', async () => {
    const store = new FillingStore();
    const manager = new RoomManager({ store, storageProbeMs: 20 });
    const writerDoc = new Y.Doc();
    const sent: Uint8Array[] = [];
    writerDoc.on('update', (update: Uint8Array) => sent.push(update));
    writerDoc.getMap('m').set('stored', 1);
    const first = new Client();
    manager.connect('b', first, { canWrite: true, writer: 'w' }).receive(encodeUpdate(sent[0]!));
    await until(() => store.docs.get('b')?.length === 1, 'the first write stored');

    store.full = true;
    writerDoc.getMap('m').set('while-full', 2);
    manager.connect('b', new Client(), { canWrite: true, writer: 'w' }).receive(encodeUpdate(sent[1]!));
    // That batch was applied before the store refused it: the room is dropped (nobody may see it).
    await until(() => manager.get('b') === undefined || !manager.get('b')!.isReady, 'the room dropped');

    // A reader and the writer come back: the board is read from the store, the writer's resend is kept back.
    const reader = new Client();
    const readerConnection = manager.connect('b', reader, { canWrite: false });
    readerConnection.receive(encodeSyncStep1(reader.doc));
    const writer = new Client();
    const writerConnection = manager.connect('b', writer, { canWrite: true, writer: 'w' });
    writerConnection.receive(encodeUpdate(Y.encodeStateAsUpdate(writerDoc)));
    await until(() => reader.doc.getMap('m').get('stored') === 1, 'the reader has the stored board');
    await until(() => reader.notices().includes('storage-unavailable'), 'the notice');
    expect(writer.closedWith).toBeUndefined();
    expect(reader.doc.getMap('m').has('while-full')).toBe(false);

    store.full = false;
    await until(() => writer.closedWith === CloseCode.SERVICE_RESTART, 'the writer asked to send again');
    await until(() => reader.notices().length === 0, 'the notice gone');
    expect(reader.closedWith).toBeUndefined();
    // The writer reconnects and sends again: now it is stored.
    manager
      .connect('b', new Client(), { canWrite: true, writer: 'w' })
      .receive(encodeUpdate(Y.encodeStateAsUpdate(writerDoc)));
    await until(() => reader.doc.getMap('m').get('while-full') === 2, 'the kept write arrived');
    const stored = new Y.Doc();
    for (const update of await store.load('b')) Y.applyUpdate(stored, update);
    expect(stored.getMap('m').toJSON()).toEqual({ stored: 1, 'while-full': 2 });
    await manager.closeAll(CloseCode.SERVICE_RESTART, 'done');
  });
});

describe('a storage that stops answering', () => {
  /** A store whose first append after `cut` hangs, then fails as a lost connection would. */
  class CutStore extends MemoryDocStore implements DocStore {
    cut = false;
    private failing: (() => void) | undefined;
    override append(batch: readonly DocAppend[]): Promise<void> {
      if (this.cut && !this.failing) {
        return new Promise((_, reject) => {
          this.failing = () => reject(new Error('Connection terminated unexpectedly'));
        });
      }
      return super.append(batch);
    }
    /** The hanging append fails; the database answers again. */
    fail(): void {
      this.cut = false;
      this.failing?.();
    }
  }

  it('neither stores nor sends a later batch of a room whose earlier batch failed: the store never holds an update without its predecessor', async () => {
    const store = new CutStore();
    const manager = new RoomManager({ store, storageProbeMs: 20 });
    const writerDoc = new Y.Doc();
    const sent: Uint8Array[] = [];
    writerDoc.on('update', (update: Uint8Array) => sent.push(update));
    const writer = new Client(writerDoc);
    const writerConnection = manager.connect('b', writer, { canWrite: true, writer: 'w' });
    const reader = new Client();
    manager.connect('b', reader, { canWrite: false }).receive(encodeSyncStep1(reader.doc));
    writerDoc.getMap('m').set('stored', 1);
    writerConnection.receive(encodeUpdate(sent[0]!));
    await until(() => store.docs.get('b')?.length === 1, 'the first write stored');

    store.cut = true;
    writerDoc.getMap('m').set('k1', 1);
    writerConnection.receive(encodeUpdate(sent[1]!));
    // k1's store hangs; k2 arrives meanwhile and waits behind it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writerDoc.getMap('m').set('k2', 2);
    writerConnection.receive(encodeUpdate(sent[2]!));
    await new Promise((resolve) => setTimeout(resolve, 20));
    store.fail();

    // The room starts afresh from the store and asks everyone to send again.
    await until(() => writer.closedWith === CloseCode.SERVICE_RESTART, 'the writer asked to send again');
    const stored = new Y.Doc();
    for (const update of await store.load('b')) Y.applyUpdate(stored, update);
    expect(stored.store.pendingStructs).toBeNull();
    expect(stored.getMap('m').toJSON()).toEqual({ stored: 1 });
    expect(reader.doc.getMap('m').has('k1')).toBe(false);
    expect(reader.doc.getMap('m').has('k2')).toBe(false);

    // The writer comes back and sends what the server lacks: both are stored, none refused.
    const again = new Client(writerDoc);
    const againConnection = manager.connect('b', again, { canWrite: true, writer: 'w' });
    againConnection.receive(encodeUpdate(Y.encodeStateAsUpdate(writerDoc, Y.encodeStateVector(stored))));
    await until(() => (store.docs.get('b')?.length ?? 0) >= 2, 'the resend stored');
    const after = new Y.Doc();
    for (const update of await store.load('b')) Y.applyUpdate(after, update);
    expect(after.getMap('m').toJSON()).toEqual({ stored: 1, k1: 1, k2: 2 });
    expect(again.closedWith).toBeUndefined();
    await manager.closeAll(CloseCode.SERVICE_RESTART, 'done');
  });
});
