import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';

/** A store under test, and how to get a fresh handle on the same data (as after a restart). */
export interface DocStoreHarness {
  readonly store: DocStore;
  /** Closes this handle and opens the same data again. */
  reopen(): Promise<DocStore>;
  /** Runs any pending background compaction of `docName` now. */
  compact(docName: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens a store on fresh, empty data; `compactAfter` as in the storages' options. */
export type OpenDocStore = (options: { compactAfter?: number }) => Promise<DocStoreHarness>;

function setting(doc: Y.Doc, key: string, value: unknown): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.getMap('m').set(key, value);
  doc.off('update', capture);
  return update!;
}

function replay(updates: readonly Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
}

/**
 * What every {@link DocStore} must do, as a vitest suite; each storage package runs it
 * against its own store (SQLite, PostgreSQL).
 */
export function describeDocStoreContract(name: string, open: OpenDocStore): void {
  describe(`${name} (DocStore contract)`, () => {
    const open_: DocStoreHarness[] = [];
    const start = async (options: { compactAfter?: number } = {}) => {
      const harness = await open(options);
      open_.push(harness);
      return harness;
    };
    afterEach(async () => {
      for (const h of open_.splice(0)) await h.close();
    });

    it('returns appended updates of each document after reopening', async () => {
      const h = await start();
      const doc = new Y.Doc();
      for (let i = 0; i < 10; i++) await h.store.append([{ docName: 'a', updates: [setting(doc, `k${i}`, i)] }]);
      await h.store.append([
        { docName: 'b', updates: [setting(new Y.Doc(), 'other', 1)] },
        { docName: 'a/session', updates: [setting(new Y.Doc(), 'sub', true)] },
      ]);
      const reopened = await h.reopen();
      expect(replay(await reopened.load('a'))).toEqual(doc.getMap('m').toJSON());
      expect(replay(await reopened.load('b'))).toEqual({ other: 1 });
      expect(replay(await reopened.load('a/session'))).toEqual({ sub: true });
      expect(await reopened.load('nothing')).toEqual([]);
    });

    it('keeps everything when it compacts the log', async () => {
      const h = await start({ compactAfter: 20 });
      const doc = new Y.Doc();
      for (let i = 0; i < 75; i++) await h.store.append([{ docName: 'a', updates: [setting(doc, `k${i % 13}`, i)] }]);
      await h.compact('a');
      const loaded = await h.store.load('a');
      expect(loaded.length).toBeLessThan(21);
      expect(replay(loaded)).toEqual(doc.getMap('m').toJSON());
      expect(replay(await (await h.reopen()).load('a'))).toEqual(doc.getMap('m').toJSON());
    });

    it('deletes a document and its sub-documents, and nothing else', async () => {
      const h = await start();
      const write = (docName: string) => h.store.append([{ docName, updates: [setting(new Y.Doc(), 'x', docName)] }]);
      for (const docName of ['a', 'a/session', 'a/private/m1', 'ab', 'a-b', 'a_b', 'b/a']) await write(docName);
      await h.store.deleteTree('a');
      for (const gone of ['a', 'a/session', 'a/private/m1']) expect(await h.store.load(gone)).toEqual([]);
      for (const kept of ['ab', 'a-b', 'a_b', 'b/a']) expect(replay(await h.store.load(kept))).toEqual({ x: kept });
    });

    it('reads only what was stored after a cursor, across compactions', async (context) => {
      const h = await start({ compactAfter: 10 });
      if (!h.store.readSince) {
        context.skip();
        return;
      }
      const doc = new Y.Doc();
      const first = await h.store.readSince('a', undefined);
      expect(first.updates).toEqual([]);
      await h.store.append([{ docName: 'a', updates: [setting(doc, 'one', 1)] }]);
      const all = await h.store.readSince('a', undefined);
      expect(replay(all.updates)).toEqual({ one: 1 });
      const none = await h.store.readSince('a', all.cursor);
      expect(none.updates).toEqual([]);
      expect(none.cursor).toBe(all.cursor);
      for (let i = 0; i < 30; i++) await h.store.append([{ docName: 'a', updates: [setting(doc, `k${i % 4}`, i)] }]);
      await h.compact('a');
      const after = await h.store.readSince('a', all.cursor);
      const reader = new Y.Doc();
      for (const u of all.updates) Y.applyUpdate(reader, u);
      for (const u of after.updates) Y.applyUpdate(reader, u);
      // Another handle on the same data appended nothing itself, so it gets every update.
      const other = await h.reopen();
      const fromOther = await other.readSince!('a', all.cursor);
      for (const u of fromOther.updates) Y.applyUpdate(reader, u);
      expect(reader.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
      expect(after.cursor).toBeGreaterThan(all.cursor);
    });
  });
}
