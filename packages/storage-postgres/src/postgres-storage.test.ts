import { describeBoardDirectoryContract } from '@talkoot/boards/testing';
import { describeDocStoreContract } from '@talkoot/sync/testing';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage, type PostgresStorage } from './postgres-storage.ts';
import { createTestSchema, requirePostgres, type TestSchema } from './testing.ts';

const available = await requirePostgres();

function setting(doc: Y.Doc, key: string, value: unknown): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.getMap('m').set(key, value);
  doc.off('update', capture);
  return update!;
}

function replay(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

if (available) {
  describeDocStoreContract('PostgresDocStore', async ({ compactAfter }) => {
    const schema = await createTestSchema();
    let storage = await openPostgresStorage(schema.url, { compactAfter });
    return {
      get store() {
        return storage.docs;
      },
      reopen: async () => {
        await storage.close();
        storage = await openPostgresStorage(schema.url, { compactAfter });
        return storage.docs;
      },
      compact: async (docName) => {
        await storage.docs.compact(docName);
      },
      close: async () => {
        await storage.close();
        await schema.drop();
      },
    };
  });

  describeBoardDirectoryContract('PostgresBoardDirectory', async () => {
    const schema = await createTestSchema();
    const storage = await openPostgresStorage(schema.url);
    return {
      directory: storage.boards,
      close: async () => {
        await storage.close();
        await schema.drop();
      },
    };
  });
}

describe.skipIf(!available)('PostgresDocStore shared by several instances', () => {
  const schemas: TestSchema[] = [];
  const storages: PostgresStorage[] = [];
  /** Two stores on one fresh schema, as two server instances would have. */
  const twoInstances = async (compactAfter = 1_000_000) => {
    const schema = await createTestSchema();
    schemas.push(schema);
    const [one, two] = await Promise.all([
      openPostgresStorage(schema.url, { compactAfter }),
      openPostgresStorage(schema.url, { compactAfter }),
    ]);
    storages.push(one, two);
    return [one, two] as const;
  };
  afterAll(async () => {
    for (const s of storages) await s.close();
    for (const s of schemas) await s.drop();
  });

  it('loses nothing and never shows a log without its snapshot while two instances compact at once', async () => {
    const [one, two] = await twoInstances();
    const doc = new Y.Doc();
    const acknowledged = new Set<string>();
    let writing = true;
    let compactions = 0;
    let loads = 0;
    const writer = (async () => {
      for (let i = 0; i < 200; i++) {
        const key = `k${i}`;
        await (i % 2 ? one : two).docs.append([{ docName: 'board', updates: [setting(doc, key, i)] }]);
        acknowledged.add(key);
      }
      writing = false;
    })();
    const compactor = (store: PostgresStorage) =>
      (async () => {
        while (writing) {
          // Both instances compact the same document at the same moment.
          if (await store.docs.compact('board')) compactions++;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
    const loader = (async () => {
      while (writing) {
        const before = [...acknowledged];
        const loaded = replay(await (loads % 2 ? one : two).docs.load('board')).getMap('m');
        for (const key of before) expect(loaded.has(key), `${key} after ${loads} loads`).toBe(true);
        loads++;
      }
    })();
    await Promise.all([writer, compactor(one), compactor(two), compactor(one), loader]);
    expect(compactions).toBeGreaterThan(1);
    expect(loads).toBeGreaterThan(1);
    const final = replay(await one.docs.load('board'));
    expect(final.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    console.log(`postgres: ${compactions} compactions and ${loads} loads during 200 appends from two instances`);
  });

  it('lets a reader that follows a cursor see every row that two instances append concurrently', async () => {
    const [one, two] = await twoInstances();
    const reader = new Y.Doc();
    let cursor: number | undefined;
    let writing = true;
    const docs = [new Y.Doc(), new Y.Doc()];
    const write = async (storage: PostgresStorage, doc: Y.Doc, name: string) => {
      for (let i = 0; i < 150; i++) {
        await storage.docs.append([{ docName: 'board', updates: [setting(doc, `${name}${i}`, i)] }]);
      }
    };
    // A third handle, as another instance that appended nothing itself.
    const third = await openPostgresStorage(schemas.at(-1)!.url);
    storages.push(third);
    const follow = (async () => {
      while (writing) {
        const tail = await third.docs.readSince('board', cursor);
        for (const u of tail.updates) Y.applyUpdate(reader, u);
        cursor = tail.cursor;
      }
    })();
    await Promise.all([write(one, docs[0]!, 'one'), write(two, docs[1]!, 'two')]);
    writing = false;
    await follow;
    const tail = await third.docs.readSince('board', cursor);
    for (const u of tail.updates) Y.applyUpdate(reader, u);
    expect(reader.getMap('m').size).toBe(300);
    // The reader got nothing twice that it had not asked for: no pending structs left.
    expect(reader.store.pendingStructs).toBeNull();
  });

  it('compacts a long log into one snapshot that loads the same document', async () => {
    const [one] = await twoInstances();
    const doc = new Y.Doc();
    for (let i = 0; i < 500; i++)
      await one.docs.append([{ docName: 'long', updates: [setting(doc, `k${i % 50}`, i)] }]);
    const before = performance.now();
    expect(await one.docs.compact('long')).toBe(true);
    const took = performance.now() - before;
    expect(await one.docs.pendingUpdates('long')).toBe(0);
    const loadStart = performance.now();
    const loaded = await one.docs.load('long');
    const loadTook = performance.now() - loadStart;
    expect(loaded).toHaveLength(1);
    expect(replay(loaded).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    console.log(
      `postgres: compacting 500 updates took ${took.toFixed(1)} ms; loading the snapshot ${loadTook.toFixed(1)} ms`,
    );
  });

  it('runs exclusive tasks on one document one at a time across instances', async () => {
    const [one, two] = await twoInstances();
    let inside = 0;
    let most = 0;
    const task = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? one : two).docs.exclusive('board', task)));
    expect(most).toBe(1);
    // Other documents are not held up by it.
    let otherRan = false;
    await one.docs.exclusive('board', () =>
      two.docs.exclusive('other', async () => {
        otherRan = true;
      }),
    );
    expect(otherRan).toBe(true);
  });

  it('keeps a document deleted when an instance compacts it at the same time', async () => {
    const [one, two] = await twoInstances();
    for (let round = 0; round < 20; round++) {
      const docName = `gone-${round}`;
      const doc = new Y.Doc();
      for (let i = 0; i < 20; i++) await one.docs.append([{ docName, updates: [setting(doc, `k${i}`, i)] }]);
      await Promise.all([two.docs.compact(docName), one.docs.deleteTree(docName)]);
      expect(await one.docs.load(docName)).toEqual([]);
    }
  });

  it('migrates once when instances start at the same time', async () => {
    const schema = await createTestSchema();
    schemas.push(schema);
    const opened = await Promise.all([1, 2, 3].map(() => openPostgresStorage(schema.url)));
    storages.push(...opened);
    const doc = new Y.Doc();
    await opened[0]!.docs.append([{ docName: 'a', updates: [setting(doc, 'k', 1)] }]);
    expect(
      replay(await opened[2]!.docs.load('a'))
        .getMap('m')
        .get('k'),
    ).toBe(1);
  });
});
