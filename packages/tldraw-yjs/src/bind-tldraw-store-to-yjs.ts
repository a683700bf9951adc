import { TL_META_MAP, TL_RECORDS_MAP, TL_SCHEMA_KEY } from '@talkoot/protocol';
import { atom, isEqual, type Signal, type TLRecord, type TLStore } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import {
  bindPresenceToAwareness,
  type BindPresenceOptions,
  type PresenceBinding,
  type PresenceUser,
} from './bind-presence-to-awareness.ts';
import { checkSchemaCompatibility, type IncompatibleReason } from './schema-compatibility.ts';

/** Name of the Y.Map holding one entry per tldraw document record (key = record id, value = record JSON). */
export const RECORDS_MAP_NAME = TL_RECORDS_MAP;
/** Name of the Y.Map holding metadata about the records, e.g. their schema. */
export const META_MAP_NAME = TL_META_MAP;
/** Key in {@link META_MAP_NAME} of the serialized tldraw schema the records are written in. */
export const SCHEMA_KEY = TL_SCHEMA_KEY;

/**
 * State of a binding.
 *
 * - `synced`: the store mirrors the doc; with `readOnly` nothing is written back.
 * - `incompatible`: the doc was written by a newer Talkoot (or is unreadable); the binding has
 *   stopped and wrote nothing. The UI should ask the person to reload.
 */
export type BindingStatus =
  | { kind: 'synced'; readOnly: boolean }
  | { kind: 'incompatible'; reason: IncompatibleReason | 'migration-failed'; detail: string };

/** Options of {@link bindTldrawStoreToYjs}. */
export interface BindTldrawStoreOptions {
  /** A store from tldraw's `createTLStore`, not yet shown in an editor. */
  store: TLStore;
  /** The board's doc, already synced with the server (see `waitForSync`). */
  doc: Y.Doc;
  /** Share presence through this awareness; needs `user`. */
  awareness?: Awareness | null;
  /** Name and colour on this person's cursor. */
  user?: PresenceUser | null;
  /** Observers: load and follow the doc, never write to it. */
  readOnly?: boolean;
  /** See {@link BindPresenceOptions.throttleMs}. */
  presenceThrottleMs?: number;
  /** See {@link BindPresenceOptions.publish}: false shows the others' presence but never this client's. */
  publishPresence?: boolean;
  /** Records from peers that fail validation are skipped and reported here (default: console.error). */
  onError?: (error: unknown) => void;
}

/** A running binding between a tldraw store and a Y.Doc. */
export interface TldrawYjsBinding {
  /** Reactive status; read it with tldraw's `useValue` or `.get()`. */
  readonly status: Signal<BindingStatus>;
  /** Origin of every transaction this binding makes on the doc (e.g. for a Y.UndoManager). */
  readonly localOrigin: object;
  /** Changes the presence name/colour, if presence is bound. */
  setUser(user: PresenceUser): void;
  /** Stops syncing in both directions and clears this client's presence. */
  dispose(): void;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Keeps a tldraw store and a Y.Doc in sync: document-scope records live in the Y.Map
 * {@link RECORDS_MAP_NAME}, one entry per record; presence goes through awareness.
 *
 * Call it once the provider has synced. On bind it
 * 1. refuses docs written with a newer schema (status `incompatible`, no writes at all),
 * 2. migrates docs written with an older schema (and, unless read-only, writes them back),
 * 3. loads the records and lets tldraw add what an empty board lacks — the document and the
 *    page, which have fixed ids (`document:document`, `page:page`), so two clients seeding a
 *    new board at once write the same records and converge — and writes those to the doc.
 */
export function bindTldrawStoreToYjs(options: BindTldrawStoreOptions): TldrawYjsBinding {
  const { store, doc, readOnly = false } = options;
  const onError = options.onError ?? ((error: unknown) => console.error('[tldraw-yjs]', error));
  const records = doc.getMap<unknown>(RECORDS_MAP_NAME);
  const meta = doc.getMap<unknown>(META_MAP_NAME);
  const localOrigin = { binding: 'talkoot.tldraw-yjs' };
  const ourSchema = store.schema.serialize();
  const documentTypes = store.scopedTypes.document;

  const status = atom<BindingStatus>('talkoot.tldraw-yjs.status', { kind: 'synced', readOnly });
  const cleanups: Array<() => void> = [];
  let presence: PresenceBinding | null = null;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    presence?.dispose();
    presence = null;
  };
  const handle: TldrawYjsBinding = {
    status,
    localOrigin,
    setUser: (user) => presence?.setUser(user),
    dispose: stop,
  };
  const refuse = (reason: IncompatibleReason | 'migration-failed', detail: string) => {
    stop();
    status.set({ kind: 'incompatible', reason, detail });
  };

  // --- 1. Schema ---------------------------------------------------------------------------
  const storedSchema = meta.get(SCHEMA_KEY);
  const compatibility =
    storedSchema === undefined ? ({ kind: 'same' } as const) : checkSchemaCompatibility(store, storedSchema);
  if (compatibility.kind === 'incompatible') {
    refuse(compatibility.reason, compatibility.detail);
    return handle;
  }
  let docRecords: Record<string, unknown> = Object.fromEntries(records.entries());
  if (compatibility.kind === 'older') {
    const migrated = store.schema.migrateStoreSnapshot({
      store: docRecords as Record<TLRecord['id'], TLRecord>,
      schema: compatibility.stored,
    });
    if (migrated.type === 'error') {
      refuse('migration-failed', String(migrated.reason));
      return handle;
    }
    if (!readOnly) {
      const before = docRecords;
      doc.transact(() => {
        for (const [id, record] of Object.entries(migrated.value)) {
          if (!isEqual(before[id], record)) records.set(id, record);
        }
        for (const id of Object.keys(before)) {
          if (!(id in migrated.value)) records.delete(id);
        }
        meta.set(SCHEMA_KEY, ourSchema);
      }, localOrigin);
    }
    docRecords = migrated.value;
  }

  // The schema records arriving from the doc are written in. It differs from ours only for a
  // read-only client newer than the doc: it cannot upgrade the doc, so it migrates on read.
  // Read from the doc each time: a peer's upgrade changes records and schema in one transaction.
  let lastStored: unknown = undefined;
  let lastCompatibility: ReturnType<typeof checkSchemaCompatibility> = { kind: 'same' };
  const docSchemaNow = (): ReturnType<typeof checkSchemaCompatibility> => {
    const stored = meta.get(SCHEMA_KEY);
    if (stored === undefined || stored === ourSchema) return { kind: 'same' };
    if (stored !== lastStored) {
      lastStored = stored;
      lastCompatibility = checkSchemaCompatibility(store, stored);
    }
    return lastCompatibility;
  };

  /** Checks a record read from the doc (untrusted) and brings it to our schema; null to skip it. */
  const fromDoc = (id: string, value: unknown, migrate: boolean): TLRecord | null => {
    if (!isObject(value) || value.id !== id || typeof value.typeName !== 'string') return null;
    if (!documentTypes.has(value.typeName as TLRecord['typeName'])) return null;
    let record = value as unknown as TLRecord;
    const schemaNow = docSchemaNow();
    if (migrate && schemaNow.kind === 'older') {
      const result = store.schema.migratePersistedRecord(record, schemaNow.stored);
      if (result.type === 'error') {
        onError(new Error(`could not migrate ${id}: ${result.reason}`));
        return null;
      }
      record = result.value;
    }
    try {
      return store.schema.types[record.typeName].validate(record) as TLRecord;
    } catch (error) {
      onError(error);
      return null;
    }
  };

  const isDocumentRecordId = (id: string) => {
    const existing = store.get(id as TLRecord['id']);
    return existing !== undefined && documentTypes.has(existing.typeName);
  };

  const applyRemote = (puts: TLRecord[], removes: TLRecord['id'][], always = false) => {
    if (puts.length === 0 && removes.length === 0 && !always) return;
    try {
      store.mergeRemoteChanges(() => {
        if (removes.length > 0) store.remove(removes);
        if (puts.length > 0) store.put(puts);
      });
    } catch (error) {
      onError(error);
    }
  };

  // --- 2. Load -----------------------------------------------------------------------------
  const initial: TLRecord[] = [];
  for (const [id, value] of Object.entries(docRecords)) {
    // Records were migrated as a whole above, so no per-record migration here.
    const record = fromDoc(id, value, false);
    if (record) initial.push(record);
  }
  const stale = store
    .allRecords()
    .filter((record) => documentTypes.has(record.typeName) && !(record.id in docRecords))
    .map((record) => record.id);
  // mergeRemoteChanges ends with tldraw's ensureStoreIsUsable, which creates the document,
  // a page and this client's instance/camera records if the doc lacks them.
  applyRemote(initial, stale, true);

  // --- 3. Seed -----------------------------------------------------------------------------
  if (!readOnly) {
    const missing = store
      .allRecords()
      .filter((record) => documentTypes.has(record.typeName) && !records.has(record.id));
    if (missing.length > 0 || !meta.has(SCHEMA_KEY)) {
      doc.transact(() => {
        for (const record of missing) records.set(record.id, record);
        if (!meta.has(SCHEMA_KEY)) meta.set(SCHEMA_KEY, ourSchema);
      }, localOrigin);
    }
  }

  // --- 4. Store -> doc ---------------------------------------------------------------------
  if (!readOnly) {
    cleanups.push(
      store.listen(
        ({ changes }) => {
          const ids = new Set([
            ...Object.keys(changes.added),
            ...Object.keys(changes.updated),
            ...Object.keys(changes.removed),
          ]) as Set<TLRecord['id']>;
          // Listeners run a frame after the change, so a remote change may have landed in
          // between; writing the store's current value (not the diff's) keeps doc and store equal.
          doc.transact(() => {
            for (const id of ids) {
              const current = store.get(id);
              if (current === undefined) {
                if (records.has(id)) records.delete(id);
              } else if (!isEqual(records.get(id), current)) {
                records.set(id, current);
              }
            }
          }, localOrigin);
        },
        { source: 'user', scope: 'document' },
      ),
    );
  }

  // --- 5. Doc -> store, and schema changes by peers ---------------------------------------
  const refuseIfIncompatible = (): boolean => {
    const schemaNow = docSchemaNow();
    if (schemaNow.kind !== 'incompatible') return false;
    refuse(schemaNow.reason, schemaNow.detail);
    return true;
  };
  const onRecordsChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === localOrigin || refuseIfIncompatible()) return;
    const puts: TLRecord[] = [];
    const removes: TLRecord['id'][] = [];
    event.changes.keys.forEach((change, id) => {
      if (change.action === 'delete') {
        if (isDocumentRecordId(id)) removes.push(id as TLRecord['id']);
        return;
      }
      const record = fromDoc(id, records.get(id), true);
      if (record) puts.push(record);
    });
    applyRemote(puts, removes);
  };
  records.observe(onRecordsChange);
  cleanups.push(() => records.unobserve(onRecordsChange));

  const onMetaChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin !== localOrigin && event.keysChanged.has(SCHEMA_KEY)) refuseIfIncompatible();
  };
  meta.observe(onMetaChange);
  cleanups.push(() => meta.unobserve(onMetaChange));

  // --- 7. Presence -------------------------------------------------------------------------
  if (options.awareness && options.user) {
    const presenceOptions: BindPresenceOptions = { store, awareness: options.awareness, user: options.user };
    if (options.presenceThrottleMs !== undefined) presenceOptions.throttleMs = options.presenceThrottleMs;
    if (options.publishPresence !== undefined) presenceOptions.publish = options.publishPresence;
    presence = bindPresenceToAwareness(presenceOptions);
  }

  return handle;
}
