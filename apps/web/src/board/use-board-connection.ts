import { FATAL_CLOSE_CODES } from '@talkoot/protocol';
import { bindTldrawStoreToYjs, type TldrawYjsBinding } from '@talkoot/tldraw-yjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { atom, createTLStore, defaultBindingUtils, defaultShapeUtils, react, type TLStore } from 'tldraw';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { keepReconnecting, type JitteredReconnect } from '../offline/jittered-reconnect.ts';
import { openLocalBoardCopy } from '../offline/local-board-copy.ts';
import { whenBoardReady, type ReadySource } from '../offline/when-board-ready.ts';
import type { BoardUser } from './board-user.ts';
import { inlineAssetStore } from './inline-asset-store.ts';

/** What the connection indicator shows. */
export type ConnectionState = 'online' | 'connecting' | 'offline';

/** Everything the board screen needs from the sync layer. */
export interface BoardConnection {
  connection: ConnectionState;
  /**
   * Set once the store is bound to the doc: after the first sync, or before it from this
   * device's copy of the board (`from: 'device'`), which the server sync then updates.
   */
  ready: { store: TLStore; binding: TldrawYjsBinding; from: ReadySource; doc: Y.Doc } | null;
  /** A close code after which reconnecting cannot help (see `FATAL_CLOSE_CODES`). */
  fatalCode: number | null;
  /** While waiting to reconnect: when the next attempt starts (ms since epoch); else null. */
  retryAt: number | null;
  /** Reconnects at once instead of waiting for the backoff (a "try now" button). */
  retryNow: () => void;
}

/** Options of {@link useBoardConnection}. */
export interface BoardConnectionOptions {
  boardId: string;
  token: string;
  readOnly: boolean;
  user: BoardUser;
}

/**
 * When the browser says the network is back, every tablet in the room hears it at about the same
 * moment (the venue Wi-Fi returned), so even this retry is spread over a second.
 */
const ONLINE_RETRY_WITHIN_MS = 1_000;

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
 */
export function useBoardConnection({ boardId, token, readOnly, user }: BoardConnectionOptions): BoardConnection {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [ready, setReady] = useState<BoardConnection['ready']>(null);
  const [fatalCode, setFatalCode] = useState<number | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const reconnectRef = useRef<JitteredReconnect | null>(null);
  const retryNow = useCallback(() => reconnectRef.current?.retrySoon(0), []);

  useEffect(() => {
    setConnection('connecting');
    setReady(null);
    setFatalCode(null);
    setRetryAt(null);

    const doc = new Y.Doc();
    const local = openLocalBoardCopy(boardId, doc);
    const provider = new WebsocketProvider(syncServerUrl(window.location), boardId, doc, {
      params: { token },
      connect: false,
      // y-websocket gives up on every 44xx code by default; only ours in FATAL_CLOSE_CODES are
      // final (a 4429 rate limit, say, is worth a retry after the backoff).
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    });
    // Registered before our own close handler, so it has stopped y-websocket's retry first.
    const reconnect = keepReconnecting(provider, {
      isFatal: (code) => FATAL_CLOSE_CODES.has(code),
      onRetryAtChange: setRetryAt,
    });
    reconnectRef.current = reconnect;
    const collaborationStatus = atom<'online' | 'offline'>('talkoot.collaboration-status', 'offline');
    const collaborationMode = atom<'readonly' | 'readwrite'>(
      'talkoot.collaboration-mode',
      readOnly ? 'readonly' : 'readwrite',
    );

    const updateConnection = () => {
      const state = connectionStateOf(provider, navigator.onLine);
      setConnection(state);
      collaborationStatus.set(state === 'online' ? 'online' : 'offline');
    };
    const onClose = (event: CloseEvent | null) => {
      if (event && FATAL_CLOSE_CODES.has(event.code)) {
        setFatalCode(event.code);
        // Privacy: a shared tablet must not keep a board its person may no longer see.
        void local?.clear();
      }
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
    provider.on('status', updateConnection);
    provider.on('sync', updateConnection);
    provider.on('connection-close', onClose);
    window.addEventListener('offline', onBrowserOffline);
    window.addEventListener('online', onBrowserOnline);
    provider.connect();

    const abort = new AbortController();
    let binding: TldrawYjsBinding | null = null;
    let stopFollowingUser: (() => void) | null = null;
    whenBoardReady({ doc, provider, localLoaded: local?.whenLoaded ?? null, signal: abort.signal }).then(
      (from) => {
        const store = createTLStore({
          shapeUtils: defaultShapeUtils,
          bindingUtils: defaultBindingUtils,
          users: user.userStore,
          assets: inlineAssetStore,
          collaboration: { status: collaborationStatus, mode: collaborationMode },
        });
        binding = bindTldrawStoreToYjs({
          store,
          doc,
          awareness: provider.awareness,
          user: user.presence.get(),
          readOnly,
        });
        const bound = binding;
        stopFollowingUser = react('talkoot.follow-user', () => bound.setUser(user.presence.get()));
        setReady({ store, binding, from, doc });
      },
      () => {
        // Unmounted before the board was ready.
      },
    );

    return () => {
      abort.abort();
      reconnect.stop();
      if (reconnectRef.current === reconnect) reconnectRef.current = null;
      window.removeEventListener('offline', onBrowserOffline);
      window.removeEventListener('online', onBrowserOnline);
      stopFollowingUser?.();
      binding?.dispose();
      provider.off('status', updateConnection);
      provider.off('sync', updateConnection);
      provider.off('connection-close', onClose);
      provider.destroy();
      local?.destroy();
      doc.destroy();
    };
  }, [boardId, token, readOnly, user]);

  return { connection, ready, fatalCode, retryAt, retryNow };
}
