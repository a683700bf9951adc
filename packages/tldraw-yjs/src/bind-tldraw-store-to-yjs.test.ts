import {
  createMigrationIds,
  createMigrationSequence,
  DocumentRecordType,
  TLDOCUMENT_ID,
  type TLRecord,
  type TLShape,
  type TLStore,
} from 'tldraw';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  bindTldrawStoreToYjs,
  META_MAP_NAME,
  RECORDS_MAP_NAME,
  SCHEMA_KEY,
  type TldrawYjsBinding,
} from './bind-tldraw-store-to-yjs.ts';
import { Awareness } from 'y-protocols/awareness';
import { presenceIdForClient } from './bind-presence-to-awareness.ts';
import {
  countTransactions,
  createTestStore,
  DEFAULT_PAGE_ID,
  linkAwareness,
  linkDocs,
  makeShape,
  NETWORK,
} from './testing.ts';

const SHAPE_TYPES = ['geo', 'note', 'text', 'arrow', 'draw'] as const;

const bindings: TldrawYjsBinding[] = [];
const bind = (...args: Parameters<typeof bindTldrawStoreToYjs>) => {
  const binding = bindTldrawStoreToYjs(...args);
  bindings.push(binding);
  return binding;
};
afterEach(() => {
  for (const binding of bindings.splice(0)) binding.dispose();
});

const shapesOf = (store: TLStore) =>
  store
    .allRecords()
    .filter((record): record is TLShape => record.typeName === 'shape')
    .sort((a, b) => a.id.localeCompare(b.id));

const docRecords = (doc: Y.Doc) => doc.getMap<TLRecord>(RECORDS_MAP_NAME).toJSON() as Record<string, TLRecord>;

/** Two clients on one board: A binds first (and seeds), then B joins the synced doc. */
function twoClients() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  const storeA = createTestStore();
  const storeB = createTestStore();
  const a = bind({ store: storeA, doc: docA });
  linkDocs(docA, docB);
  const b = bind({ store: storeB, doc: docB });
  return { docA, docB, storeA, storeB, a, b };
}

describe('bindTldrawStoreToYjs', () => {
  it('converges two clients when shapes of every kind are created, updated and deleted', () => {
    const { docA, docB, storeA, storeB } = twoClients();

    const created = SHAPE_TYPES.map((type, i) => makeShape(storeA, type, i * 100));
    storeA.put(created);
    expect(shapesOf(storeB)).toEqual(shapesOf(storeA));
    expect(
      shapesOf(storeB)
        .map((shape) => shape.type)
        .sort(),
    ).toEqual([...SHAPE_TYPES].sort());

    storeB.put(
      created.map((shape) => ({ ...shape, x: shape.x + 5, y: 42, props: { ...shape.props, color: 'red' } }) as TLShape),
    );
    expect(
      shapesOf(storeA).every((shape) => shape.y === 42 && (shape.props as { color: string }).color === 'red'),
    ).toBe(true);
    expect(shapesOf(storeA)).toEqual(shapesOf(storeB));

    storeA.remove([created[0]!.id, created[2]!.id]);
    expect(shapesOf(storeB).map((shape) => shape.id)).toEqual(shapesOf(storeA).map((shape) => shape.id));
    expect(shapesOf(storeB)).toHaveLength(3);

    expect(storeA.serialize('document')).toEqual(storeB.serialize('document'));
    expect(docRecords(docA)).toEqual(storeA.serialize('document'));
    expect(docRecords(docB)).toEqual(docRecords(docA));
  });

  it('does not echo remote changes back into the doc', () => {
    const { docB, storeA, b } = twoClients();
    const echoes = countTransactions(docB, b.localOrigin);
    const updatesFromB: unknown[] = [];
    docB.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== NETWORK) updatesFromB.push(origin);
    });

    const shape = makeShape(storeA, 'note');
    storeA.put([shape]);
    storeA.update(shape.id, (record) => ({ ...record, x: 300 }));
    storeA.remove([shape.id]);

    expect(echoes.count).toBe(0);
    expect(updatesFromB).toEqual([]);
  });

  it('writes one transaction per batch of local changes', () => {
    const docA = new Y.Doc();
    const storeA = createTestStore();
    const a = bind({ store: storeA, doc: docA });
    const local = countTransactions(docA, a.localOrigin);

    storeA.put(SHAPE_TYPES.map((type) => makeShape(storeA, type)));

    expect(local.count).toBe(1);
    expect(Object.values(docRecords(docA)).filter((record) => record.typeName === 'shape')).toHaveLength(5);
  });

  it('seeds an empty board with the fixed document and page records and the schema', () => {
    const doc = new Y.Doc();
    const store = createTestStore();
    bind({ store, doc });

    const records = docRecords(doc);
    expect(Object.keys(records).sort()).toEqual([TLDOCUMENT_ID, DEFAULT_PAGE_ID].sort());
    expect(doc.getMap(META_MAP_NAME).get(SCHEMA_KEY)).toEqual(store.schema.serialize());
    expect(store.get('instance:instance' as TLRecord['id'])).toMatchObject({ currentPageId: DEFAULT_PAGE_ID });
  });

  it('converges to one page when two clients seed an empty board at the same time', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const storeA = createTestStore();
    const storeB = createTestStore();
    bind({ store: storeA, doc: docA });
    bind({ store: storeB, doc: docB });
    const noteA = makeShape(storeA, 'note');
    storeA.put([noteA]);

    linkDocs(docA, docB);

    const pages = (store: TLStore) => store.allRecords().filter((record) => record.typeName === 'page');
    expect(pages(storeA).map((page) => page.id)).toEqual([DEFAULT_PAGE_ID]);
    expect(pages(storeB).map((page) => page.id)).toEqual([DEFAULT_PAGE_ID]);
    expect(storeB.get(noteA.id)).toEqual(noteA);
    expect(storeA.serialize('document')).toEqual(storeB.serialize('document'));
    expect(docRecords(docA)).toEqual(docRecords(docB));
  });

  it('loads an existing board without writing to it', () => {
    const docA = new Y.Doc();
    const storeA = createTestStore();
    bind({ store: storeA, doc: docA });
    const geo = makeShape(storeA, 'geo');
    storeA.put([geo]);

    const docB = new Y.Doc();
    const writesByB: unknown[] = [];
    docB.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== NETWORK) writesByB.push(origin);
    });
    linkDocs(docA, docB);
    const storeB = createTestStore();
    bind({ store: storeB, doc: docB });

    expect(storeB.get(geo.id)).toEqual(geo);
    expect(writesByB).toEqual([]);
  });

  it('replaces document records the store had that the doc does not', () => {
    const doc = new Y.Doc();
    const seeded = createTestStore();
    bind({ store: seeded, doc });

    const store = createTestStore();
    store.mergeRemoteChanges(() => {}); // lets tldraw create the default page
    const orphan = makeShape(store, 'geo');
    store.put([orphan]);
    bind({ store, doc });

    expect(store.get(orphan.id)).toBeUndefined();
    expect(docRecords(doc)[orphan.id]).toBeUndefined();
  });

  it('follows the doc but never writes to it when read-only', () => {
    const docA = new Y.Doc();
    const storeA = createTestStore();
    bind({ store: storeA, doc: docA });
    const docB = new Y.Doc();
    linkDocs(docA, docB);
    const storeB = createTestStore();
    const b = bind({ store: storeB, doc: docB, readOnly: true });
    const before = Y.encodeStateVector(docB);

    storeB.put([makeShape(storeB, 'note')]);
    expect(Y.encodeStateVector(docB)).toEqual(before);
    expect(shapesOf(storeA)).toEqual([]);

    const geo = makeShape(storeA, 'geo');
    storeA.put([geo]);
    expect(storeB.get(geo.id)).toEqual(geo);
    expect(b.status.get()).toEqual({ kind: 'synced', readOnly: true });
  });

  it('does not write default records into an empty doc when read-only', () => {
    const doc = new Y.Doc();
    const store = createTestStore();
    bind({ store, doc, readOnly: true });

    expect(doc.getMap(RECORDS_MAP_NAME).size).toBe(0);
    expect(doc.getMap(META_MAP_NAME).size).toBe(0);
    // The client still has a usable page of its own until a writer seeds the board.
    expect(store.get(DEFAULT_PAGE_ID)).toBeDefined();
  });

  it('skips records from peers that fail validation and keeps syncing', () => {
    const docA = new Y.Doc();
    bind({ store: createTestStore(), doc: docA, onError: () => {} });
    const errors: unknown[] = [];
    const docC = new Y.Doc();
    linkDocs(docA, docC);
    const storeC = createTestStore();
    bind({ store: storeC, doc: docC, onError: (error) => errors.push(error) });

    const broken = { ...makeShape(storeC, 'geo'), props: { nonsense: true } };
    const fine = makeShape(storeC, 'note');
    docA.transact(() => {
      docA.getMap(RECORDS_MAP_NAME).set(broken.id, broken);
      docA.getMap(RECORDS_MAP_NAME).set(fine.id, fine);
      docA.getMap(RECORDS_MAP_NAME).set('instance:instance', { id: 'instance:instance', typeName: 'instance' });
    });

    expect(storeC.get(fine.id)).toEqual(fine);
    expect(storeC.get(broken.id)).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('shares presence through awareness, not through the doc', async () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const awarenessA = new Awareness(docA);
    const awarenessB = new Awareness(docB);
    linkDocs(docA, docB);
    linkAwareness(awarenessA, awarenessB);
    const storeA = createTestStore();
    const storeB = createTestStore();
    bind({ store: storeA, doc: docA, awareness: awarenessA, user: { id: 'a', name: 'Amal', color: '#e03131' } });
    bind({ store: storeB, doc: docB, awareness: awarenessB, user: { id: 'b', name: 'Bo', color: '#1971c2' } });
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(storeB.get(presenceIdForClient(awarenessA.clientID))).toMatchObject({ userName: 'Amal' });
    expect(storeA.get(presenceIdForClient(awarenessB.clientID))).toMatchObject({ userName: 'Bo' });
    expect(Object.values(docRecords(docA)).some((record) => record.typeName === 'instance_presence')).toBe(false);
    awarenessA.destroy();
    awarenessB.destroy();
  });

  it('stops syncing after dispose', () => {
    const { storeA, storeB, b } = twoClients();
    b.dispose();
    storeA.put([makeShape(storeA, 'geo')]);
    storeB.put([makeShape(storeB, 'note')]);
    expect(shapesOf(storeB).map((shape) => shape.type)).toEqual(['note']);
    expect(shapesOf(storeA).map((shape) => shape.type)).toEqual(['geo']);
  });
});

describe('bindTldrawStoreToYjs schema handling', () => {
  /** A newer Talkoot: one more migration sequence, which marks every shape. */
  const newerMigrations = () => {
    const ids = createMigrationIds('com.talkoot.test', { MarkShapes: 1 });
    return createMigrationSequence({
      sequenceId: 'com.talkoot.test',
      sequence: [
        {
          id: ids.MarkShapes,
          scope: 'record',
          filter: (record) => (record as TLRecord).typeName === 'shape',
          up: (record) => {
            const shape = record as TLShape;
            return { ...shape, meta: { ...shape.meta, upgraded: true } };
          },
        },
      ],
    });
  };

  const writeSchema = (doc: Y.Doc, schema: unknown) => doc.getMap(META_MAP_NAME).set(SCHEMA_KEY, schema);

  it('refuses a doc written with a newer version of a known sequence and writes nothing', () => {
    const doc = new Y.Doc();
    const store = createTestStore();
    const ours = store.schema.serialize();
    writeSchema(doc, { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.geo': 99 } });
    doc.getMap(RECORDS_MAP_NAME).set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID }));
    const before = Y.encodeStateVector(doc);
    const awareness = new Awareness(new Y.Doc());

    const binding = bind({ store, doc, awareness, user: { id: 'a', name: 'Amal', color: '#e03131' } });
    store.put([makeShape(store, 'geo')]);

    expect(binding.status.get()).toMatchObject({ kind: 'incompatible', reason: 'newer-version' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(store.get(TLDOCUMENT_ID)).toBeUndefined();
    expect(awareness.getLocalState()).toEqual({});
    awareness.destroy();
  });

  it('refuses a doc whose schema has a sequence it does not know', () => {
    const doc = new Y.Doc();
    const newer = createTestStore([newerMigrations()]);
    bind({ store: newer, doc });
    const before = Y.encodeStateVector(doc);

    const older = createTestStore();
    const binding = bind({ store: older, doc });

    expect(binding.status.get()).toMatchObject({ kind: 'incompatible', reason: 'unknown-sequence' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses a malformed schema', () => {
    const doc = new Y.Doc();
    writeSchema(doc, { schemaVersion: 3 });
    const binding = bind({ store: createTestStore(), doc });
    expect(binding.status.get()).toMatchObject({ kind: 'incompatible', reason: 'malformed-schema' });
  });

  it('migrates a doc written by an older client and upgrades its schema', () => {
    const docOld = new Y.Doc();
    const storeOld = createTestStore();
    const old = bind({ store: storeOld, doc: docOld });
    const note = makeShape(storeOld, 'note');
    storeOld.put([note]);

    const docNew = new Y.Doc();
    linkDocs(docOld, docNew);
    const storeNew = createTestStore([newerMigrations()]);
    const binding = bind({ store: storeNew, doc: docNew });

    expect(binding.status.get()).toEqual({ kind: 'synced', readOnly: false });
    expect(storeNew.get(note.id)?.meta).toEqual({ upgraded: true });
    expect(docRecords(docNew)[note.id]?.meta).toEqual({ upgraded: true });
    expect(docNew.getMap(META_MAP_NAME).get(SCHEMA_KEY)).toEqual(storeNew.schema.serialize());
    // The older client learns that the board moved on and stops touching it.
    expect(old.status.get()).toMatchObject({ kind: 'incompatible', reason: 'unknown-sequence' });
    storeOld.put([makeShape(storeOld, 'geo')]);
    expect(shapesOf(storeNew).map((shape) => shape.id)).toEqual([note.id]);
  });

  it('migrates records on read without writing when a newer client is read-only', () => {
    const docOld = new Y.Doc();
    const storeOld = createTestStore();
    bind({ store: storeOld, doc: docOld });
    const note = makeShape(storeOld, 'note');
    storeOld.put([note]);

    const docNew = new Y.Doc();
    linkDocs(docOld, docNew);
    const writesByNew: unknown[] = [];
    docNew.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== NETWORK) writesByNew.push(origin);
    });
    const storeNew = createTestStore([newerMigrations()]);
    bind({ store: storeNew, doc: docNew, readOnly: true });

    expect(storeNew.get(note.id)?.meta).toEqual({ upgraded: true });
    const geo = makeShape(storeOld, 'geo');
    storeOld.put([geo]);
    expect(storeNew.get(geo.id)?.meta).toEqual({ upgraded: true });
    storeNew.put([makeShape(storeNew, 'text')]);
    expect(writesByNew).toEqual([]);
    expect(docRecords(docNew)[note.id]?.meta).toEqual({});
  });

  it('writes the schema when the doc has records but none is stored', () => {
    const doc = new Y.Doc();
    doc.getMap(RECORDS_MAP_NAME).set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID }));
    const store = createTestStore();
    bind({ store, doc });
    expect(doc.getMap(META_MAP_NAME).get(SCHEMA_KEY)).toEqual(store.schema.serialize());
  });
});
