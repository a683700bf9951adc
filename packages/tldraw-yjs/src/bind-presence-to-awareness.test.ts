import { createUserId, TLPOINTER_ID, type TLInstancePresence, type TLStore } from 'tldraw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { bindPresenceToAwareness, presenceIdForClient, type PresenceBinding } from './bind-presence-to-awareness.ts';
import { createTestStore, linkAwareness, NETWORK } from './testing.ts';

const ALICE = { id: 'member-alice', name: 'Alice', color: '#e03131' };
const BOB = { id: 'member-bob', name: 'Bob', color: '#1971c2' };

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  vi.useFakeTimers();
});

/** A store in the state an editor leaves it in: with instance, page state, camera and pointer. */
function usableStore(): TLStore {
  const store = createTestStore();
  store.mergeRemoteChanges(() => {});
  return store;
}

function client(user: typeof ALICE, throttleMs?: number) {
  const store = usableStore();
  const awareness = new Awareness(new Y.Doc());
  cleanups.push(() => awareness.destroy());
  let binding: PresenceBinding | null = null;
  const bind = () => {
    binding = bindPresenceToAwareness({ store, awareness, user, ...(throttleMs === undefined ? {} : { throttleMs }) });
    cleanups.push(() => binding?.dispose());
    return binding;
  };
  return { store, awareness, bind, binding: () => binding };
}

/** Lets queued presence publications run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

const movePointer = (store: TLStore, x: number, y: number) =>
  store.update(TLPOINTER_ID, (pointer) => ({ ...pointer, x, y, lastActivityTimestamp: Date.now() }));

const presences = (store: TLStore) =>
  store.allRecords().filter((record): record is TLInstancePresence => record.typeName === 'instance_presence');

describe('bindPresenceToAwareness', () => {
  it("shows a peer's cursor with the peer's name and colour", async () => {
    const alice = client(ALICE);
    const bob = client(BOB);
    linkAwareness(alice.awareness, bob.awareness);
    alice.bind();
    bob.bind();
    await settle();

    const seenByBob = bob.store.get(presenceIdForClient(alice.awareness.clientID));
    expect(seenByBob).toMatchObject({ userId: createUserId(ALICE.id), userName: 'Alice', color: '#e03131' });
    expect(alice.store.get(presenceIdForClient(bob.awareness.clientID))).toMatchObject({ userName: 'Bob' });
    // Nobody gets a record for themselves.
    expect(presences(alice.store)).toHaveLength(1);
    expect(presences(bob.store)).toHaveLength(1);
  });

  it('publishes nothing for a client that only watches (a projector), which still sees the others', async () => {
    const wall = client(ALICE);
    const bob = client(BOB);
    linkAwareness(wall.awareness, bob.awareness);
    cleanups.push(
      bindPresenceToAwareness({ store: wall.store, awareness: wall.awareness, user: ALICE, publish: false }).dispose,
    );
    bob.bind();
    await vi.advanceTimersByTimeAsync(200);
    movePointer(wall.store, 10, 20);
    await vi.advanceTimersByTimeAsync(200);

    expect(wall.awareness.getLocalState()).toBeNull();
    expect(bob.awareness.getStates().has(wall.awareness.clientID)).toBe(false);
    expect(presences(bob.store)).toHaveLength(0);
    expect(wall.store.get(presenceIdForClient(bob.awareness.clientID))).toMatchObject({ userName: 'Bob' });
  });

  it("moves the peer's cursor when the peer's pointer moves", async () => {
    const alice = client(ALICE);
    const bob = client(BOB);
    linkAwareness(alice.awareness, bob.awareness);
    alice.bind();
    bob.bind();

    await vi.advanceTimersByTimeAsync(200);
    movePointer(alice.store, 120, 340);
    await vi.advanceTimersByTimeAsync(200);

    expect(bob.store.get(presenceIdForClient(alice.awareness.clientID))?.cursor).toMatchObject({ x: 120, y: 340 });
  });

  it('publishes name and colour changes', async () => {
    const alice = client(ALICE);
    const bob = client(BOB);
    linkAwareness(alice.awareness, bob.awareness);
    bob.bind();
    alice.bind().setUser({ ...ALICE, name: 'Alicia', color: '#2f9e44' });
    await vi.advanceTimersByTimeAsync(200);

    expect(bob.store.get(presenceIdForClient(alice.awareness.clientID))).toMatchObject({
      userName: 'Alicia',
      color: '#2f9e44',
    });
    expect(alice.awareness.getLocalState()).toMatchObject({ user: { name: 'Alicia' } });
  });

  it('keeps other fields of the local state when it publishes (the action-plan cell someone is in)', async () => {
    const alice = client(ALICE);
    alice.bind();
    await settle();
    alice.awareness.setLocalStateField('planCell', { measure: 'm:1', field: 'title' });
    movePointer(alice.store, 10, 20);
    await vi.advanceTimersByTimeAsync(200);
    expect(alice.awareness.getLocalState()).toMatchObject({
      planCell: { measure: 'm:1', field: 'title' },
      presence: { cursor: { x: 10, y: 20 } },
    });
  });

  it('removes the cursor when the peer leaves or times out', async () => {
    const alice = client(ALICE);
    const bob = client(BOB);
    const carol = client({ id: 'member-carol', name: 'Carol', color: '#f08c00' });
    linkAwareness(alice.awareness, bob.awareness);
    linkAwareness(carol.awareness, bob.awareness);
    alice.bind();
    carol.bind();
    bob.bind();
    await settle();
    expect(presences(bob.store)).toHaveLength(2);

    alice.binding()?.dispose();
    expect(bob.store.get(presenceIdForClient(alice.awareness.clientID))).toBeUndefined();

    // What a provider does when a peer's connection drops.
    removeAwarenessStates(bob.awareness, [carol.awareness.clientID], NETWORK);
    expect(presences(bob.store)).toEqual([]);
  });

  it('sends at most one awareness update per throttle interval while the pointer moves', async () => {
    const alice = client(ALICE, 80);
    const updates: unknown[] = [];
    alice.awareness.on('update', (_changes: unknown, origin: unknown) => updates.push(origin));
    alice.bind();
    await settle();
    updates.length = 0;

    // One second of pointer moves at ~100 Hz.
    for (let i = 1; i <= 100; i++) {
      await vi.advanceTimersByTimeAsync(10);
      movePointer(alice.store, i, i);
    }
    await vi.advanceTimersByTimeAsync(100);

    expect(updates.length).toBeGreaterThanOrEqual(10);
    expect(updates.length).toBeLessThanOrEqual(14);
    const state = alice.awareness.getLocalState() as { presence: TLInstancePresence };
    expect(state.presence.cursor).toMatchObject({ x: 100, y: 100 });
  });

  it('ignores peers whose awareness state is not a presence', async () => {
    const bob = client(BOB);
    const stranger = new Awareness(new Y.Doc());
    cleanups.push(() => stranger.destroy());
    linkAwareness(stranger, bob.awareness);
    bob.bind();

    stranger.setLocalState({ presence: { cursor: 'nope' } });
    stranger.setLocalState({ something: 'else' });
    await settle();
    expect(presences(bob.store)).toEqual([]);
  });
});
