import { CloseCode } from '@talkoot/protocol';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryDocStore } from './doc-store.ts';
import { fuzzFrames, seededRandom } from './fuzz-frames.ts';
import { encodeSyncStep1, encodeUpdate, MessageType } from './messages.ts';
import { RoomManager } from './room-manager.ts';
import type { SyncSocket } from './sync-socket.ts';

/** Records what the room sends; a bystander's socket also applies the updates to its doc. */
class RecordingSocket implements SyncSocket {
  closedWith: { code: number; reason: string } | undefined;
  readonly doc = new Y.Doc();
  send(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.SYNC) return;
    if (decoding.readVarUint(decoder) !== 0) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
}

const settle = async (manager: RoomManager) => {
  await new Promise((resolve) => setImmediate(resolve));
  await manager.settled();
};

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 4000);

describe('Room under fuzzed frames', () => {
  it(`closes only the sender on bad input and keeps the document consistent (seed ${SEED})`, async () => {
    console.log(`room fuzz: seed ${SEED}, ${FRAMES} frames (repeat with FUZZ_SEED=${SEED})`);
    const store = new MemoryDocStore();
    const errors: string[] = [];
    const manager = new RoomManager({
      store,
      onError: (error, context) => errors.push(`${context}: ${String(error)}`),
    });
    const bystander = new RecordingSocket();
    const bystanderConnection = manager.connect('board', bystander, { canWrite: true });
    await settle(manager);
    const notes = bystander.doc.getMap<string>('tl_records');
    bystander.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') bystanderConnection.receive(encodeUpdate(update));
    });

    const random = seededRandom(SEED);
    let sender: RecordingSocket | undefined;
    let connection: ReturnType<RoomManager['connect']> | undefined;
    let index = 0;
    let closes = 0;
    for (const { how, frame } of fuzzFrames(random, FRAMES)) {
      if (!sender || sender.closedWith) {
        if (sender?.closedWith) closes++;
        sender = new RecordingSocket();
        // Every third sender may not write (an observer): its updates are applied and taken back.
        connection = manager.connect('board', sender, { canWrite: closes % 3 !== 2 });
      }
      const context = `seed ${SEED}, frame ${index} (${how}): ${Buffer.from(frame.slice(0, 64)).toString('hex')}`;
      try {
        connection!.receive(frame);
        await settle(manager);
      } catch (error) {
        throw new Error(`${context} threw ${String(error)}`, { cause: error });
      }
      if (bystander.closedWith) throw new Error(`${context} closed the bystander: ${bystander.closedWith.reason}`);
      if (index % 250 === 0) {
        notes.set(`note:bystander-${index}`, `written after frame ${index}`);
        await settle(manager);
      }
      index++;
    }
    connection!.closed();
    await settle(manager);

    expect(bystander.closedWith).toBeUndefined();
    expect(closes).toBeGreaterThan(0);
    const room = manager.get('board')!;
    for (let i = 0; i < index; i += 250) {
      expect(room.doc.getMap('tl_records').get(`note:bystander-${i}`)).toBe(`written after frame ${i}`);
    }
    // What is stored is exactly what the room holds, and the bystander has it all too.
    const stored = new Y.Doc();
    for (const update of await store.load('board')) Y.applyUpdate(stored, update);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(room.doc));
    expect(Y.encodeStateVector(bystander.doc)).toEqual(Y.encodeStateVector(room.doc));
    expect(stored.getMap('tl_records').toJSON()).toEqual(room.doc.getMap('tl_records').toJSON());
    expect(notes.toJSON()).toEqual(room.doc.getMap('tl_records').toJSON());
    bystanderConnection.closed();
  });
});

describe('Room when Yjs throws', () => {
  const updateOf = (change: (doc: Y.Doc) => void) => {
    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => (update = u));
    change(doc);
    return encodeUpdate(update);
  };

  it('drops only the room whose changes cannot be encoded; the other rooms carry on', async () => {
    const errors: string[] = [];
    const manager = new RoomManager({ store: new MemoryDocStore(), onError: (_e, context) => errors.push(context) });
    const inBroken = new RecordingSocket();
    const writer = new RecordingSocket();
    const reader = new RecordingSocket();
    manager.connect('broken', inBroken, { canWrite: true });
    const w = manager.connect('fine', writer, { canWrite: true });
    manager.connect('fine', reader, { canWrite: true });
    await settle(manager);
    // JSON.stringify throws on a BigInt: the awareness frame of this turn cannot be built.
    manager.get('broken')!.awareness.setLocalState({ size: 1n });
    w.receive(updateOf((d) => d.getMap('m').set('k', 'v')));
    await settle(manager);
    expect(inBroken.closedWith?.code).toBe(CloseCode.ROOM_LOAD_FAILED);
    expect(errors).toEqual(['sending the changes of broken']);
    expect(reader.doc.getMap('m').get('k')).toBe('v');
    w.receive(updateOf((d) => d.getMap('m').set('k2', 'v2')));
    await settle(manager);
    expect(reader.doc.getMap('m').get('k2')).toBe('v2');
  });

  it('reloads a board from the store when its document stopped emitting updates', async () => {
    const store = new MemoryDocStore();
    const manager = new RoomManager({ store, onError: () => undefined });
    const sender = new RecordingSocket();
    const other = new RecordingSocket();
    const s = manager.connect('b', sender, { canWrite: true });
    manager.connect('b', other, { canWrite: true });
    await settle(manager);
    s.receive(updateOf((d) => d.getMap('m').set('kept', 1)));
    await settle(manager);
    // An 'update' listener that throws leaves Yjs's transaction queued: the document would
    // apply later updates in memory only, never storing or sending them.
    const room = manager.get('b')!;
    room.doc.once('update', () => {
      throw new Error('boom');
    });
    s.receive(updateOf((d) => d.getMap('m').set('lost', 1)));
    await settle(manager);
    expect(sender.closedWith?.code).toBe(CloseCode.BAD_MESSAGE);
    expect(other.closedWith?.code).toBe(CloseCode.ROOM_LOAD_FAILED);
    expect(manager.get('b')).toBeUndefined();

    const again = new RecordingSocket();
    const c = manager.connect('b', again, { canWrite: true });
    c.receive(encodeSyncStep1(new Y.Doc()));
    await settle(manager);
    expect(again.doc.getMap('m').toJSON()).toEqual({ kept: 1 });
    c.receive(updateOf((d) => d.getMap('m').set('later', 2)));
    await settle(manager);
    expect(manager.get('b')!.doc.getMap('m').toJSON()).toEqual({ kept: 1, later: 2 });
    expect(await store.load('b')).toHaveLength(2);
  });
});
