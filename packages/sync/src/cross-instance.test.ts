import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryDocStore } from './doc-store.ts';
import { type FanOut, MemoryFanOutHub } from './fan-out.ts';
import { encodeSyncStep1, encodeUpdate } from './messages.ts';
import type { RoomConnection } from './connection.ts';
import { RoomManager } from './room-manager.ts';
import { TestSocket } from './test-socket.ts';

/** A fan-out that loses frames (Redis restarting, a subscriber that fell behind). */
function lossy(fanOut: FanOut, drop: () => boolean): FanOut {
  return {
    publish: (docName, frame) => {
      if (!drop()) fanOut.publish(docName, frame);
    },
    subscribe: (docName, handlers) => fanOut.subscribe(docName, handlers),
  };
}

const settle = async (managers: readonly RoomManager[]) => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await Promise.all(managers.map((manager) => manager.settled()));
  }
};

type Step = { kind: 'write'; client: number; key: number } | { kind: 'move'; client: number; to: number };

const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('write' as const), client: fc.nat(3), key: fc.nat(9) }),
    fc.record({ kind: fc.constant('move' as const), client: fc.nat(3), to: fc.nat(2) }),
  ),
  { minLength: 1, maxLength: 40 },
);

describe('clients moving between instances while the fan-out loses frames', () => {
  it('never loses an edit a client has made or seen, and never refuses a client (property)', async () => {
    await fc.assert(
      fc.asyncProperty(steps, fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer(), async (plan, loss, seed) => {
        let state = seed;
        const drop = () => {
          state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
          return state / 2 ** 31 < loss;
        };
        const store = new MemoryDocStore();
        const hub = new MemoryFanOutHub();
        const managers = [0, 1, 2].map(
          () => new RoomManager({ store, fanOut: lossy(hub.connect(), drop), reconcileMs: 0, idleUnloadMs: 60_000 }),
        );
        const clients = [0, 1, 2, 3].map((i) => {
          const doc = new Y.Doc();
          const client = { doc, socket: new TestSocket(doc), connection: undefined as RoomConnection | undefined };
          doc.on('update', (update: Uint8Array, origin: unknown) => {
            if (origin !== 'server') client.connection?.receive(encodeUpdate(update));
          });
          client.connection = managers[i % 3]!.connect('b', client.socket, { canWrite: true, writer: `w${i}` });
          return client;
        });
        await settle(managers);
        for (const step of plan as Step[]) {
          const client = clients[step.client]!;
          if (step.kind === 'write') {
            client.doc.getMap('m').set(`k${step.key}`, `${step.client}:${step.key}:${Math.random()}`);
          } else {
            client.connection?.closed();
            client.socket = new TestSocket(client.doc);
            client.connection = managers[step.to]!.connect('b', client.socket, {
              canWrite: true,
              writer: `w${step.client}`,
            });
            // As y-websocket does on connect: ask for what it misses, send what it has (the server
            // skips what it knows).
            client.connection.receive(encodeSyncStep1(client.doc));
            client.connection.receive(encodeUpdate(Y.encodeStateAsUpdate(client.doc)));
          }
          await settle(managers);
        }
        await settle(managers);
        for (const client of clients) expect(client.socket.closedWith, client.socket.reason).toBeUndefined();
        const stored = new Y.Doc();
        for (const update of await store.load('b')) Y.applyUpdate(stored, update);
        const storedState = Y.encodeStateVector(stored);
        for (const client of clients) {
          // Nothing this client has (wrote or was sent) is missing from the store.
          const missing = Y.decodeUpdate(Y.encodeStateAsUpdate(client.doc, storedState)).structs;
          expect(missing).toEqual([]);
        }
        for (const manager of managers) await manager.closeAll(1012, 'done');
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261203), numRuns: 60 },
    );
  });
});
