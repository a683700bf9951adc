import {
  InstancePresenceRecordType,
  UserRecordType,
  atom,
  computed,
  createPresenceStateDerivation,
  createUserId,
  react,
  type CreatePresenceStateDerivationOpts,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { throttle } from './throttle.ts';

/** Who is behind a cursor: shown as its label, in its colour. */
export interface PresenceUser {
  /** Stable per person (e.g. the board member id); tldraw hides peers that share the local user's id. */
  id: string;
  name: string;
  /** A CSS colour, e.g. `#e03131`. */
  color: string;
}

/** What each client puts in its awareness state. */
export interface AwarenessPresenceState {
  user: PresenceUser;
  /** tldraw's presence record (cursor, selection, camera, page), or null before the editor has state. */
  presence: TLInstancePresence | null;
}

/** Options of {@link bindPresenceToAwareness}. */
export interface BindPresenceOptions {
  store: TLStore;
  awareness: Awareness;
  user: PresenceUser;
  /** Minimum time between two awareness updates sent by this client. Default 80 ms (12.5 Hz). */
  throttleMs?: number;
  /** Overrides which presence fields are shared, as in tldraw's `getUserPresence`. */
  getUserPresence?: CreatePresenceStateDerivationOpts['getUserPresence'];
  /**
   * False: only show the others, never publish this client (a projector on the wall is not one
   * of the people here and has no cursor). Its awareness state stays null. Default true.
   */
  publish?: boolean;
}

/** A running presence binding. */
export interface PresenceBinding {
  /** Changes the local name/colour; peers see it with the next awareness update. */
  setUser(user: PresenceUser): void;
  /** Stops publishing, clears the local awareness state and removes peers' presence records. */
  dispose(): void;
}

/** Default minimum interval between awareness updates, in milliseconds. */
export const DEFAULT_PRESENCE_THROTTLE_MS = 80;

/** The id of the presence record that mirrors one awareness client. */
export function presenceIdForClient(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(`yjs-${clientId}`);
}

/**
 * Shares tldraw presence (cursor, selection, viewport) through y-protocols awareness and mirrors
 * every other client's awareness state as an `instance_presence` record, so tldraw draws their
 * cursors with their name and colour. Presence never goes into the Y.Doc.
 *
 * Local updates are throttled (leading + trailing) because the pointer moves at display rate.
 */
export function bindPresenceToAwareness(options: BindPresenceOptions): PresenceBinding {
  const { store, awareness } = options;
  const $user = atom<PresenceUser>('talkoot.presence-user', options.user);
  const $tlUser = computed<TLUser>('talkoot.presence-tl-user', () => {
    const user = $user.get();
    return UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color });
  });
  const derivationOptions: CreatePresenceStateDerivationOpts = {};
  if (options.getUserPresence) derivationOptions.getUserPresence = options.getUserPresence;
  const $presence = createPresenceStateDerivation($tlUser, derivationOptions)(store);

  const publish = throttle(() => {
    const state: AwarenessPresenceState = { user: $user.get(), presence: $presence.get() };
    // Other fields of the local state (which action-plan cell this person is in) stay.
    const current: unknown = awareness.getLocalState();
    awareness.setLocalState({ ...(typeof current === 'object' && current !== null ? current : {}), ...state });
  }, options.throttleMs ?? DEFAULT_PRESENCE_THROTTLE_MS);

  // Publishing makes awareness emit synchronously, and a linked peer may answer by changing this
  // store; doing that inside a reactor's effect would re-enter tldraw's signal graph, so publish
  // from a microtask instead.
  let disposed = false;
  let queued = false;
  const publishes = options.publish ?? true;
  if (!publishes) awareness.setLocalState(null);
  const stopPublishing = react('talkoot.publish-presence', () => {
    if (!publishes) return;
    $user.get();
    $presence.get();
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      if (!disposed) publish();
    });
  });

  const mirror = (clientIds: readonly number[], removedIds: readonly number[]) => {
    const puts: TLInstancePresence[] = [];
    const removes: TLInstancePresence['id'][] = [];
    const states = awareness.getStates();
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue;
      const id = presenceIdForClient(clientId);
      const record = toPresenceRecord(store, id, states.get(clientId));
      if (record) puts.push(record);
      else if (store.has(id)) removes.push(id);
    }
    for (const clientId of removedIds) {
      const id = presenceIdForClient(clientId);
      if (store.has(id)) removes.push(id);
    }
    if (puts.length === 0 && removes.length === 0) return;
    store.mergeRemoteChanges(() => {
      if (removes.length > 0) store.remove(removes);
      if (puts.length > 0) store.put(puts);
    });
  };

  const onChange = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
    mirror([...changes.added, ...changes.updated], changes.removed);
  };
  awareness.on('change', onChange);
  mirror([...awareness.getStates().keys()], []);

  return {
    setUser(user) {
      $user.set(user);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopPublishing();
      publish.cancel();
      awareness.off('change', onChange);
      awareness.setLocalState(null);
      const mirrored = store.query.ids('instance_presence').get();
      if (mirrored.size > 0) store.mergeRemoteChanges(() => store.remove([...mirrored]));
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns a peer's awareness state (untrusted) into a valid presence record, or null. A peer on a
 * different tldraw version may send fields we do not know; then only the essentials are kept.
 */
function toPresenceRecord(store: TLStore, id: TLInstancePresence['id'], state: unknown): TLInstancePresence | null {
  if (!isObject(state) || !isObject(state.presence)) return null;
  const presenceType = store.schema.types.instance_presence;
  const presence = state.presence;
  try {
    return presenceType.validate({ ...presence, id, typeName: 'instance_presence' }) as TLInstancePresence;
  } catch {
    const user = isObject(state.user) ? state.user : {};
    try {
      return presenceType.validate(
        InstancePresenceRecordType.create({
          id,
          userId: presence.userId as TLInstancePresence['userId'],
          userName: String(presence.userName ?? user.name ?? ''),
          color: String(presence.color ?? user.color ?? '#000000'),
          currentPageId: presence.currentPageId as TLInstancePresence['currentPageId'],
          cursor: presence.cursor as TLInstancePresence['cursor'],
          lastActivityTimestamp: Number(presence.lastActivityTimestamp ?? 0),
        }),
      ) as TLInstancePresence;
    } catch {
      return null;
    }
  }
}
