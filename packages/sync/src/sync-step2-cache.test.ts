import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep2 } from './messages.ts';
import { SyncStep2Cache } from './sync-step2-cache.ts';

describe('SyncStep2Cache', () => {
  it('encodes the answer for a state vector once while the document is unchanged', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'x'.repeat(1000));
    const cache = new SyncStep2Cache(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = cache.answer(empty);
    expect(cache.answer(new Uint8Array(empty))).toBe(first);
    expect(first).toEqual(encodeSyncStep2(doc, empty));
    // Another client's state vector gets its own answer.
    const partial = Y.encodeStateVector(doc);
    expect(cache.answer(partial)).toEqual(encodeSyncStep2(doc, partial));
    // A change drops what was kept: the next answer has it.
    doc.getMap('m').set('k2', 2);
    const after = cache.answer(empty);
    expect(after).not.toBe(first);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    expect(after).toEqual(encodeSyncStep2(doc, empty));
    cache.stop();
  });
});
