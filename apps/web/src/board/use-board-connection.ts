import { FATAL_CLOSE_CODES } from '@talkoot/protocol';
import { bindTldrawStoreToYjs, waitForSync, type TldrawYjsBinding } from '@talkoot/tldraw-yjs';
import { useEffect, useState } from 'react';
import { atom, createTLStore, defaultBindingUtils, defaultShapeUtils, react, type TLStore } from 'tldraw';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BoardUser } from './board-user.ts';
import { inlineAssetStore } from './inline-asset-store.ts';

/** What the connection indicator shows. */
export type ConnectionState = 'online' | 'connecting' | 'offline';

/** Everything the board screen needs from the sync layer. */
export interface BoardConnection {
  connection: ConnectionState;
  /** Set once the doc has synced and the store is bound to it. */
  ready: { store: TLStore; binding: TldrawYjsBinding } | null;
  /** A close code after which reconnecting cannot help (see `FATAL_CLOSE_CODES`). */
  fatalCode: number | null;
}

/** Options of {@link useBoardConnection}. */
export interface BoardConnectionOptions {
  boardId: string;
  token: string;
  readOnly: boolean;
  user: BoardUser;
}

/** `ws(s)://<this host>/sync`; y-websocket appends `/<boardId>?token=…`. */
export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

/**
 * Connects to the board's sync endpoint and, after the first sync, binds a fresh tldraw store
 * to the doc. Reconnects on its own, except after a fatal close code.
 */
export function useBoardConnection({ boardId, token, readOnly, user }: BoardConnectionOptions): BoardConnection {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [ready, setReady] = useState<BoardConnection['ready']>(null);
  const [fatalCode, setFatalCode] = useState<number | null>(null);

  useEffect(() => {
    setConnection('connecting');
    setReady(null);
    setFatalCode(null);

    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncServerUrl(window.location), boardId, doc, {
      params: { token },
      // y-websocket gives up on every 44xx code by default; only ours in FATAL_CLOSE_CODES are
      // final (a 4429 rate limit, say, is worth a retry after the backoff).
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    });
    const collaborationStatus = atom<'online' | 'offline'>('talkoot.collaboration-status', 'offline');
    const collaborationMode = atom<'readonly' | 'readwrite'>(
      'talkoot.collaboration-mode',
      readOnly ? 'readonly' : 'readwrite',
    );

    const updateConnection = () => {
      // Between two reconnect attempts y-websocket is neither connected nor connecting: offline.
      const state: ConnectionState = provider.wsconnected
        ? provider.synced
          ? 'online'
          : 'connecting'
        : provider.wsconnecting
          ? 'connecting'
          : 'offline';
      setConnection(state);
      collaborationStatus.set(state === 'online' ? 'online' : 'offline');
    };
    const onClose = (event: CloseEvent | null) => {
      if (event && FATAL_CLOSE_CODES.has(event.code)) {
        provider.disconnect();
        setFatalCode(event.code);
      }
      updateConnection();
    };
    provider.on('status', updateConnection);
    provider.on('sync', updateConnection);
    provider.on('connection-close', onClose);

    const abort = new AbortController();
    let binding: TldrawYjsBinding | null = null;
    let stopFollowingUser: (() => void) | null = null;
    waitForSync(provider, abort.signal).then(
      () => {
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
        setReady({ store, binding });
      },
      () => {
        // Unmounted before the first sync.
      },
    );

    return () => {
      abort.abort();
      stopFollowingUser?.();
      binding?.dispose();
      provider.off('status', updateConnection);
      provider.off('sync', updateConnection);
      provider.off('connection-close', onClose);
      provider.destroy();
      doc.destroy();
    };
  }, [boardId, token, readOnly, user]);

  return { connection, ready, fatalCode };
}
