// Helpers for this package's tests: in-memory "network" links between docs and awareness
// instances, and stores with tldraw's default shapes. Not exported from the package.
import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  PageRecordType,
  type MigrationSequence,
  type TLShape,
  type TLStore,
} from 'tldraw';
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

/** Origin of updates delivered by {@link linkDocs} / {@link linkAwareness}. */
export const NETWORK = Symbol('network');

/** A store with tldraw's default shapes and bindings, plus optional extra migrations. */
export function createTestStore(migrations: readonly MigrationSequence[] = []): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils, migrations });
}

/** Exchanges the docs' states, then forwards every update in both directions; returns unlink. */
export function linkDocs(a: Y.Doc, b: Y.Doc): () => void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), NETWORK);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), NETWORK);
  const forward = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin !== NETWORK) Y.applyUpdate(to, update, NETWORK);
  };
  const aToB = forward(b);
  const bToA = forward(a);
  a.on('update', aToB);
  b.on('update', bToA);
  return () => {
    a.off('update', aToB);
    b.off('update', bToA);
  };
}

/** Forwards awareness updates in both directions, like a provider would. */
export function linkAwareness(a: Awareness, b: Awareness): void {
  const forward =
    (from: Awareness, to: Awareness) =>
    (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === NETWORK) return;
      const clients = [...changes.added, ...changes.updated, ...changes.removed];
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), NETWORK);
    };
  a.on('update', forward(a, b));
  b.on('update', forward(b, a));
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), NETWORK);
  applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), NETWORK);
}

/** Counts transactions on `doc` whose origin is `origin`. */
export function countTransactions(doc: Y.Doc, origin: unknown): { readonly count: number } {
  const counter = { count: 0 };
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === origin) counter.count++;
  });
  return counter;
}

/** tldraw's default page, which the binding seeds on an empty board. */
export const DEFAULT_PAGE_ID = PageRecordType.createId('page');

/** A valid shape record of `type` with the shape util's default props. */
export function makeShape(store: TLStore, type: TLShape['type'], x = 0): TLShape {
  const util = defaultShapeUtils.find((candidate) => candidate.type === type);
  if (!util) throw new Error(`no shape util for ${type}`);
  // getDefaultProps does not touch the editor, so a bare instance is enough outside a browser.
  const props = (Object.create(util.prototype) as { getDefaultProps(): object }).getDefaultProps();
  return store.schema.types.shape.create({
    id: createShapeId(),
    type,
    x,
    y: 0,
    parentId: DEFAULT_PAGE_ID,
    index: 'a1',
    props,
  } as never) as TLShape;
}
