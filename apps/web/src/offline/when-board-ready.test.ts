import { RECORDS_MAP_NAME } from '@talkoot/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { whenBoardReady } from './when-board-ready.ts';

/** A provider that syncs when told to. */
function fakeProvider() {
  const handlers = new Set<(synced: boolean) => void>();
  return {
    synced: false,
    on: (_event: 'sync', handler: (synced: boolean) => void) => handlers.add(handler),
    off: (_event: 'sync', handler: (synced: boolean) => void) => handlers.delete(handler),
    sync() {
      this.synced = true;
      for (const handler of [...handlers]) handler(true);
    },
  };
}

const settled = <T>(promise: Promise<T>) => {
  const state: { value?: T; error?: unknown } = {};
  promise.then(
    (value) => (state.value = value),
    (error: unknown) => (state.error = error),
  );
  return state;
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('whenBoardReady', () => {
  it('is ready from the device when the local copy loads with records', async () => {
    const doc = new Y.Doc();
    doc.getMap(RECORDS_MAP_NAME).set('page:page', { id: 'page:page' });
    expect(await whenBoardReady({ doc, provider: fakeProvider(), localLoaded: Promise.resolve() })).toBe('device');
  });

  it('waits for the server when the local copy is empty, so an unsynced doc is never seeded', async () => {
    const doc = new Y.Doc();
    const provider = fakeProvider();
    const ready = settled(whenBoardReady({ doc, provider, localLoaded: Promise.resolve() }));
    await flush();
    expect(ready.value).toBeUndefined();
    provider.sync();
    await flush();
    expect(ready.value).toBe('server');
  });

  it('waits for the server when there is no local copy or it fails to load', async () => {
    const provider = fakeProvider();
    const without = settled(whenBoardReady({ doc: new Y.Doc(), provider }));
    const failing = settled(
      whenBoardReady({ doc: new Y.Doc(), provider, localLoaded: Promise.reject(new Error('quota')) }),
    );
    await flush();
    expect(without.value).toBeUndefined();
    expect(failing.value).toBeUndefined();
    provider.sync();
    await flush();
    expect(without.value).toBe('server');
    expect(failing.value).toBe('server');
  });

  it('is ready from the server when that comes first', async () => {
    const doc = new Y.Doc();
    doc.getMap(RECORDS_MAP_NAME).set('page:page', { id: 'page:page' });
    const provider = fakeProvider();
    provider.sync();
    expect(await whenBoardReady({ doc, provider, localLoaded: new Promise(() => {}) })).toBe('server');
  });

  it('rejects when aborted, even if the local copy loads afterwards', async () => {
    const doc = new Y.Doc();
    doc.getMap(RECORDS_MAP_NAME).set('page:page', { id: 'page:page' });
    const abort = new AbortController();
    let load!: () => void;
    const ready = settled(
      whenBoardReady({
        doc,
        provider: fakeProvider(),
        localLoaded: new Promise<void>((resolve) => (load = resolve)),
        signal: abort.signal,
      }),
    );
    abort.abort(new Error('unmounted'));
    load();
    await flush();
    expect(ready.value).toBeUndefined();
    expect(ready.error).toEqual(new Error('unmounted'));
  });
});
