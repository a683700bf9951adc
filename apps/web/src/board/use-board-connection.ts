import { SERVER_NOTICE_FIELD } from '@talkoot/protocol';
import { RECORDS_MAP_NAME, bindTldrawStoreToYjs, type TldrawYjsBinding } from '@talkoot/tldraw-yjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { atom, createTLStore, defaultBindingUtils, defaultShapeUtils, react, type TLStore } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { snapshotTexts, type ShapeText } from '../drafts/text-snapshot.ts';
import { closeActionOf, endsConnection } from '../offline/close-policy.ts';
import { keepReconnecting, type JitteredReconnect } from '../offline/jittered-reconnect.ts';
import { openLocalBoardCopy } from '../offline/local-board-copy.ts';
import { nextResetStreak, resetWait, type ResetStreak } from '../offline/reset-streak.ts';
import { whenBoardReady, type ReadySource } from '../offline/when-board-ready.ts';
import { boardAssetStore } from '../assets/board-asset-store.ts';
import type { BoardUser } from './board-user.ts';

/** What the connection indicator shows. */
export type ConnectionState = 'online' | 'connecting' | 'offline';

/** Everything the board screen needs from the sync layer. */
export interface BoardConnection {
  connection: ConnectionState;
  /**
   * Set once the store is bound to the doc: after the first sync, or before it from this
   * device's copy of the board (`from: 'device'`), which the server sync then updates.
   */
  ready: {
    store: TLStore;
    binding: TldrawYjsBinding;
    from: ReadySource;
    doc: Y.Doc;
    /** The board's awareness: who else is here, and where (e.g. which action-plan cell). */
    awareness: Awareness;
  } | null;
  /** A close code after which reconnecting cannot help (see `FATAL_CLOSE_CODES`). */
  fatalCode: number | null;
  /** While waiting to reconnect: when the next attempt starts (ms since epoch); else null. */
  retryAt: number | null;
  /** Reconnects at once instead of waiting for the backoff (a "try now" button). */
  retryNow: () => void;
  /** The server says it cannot store changes right now (they stay on this device meanwhile). */
  storageUnavailable: boolean;
}

/** A copy of the board thrown away because the server refused part of it (see `RESET_CLOSE_CODES`). */
export interface BoardReset {
  /** The close code: `CloseCode.UPDATE_REFUSED` or `CloseCode.BOARD_FULL`. */
  code: number;
  /** The text of every text-bearing shape in the dropped copy, taken just before it was dropped. */
  texts: ShapeText[];
}

/** Options of {@link useBoardConnection}. */
export interface BoardConnectionOptions {
  boardId: string;
  token: string;
  readOnly: boolean;
  user: BoardUser;
  /**
   * False for a view that is not one of the people here (the projector): it shows others'
   * cursors but publishes none of its own, and asks the server to relay none for it. Default true.
   */
  publishPresence?: boolean;
  /**
   * Told when the copy is thrown away after a refusal, before the fresh one connects; only the
   * latest function passed is called, so it need not be stable.
   */
  onReset?: (reset: BoardReset) => void;
}

/**
 * When the browser says the network is back, every tablet in the room hears it at about the same
 * moment (the venue Wi-Fi returned), so even this retry is spread over a second.
 */
const ONLINE_RETRY_WITHIN_MS = 1_000;

/**
 * Deleting the device copy normally takes milliseconds (other tabs close theirs when asked); should
 * it ever hang, the fresh copy connects anyway rather than leave the board on its spinner.
 */
const CLEAR_COPY_TIMEOUT_MS = 3_000;

/** `ws(s)://<this host>/sync`; y-websocket appends `/<boardId>?token=…`. */
export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

/** The indicator's state from the provider's flags and whether the browser has a network. */
export function connectionStateOf(
  provider: { wsconnected: boolean; wsconnecting: boolean; synced: boolean },
  browserOnline: boolean,
): ConnectionState {
  if (provider.wsconnected) return provider.synced ? 'online' : 'connecting';
  // Between two attempts y-websocket is neither connected nor connecting: offline. An attempt
  // made while the browser has no network cannot succeed, so it does not count as connecting.
  return provider.wsconnecting && browserOnline ? 'connecting' : 'offline';
}

/**
 * Connects to the board's sync endpoint, keeps a copy of the board on this device (IndexedDB)
 * and binds a fresh tldraw store to the doc as soon as either has the board. People keep working
 * while the connection is down; Yjs merges their edits when it returns. Reconnects with jittered
 * backoff, except after a fatal close code, which also deletes the device's copy.
 *
 * After a reset close code the server holds none of the refused change, and this doc would send
 * it again on every reconnect: the provider, the doc and the device copy are thrown away (their
 * texts handed to `onReset` first) and a fresh doc connects at once, bound to a fresh store
 * (after refusals in quick succession, after a growing wait: see `resetWait`).
 */
export function useBoardConnection({
  boardId,
  token,
  readOnly,
  user,
  publishPresence = true,
  onReset,
}: BoardConnectionOptions): BoardConnection {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [ready, setReady] = useState<BoardConnection['ready']>(null);
  const [fatalCode, setFatalCode] = useState<number | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [storageUnavailable, setStorageUnavailable] = useState(false);
  const reconnectRef = useRef<JitteredReconnect | null>(null);
  const retryNow = useCallback(() => reconnectRef.current?.retrySoon(0), []);
  /** Bumped to throw the copy away: the effect below then starts over with a fresh doc. */
  const [generation, setGeneration] = useState(0);
  const resetStreak = useRef<ResetStreak | null>(null);
  const onResetRef = useRef(onReset);
  useEffect(() => {
    onResetRef.current = onReset;
  }, [onReset]);

  useEffect(() => {
    setConnection('connecting');
    setReady(null);
    setFatalCode(null);
    setRetryAt(null);

    const doc = new Y.Doc();
    const local = openLocalBoardCopy(boardId, doc);
    const abort = new AbortController();
    const assets = boardAssetStore({ boardId, token });
    let store: TLStore | null = null;
    let binding: TldrawYjsBinding | null = null;
    let stopFollowingUser: (() => void) | null = null;
    /** Set once a reset close code came: this doc is being thrown away. */
    let resetting = false;
    let disposed = false;
    const provider = new WebsocketProvider(syncServerUrl(window.location), boardId, doc, {
      params: publishPresence ? { token } : { token, presence: 'none' },
      connect: false,
      // y-websocket gives up on every 44xx code by default; only fatal and reset codes are final
      // for this doc (a 4429 rate limit, say, is worth a retry after the backoff).
      shouldReconnect: (event) => !endsConnection(event.code),
      // No BroadcastChannel between this browser's tabs: another tab that got a refused change
      // from this one would hand it to the fresh doc, which would send it again and be closed
      // again, for ever. Tabs still meet through the server.
      disableBc: true,
    });
    // A new awareness starts as `{}`, which y-websocket would send as soon as it connects.
    if (!publishPresence) provider.awareness.setLocalState(null);
    // Registered before our own close handler, so it has stopped y-websocket's retry first.
    const reconnect = keepReconnecting(provider, { isFinal: endsConnection, onRetryAtChange: setRetryAt });
    reconnectRef.current = reconnect;
    const collaborationStatus = atom<'online' | 'offline'>('talkoot.collaboration-status', 'offline');
    const collaborationMode = atom<'readonly' | 'readwrite'>(
      'talkoot.collaboration-mode',
      readOnly ? 'readonly' : 'readwrite',
    );

    const updateConnection = () => {
      // A doc being thrown away is not offline: a fresh one connects in a moment.
      const state = resetting ? 'connecting' : connectionStateOf(provider, navigator.onLine);
      setConnection(state);
      collaborationStatus.set(state === 'online' ? 'online' : 'offline');
    };
    const startAfresh = (code: number) => {
      if (resetting) return;
      resetting = true;
      // What the person sees is the store; before the board was bound only the doc has it.
      const records: Iterable<unknown> = store?.allRecords() ?? doc.getMap(RECORDS_MAP_NAME).values();
      onResetRef.current?.({ code, texts: snapshotTexts(records) });
      // Off the screen at once: anything typed from now on would go into a doc about to be dropped.
      abort.abort();
      stopFollowingUser?.();
      stopFollowingUser = null;
      binding?.dispose();
      setReady(null);
      // The fresh doc must not load this one back from the device, so it waits for the delete.
      const cleared = local?.clear() ?? Promise.resolve();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLEAR_COPY_TIMEOUT_MS));
      const streak = nextResetStreak(resetStreak.current, Date.now());
      resetStreak.current = streak;
      const wait = new Promise<void>((resolve) => setTimeout(resolve, resetWait(streak)));
      void Promise.all([Promise.race([cleared, timeout]), wait]).then(() => {
        if (!disposed) setGeneration((value) => value + 1);
      });
    };
    const onClose = (event: CloseEvent | null) => {
      const action = event ? closeActionOf(event.code) : 'retry';
      if (event && action === 'fatal') {
        setFatalCode(event.code);
        // Privacy: a shared tablet must not keep a board its person may no longer see.
        void local?.clear();
      }
      if (event && action === 'reset') startAfresh(event.code);
      // y-websocket reports the close before it clears `wsconnecting`, and sends no status
      // event for a socket that never opened; read the flags once it is done.
      queueMicrotask(updateConnection);
    };
    // A socket on Wi-Fi that went away can hang until y-websocket's 30 s watchdog; the browser
    // knows sooner.
    const onBrowserOffline = () => {
      reconnect.dropConnection();
      updateConnection();
    };
    const onBrowserOnline = () => {
      reconnect.retrySoon(ONLINE_RETRY_WITHIN_MS);
      updateConnection();
    };
    // The server's own presence carries its notices (see SERVER_NOTICE_FIELD).
    const readNotice = () =>
      setStorageUnavailable(
        [...provider.awareness.getStates().values()].some(
          (state) => state[SERVER_NOTICE_FIELD] === 'storage-unavailable',
        ),
      );
    provider.awareness.on('change', readNotice);
    provider.on('status', updateConnection);
    provider.on('sync', updateConnection);
    provider.on('connection-close', onClose);
    window.addEventListener('offline', onBrowserOffline);
    window.addEventListener('online', onBrowserOnline);
    provider.connect();

    whenBoardReady({ doc, provider, localLoaded: local?.whenLoaded ?? null, signal: abort.signal }).then(
      (from) => {
        if (resetting) return;
        const bound = createTLStore({
          shapeUtils: defaultShapeUtils,
          bindingUtils: defaultBindingUtils,
          users: user.userStore,
          assets,
          collaboration: { status: collaborationStatus, mode: collaborationMode },
        });
        store = bound;
        binding = bindTldrawStoreToYjs({
          store: bound,
          doc,
          awareness: provider.awareness,
          user: user.presence.get(),
          readOnly,
          publishPresence,
        });
        const presence = binding;
        stopFollowingUser = react('talkoot.follow-user', () => presence.setUser(user.presence.get()));
        setReady({ store: bound, binding, from, doc, awareness: provider.awareness });
      },
      () => {
        // Unmounted before the board was ready.
      },
    );

    return () => {
      disposed = true;
      abort.abort();
      reconnect.stop();
      if (reconnectRef.current === reconnect) reconnectRef.current = null;
      window.removeEventListener('offline', onBrowserOffline);
      window.removeEventListener('online', onBrowserOnline);
      stopFollowingUser?.();
      binding?.dispose();
      assets.dispose();
      provider.awareness.off('change', readNotice);
      setStorageUnavailable(false);
      provider.off('status', updateConnection);
      provider.off('sync', updateConnection);
      provider.off('connection-close', onClose);
      provider.destroy();
      local?.destroy();
      doc.destroy();
    };
  }, [boardId, token, readOnly, user, publishPresence, generation]);

  return { connection, ready, fatalCode, retryAt, retryNow, storageUnavailable };
}
