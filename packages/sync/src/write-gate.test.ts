import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_WRITE_LIMITS, inspectUpdate, type GateVerdict } from './write-gate.ts';

const gate = (server: Y.Doc, update: Uint8Array, isForeign?: (client: number) => boolean): GateVerdict =>
  inspectUpdate(server, Y.decodeUpdate(update), DEFAULT_WRITE_LIMITS, isForeign);

/** A client doc that starts from the server's state. */
function clientOf(server: Y.Doc, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  return doc;
}

/** What `doc` has that `since` (a state vector) lacks. */
const diff = (doc: Y.Doc, since: Uint8Array) => Y.encodeStateAsUpdate(doc, since);

const accept = (server: Y.Doc, update: Uint8Array) => {
  const verdict = gate(server, update);
  if (!verdict.ok) throw new Error(`refused: ${verdict.reason} ${verdict.detail}`);
  Y.applyUpdate(server, update);
  expect(server.store.pendingStructs).toBeNull();
  expect(server.store.pendingDs).toBeNull();
  return verdict.changes;
};

describe('inspectUpdate', () => {
  it('accepts ordinary edits and says which entries they change', () => {
    const server = new Y.Doc();
    const client = clientOf(server);
    const before = Y.encodeStateVector(client);
    client.getMap('tl_records').set('shape:a', { id: 'shape:a', parentId: 'page:p' });
    const changes = accept(server, diff(client, before));
    expect(changes.entries).toEqual([
      { root: 'tl_records', key: 'shape:a', kind: 'set', value: { id: 'shape:a', parentId: 'page:p' }, isType: false },
    ]);
    expect([...changes.writers]).toEqual([client.clientID]);
    expect(changes.adds).toBe(true);

    const sv = Y.encodeStateVector(client);
    client.getMap('tl_records').set('shape:a', { id: 'shape:a', parentId: 'shape:f' });
    expect(accept(server, diff(client, sv)).entries).toMatchObject([{ key: 'shape:a', kind: 'set' }]);

    const sv2 = Y.encodeStateVector(client);
    client.getMap('tl_records').delete('shape:a');
    const deleted = accept(server, diff(client, sv2));
    expect(deleted.entries).toEqual([{ root: 'tl_records', key: 'shape:a', kind: 'deleted' }]);
    expect(deleted.adds).toBe(false);
  });

  it('reads a value written and deleted again offline as a deletion of the key, not a set', () => {
    const server = new Y.Doc();
    const client = clientOf(server);
    client.getMap('tl_records').set('shape:a', { id: 'shape:a', v: 1 });
    accept(server, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(client);
    // Offline: two writes; the first is overwritten (and collected) before the server sees it.
    client.getMap('tl_records').set('shape:a', { id: 'shape:a', v: 2 });
    client.getMap('tl_records').set('shape:a', { id: 'shape:a', v: 3 });
    const changes = accept(server, diff(client, sv));
    expect(changes.entries.filter((entry) => entry.kind === 'set').map((entry) => entry.value)).toEqual([
      { id: 'shape:a', v: 3 },
    ]);
    expect(server.getMap('tl_records').get('shape:a')).toEqual({ id: 'shape:a', v: 3 });
  });

  it('names the top-level entry of a change inside a nested map', () => {
    const server = new Y.Doc();
    const client = clientOf(server);
    const entry = new Y.Map<unknown>();
    client.getMap('action_plan').set('m1', entry);
    entry.set('title', 'Language café');
    accept(server, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(client);
    entry.set('title', 'Language café on Tuesdays');
    const changes = accept(server, diff(client, sv));
    expect(changes.entries).toEqual([{ root: 'action_plan', key: 'm1', kind: 'nested' }]);
    const sv2 = Y.encodeStateVector(client);
    entry.delete('title');
    expect(accept(server, diff(client, sv2)).entries).toEqual([{ root: 'action_plan', key: 'm1', kind: 'nested' }]);
  });

  it('lists each added item with its depth, field and content, and each text with its length after', () => {
    const server = new Y.Doc();
    const client = clientOf(server);
    const entry = new Y.Map<unknown>();
    client.getMap('action_plan').set('m1', entry);
    const title = new Y.Text('Vantaa unit');
    entry.set('title', title);
    entry.set('order', 1);
    const changes = accept(server, Y.encodeStateAsUpdate(client));
    expect(changes.items).toEqual(
      expect.arrayContaining([
        { root: 'action_plan', key: 'm1', depth: 1, field: null, content: 'map' },
        { root: 'action_plan', key: 'm1', depth: 2, field: 'title', content: 'text' },
        { root: 'action_plan', key: 'm1', depth: 2, field: 'order', content: 'json', value: 1 },
        { root: 'action_plan', key: 'm1', depth: 3, field: 'title', content: 'string' },
      ]),
    );
    expect(changes.texts).toEqual([{ root: 'action_plan', key: 'm1', depth: 3, field: 'title', length: 11 }]);

    // Typing into the text the server has: its field comes from the neighbour the letters follow.
    const sv = Y.encodeStateVector(client);
    title.insert(7, 'city ');
    const typed = accept(server, diff(client, sv));
    expect(typed.items).toEqual([{ root: 'action_plan', key: 'm1', depth: 3, field: 'title', content: 'string' }]);
    expect(typed.texts).toEqual([{ root: 'action_plan', key: 'm1', depth: 3, field: 'title', length: 16 }]);

    // Replacing all of it in one transaction: the deletions count too.
    const sv2 = Y.encodeStateVector(client);
    client.transact(() => {
      title.delete(0, title.length);
      title.insert(0, 'Kela');
    });
    expect(accept(server, diff(client, sv2)).texts).toMatchObject([{ field: 'title', length: 4 }]);

    // Text inserted and deleted before it reaches the server does not count.
    const sv3 = Y.encodeStateVector(client);
    client.transact(() => {
      title.insert(4, 'x'.repeat(50));
      title.delete(4, 50);
    });
    expect(accept(server, diff(client, sv3)).texts).toMatchObject([{ field: 'title', length: 4 }]);
  });

  it('counts a delete range listed twice once', () => {
    const server = new Y.Doc();
    const client = clientOf(server);
    const text = new Y.Text('abcdef');
    client.getMap('action_plan').set('m1', text);
    accept(server, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(client);
    text.delete(0, 3);
    const update = diff(client, sv);
    const decoded = Y.decodeUpdate(update);
    const ranges = decoded.ds.clients.get(client.clientID)!;
    ranges.push(...ranges.map((r) => ({ clock: r.clock, len: r.len }) as (typeof ranges)[number]));
    const verdict = inspectUpdate(server, decoded);
    expect(verdict.ok && verdict.changes.texts).toMatchObject([{ length: 3 }]);
  });

  it('refuses shared types nested deeper than the limit, also when built in steps', () => {
    const server = new Y.Doc();
    const client = clientOf(server);
    let parent = new Y.Map<unknown>();
    client.getMap('tl_records').set('deep', parent);
    for (let depth = 2; depth <= 20; depth++) {
      const child = new Y.Map<unknown>();
      parent.set('x', child);
      parent = child;
    }
    const verdict = gate(server, Y.encodeStateAsUpdate(client));
    expect(verdict).toMatchObject({ ok: false, reason: 'too-deep' });

    // Within the limit it is accepted; one more level in a later update is not.
    const stepwise = clientOf(server);
    let last = new Y.Map<unknown>();
    stepwise.getMap('tl_records').set('steps', last);
    for (let depth = 2; depth <= DEFAULT_WRITE_LIMITS.maxTypeDepth; depth++) {
      const child = new Y.Map<unknown>();
      last.set('x', child);
      last = child;
    }
    accept(server, Y.encodeStateAsUpdate(stepwise));
    const sv = Y.encodeStateVector(stepwise);
    last.set('x', new Y.Map());
    expect(gate(server, diff(stepwise, sv))).toMatchObject({ ok: false, reason: 'too-deep' });
  });

  it('refuses a delete set for clocks the server has not seen', () => {
    const server = new Y.Doc();
    const victim = clientOf(server, 1234);
    const sv = Y.encodeStateVector(victim);
    victim.getMap('tl_records').set('future', 1);
    victim.getMap('tl_records').delete('future');
    // Only the delete set: the victim's future note.
    const update = Y.mergeUpdates([diff(victim, sv)]);
    const onlyDeletes = Y.encodeStateAsUpdate(victim, Y.encodeStateVector(victim));
    expect(Y.decodeUpdate(onlyDeletes).ds.clients.size).toBe(1);
    expect(gate(server, onlyDeletes)).toMatchObject({ ok: false, reason: 'pending' });
    // With the structs it deletes, it is fine.
    accept(server, update);
  });

  it('refuses structs under the server client id and structs after a gap', () => {
    const server = new Y.Doc();
    const forger = clientOf(server, server.clientID);
    forger.getMap('tl_records').set('a', 1);
    expect(gate(server, Y.encodeStateAsUpdate(forger))).toMatchObject({ ok: false, reason: 'server-client' });
    const sv = Y.encodeStateVector(forger);
    forger.getMap('tl_records').set('b', 2);
    // The next-but-one clock: pending until the server writes clock 0 itself.
    expect(gate(server, diff(forger, sv))).toMatchObject({ ok: false, reason: 'pending' });

    const other = clientOf(server, 77);
    other.getMap('tl_records').set('a', 1);
    const sv2 = Y.encodeStateVector(other);
    other.getMap('tl_records').set('b', 2);
    expect(gate(server, diff(other, sv2))).toMatchObject({ ok: false, reason: 'pending' });
  });

  it('refuses an item whose origin the server has not seen', () => {
    const server = new Y.Doc();
    const a = clientOf(server, 10);
    a.getMap('tl_records').set('k', 1);
    const b = clientOf(a, 11);
    const sv = Y.encodeStateVector(b);
    b.getMap('tl_records').set('k', 2); // its origin is a's item, which the server lacks
    expect(gate(server, diff(b, sv))).toMatchObject({ ok: false, reason: 'pending' });
    accept(server, Y.encodeStateAsUpdate(a));
    accept(server, diff(b, sv));
  });

  it('refuses new content under a client id another member owns', () => {
    const server = new Y.Doc();
    const client = clientOf(server, 42);
    client.getMap('tl_records').set('k', 1);
    const update = Y.encodeStateAsUpdate(client);
    expect(gate(server, update, (id) => id === 42)).toMatchObject({ ok: false, reason: 'foreign-client' });
    accept(server, update);
    // Known content under that id (a re-sent sync step 2) is not new.
    expect(gate(server, update, (id) => id === 42).ok).toBe(true);
  });

  it('refuses a delete set that splits an item into too many pieces', () => {
    const server = new Y.Doc();
    const writer = clientOf(server, 5);
    writer.getText('t').insert(0, 'x'.repeat(10_000));
    accept(server, Y.encodeStateAsUpdate(writer));
    const attacker = clientOf(server, 6);
    const sv = Y.encodeStateVector(attacker);
    attacker.transact(() => {
      for (let i = 9_998; i > 0; i -= 2) attacker.getText('t').delete(i, 1);
    });
    expect(gate(server, diff(attacker, sv))).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('accepts an insert into a map that was deleted meanwhile (Yjs collects it)', () => {
    const server = new Y.Doc();
    const a = clientOf(server, 1);
    const entry = new Y.Map<unknown>();
    a.getMap('action_plan').set('m', entry);
    accept(server, Y.encodeStateAsUpdate(a));
    const b = clientOf(server, 2);
    const svA = Y.encodeStateVector(a);
    a.getMap('action_plan').delete('m');
    accept(server, diff(a, svA));
    const svB = Y.encodeStateVector(b);
    (b.getMap('action_plan').get('m') as Y.Map<unknown>).set('title', 'late');
    accept(server, diff(b, svB));
  });

  it('never accepts an update that Yjs would keep pending (property)', () => {
    // Random edits by three clients, delivered to the server as random (often out-of-order)
    // slices: whatever the gate accepts integrates completely.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 5 }), fc.boolean()), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }),
        (edits, picks) => {
          const server = new Y.Doc();
          const clients = [1, 2, 3].map((id) => clientOf(server, id));
          const slices: Uint8Array[] = [];
          for (const [who, key, remove] of edits) {
            const doc = clients[who]!;
            const sv = Y.encodeStateVector(doc);
            if (remove) doc.getMap('m').delete(`k${key}`);
            else doc.getMap('m').set(`k${key}`, key);
            slices.push(diff(doc, sv));
            // Clients sometimes see each other's edits (as through the server).
            const other = clients[(who + 1) % 3]!;
            Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
          }
          for (const pick of picks) {
            const slice = slices[pick % slices.length]!;
            const verdict = gate(server, slice);
            if (verdict.ok) {
              Y.applyUpdate(server, slice);
              if (server.store.pendingStructs !== null || server.store.pendingDs !== null) return false;
            }
          }
          // Everything, in order, is accepted.
          for (const slice of slices) {
            const verdict = gate(server, slice);
            if (!verdict.ok) return false;
            Y.applyUpdate(server, slice);
          }
          return server.store.pendingStructs === null && server.store.pendingDs === null;
        },
      ),
      { seed: Number(process.env.FUZZ_SEED ?? 20261203), numRuns: 300 },
    );
  });
});
