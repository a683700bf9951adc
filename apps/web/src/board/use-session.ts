import {
  FATAL_CLOSE_CODES,
  SESSION_MAP,
  SESSION_STATE_KEY,
  type SessionCommand,
  type SessionState,
} from '@talkoot/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { actionErrorKey, apiClient, type ApiClient } from '../api-client.ts';
import { parseSessionState } from '../session/session-state.ts';
import { clockOffset } from '../session/timer-math.ts';
import { connectionStateOf, syncServerUrl, type ConnectionState } from './use-board-connection.ts';

/** The key of a translated message for a failed facilitator command. */
export type SessionErrorKey = ReturnType<typeof actionErrorKey>;

/** What {@link useSession} gives the board. */
export interface Session {
  /** The latest state: from the session doc or a command's answer, whichever was written last. */
  state: SessionState;
  /** This device's clock minus the server's (see `clockOffset`); 0 until a live update arrived. */
  clockOffsetMs: number;
  connection: ConnectionState;
  /** Sends a facilitator command; resolves false (and sets `error`) when it failed. */
  sendCommand(command: SessionCommand): Promise<boolean>;
  /** The translated reason the last command failed, until the next one succeeds or it is dismissed. */
  error: SessionErrorKey | null;
  dismissError(): void;
}

/** Options of {@link useSession}. */
export interface SessionOptions {
  boardId: string;
  token: string;
  /** Replaceable for tests. */
  api?: ApiClient;
}

interface Received {
  state: SessionState;
  offsetMs: number;
}

/**
 * Follows the board's server-owned session doc (`/sync/<boardId>/session`, read-only: the server
 * drops whatever a client writes) and sends facilitator commands over HTTP.
 */
export function useSession({ boardId, token, api = apiClient }: SessionOptions): Session {
  const [received, setReceived] = useState<Received>(() => ({
    state: parseSessionState(undefined, Date.now()).state,
    offsetMs: 0,
  }));
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [error, setError] = useState<SessionErrorKey | null>(null);
  const latestServerTime = useRef(-Infinity);
  const hasLiveOffset = useRef(false);

  // Someone who arrives mid-timer gets a state written long ago; align the clocks with a
  // fresh server reading instead (half the round trip either way).
  useEffect(() => {
    const sentAt = Date.now();
    api.getConfig().then(
      (config) => {
        if (config.serverTime === undefined || hasLiveOffset.current) return;
        const offset = clockOffset(config.serverTime, (sentAt + Date.now()) / 2);
        setReceived((previous) => (hasLiveOffset.current ? previous : { ...previous, offsetMs: offset }));
      },
      () => undefined,
    );
  }, [api]);

  // Keeps whichever state the server wrote last: the doc and a command's answer can race.
  const accept = useCallback((state: SessionState, live: boolean) => {
    if (state.serverTime < latestServerTime.current) return;
    latestServerTime.current = state.serverTime;
    if (live) hasLiveOffset.current = true;
    setReceived((previous) => ({
      state,
      // A state from the first sync may have been written long ago, so its serverTime says
      // nothing about the clocks; only fresh writes do.
      offsetMs: live ? clockOffset(state.serverTime, Date.now()) : previous.offsetMs,
    }));
  }, []);

  useEffect(() => {
    latestServerTime.current = -Infinity;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncServerUrl(window.location), `${boardId}/session`, doc, {
      params: { token },
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    });
    const map = doc.getMap(SESSION_MAP);
    const read = () => {
      const { state, valid } = parseSessionState(map.get(SESSION_STATE_KEY), Date.now());
      if (valid) accept(state, provider.synced);
    };
    const updateConnection = () => {
      setConnection(connectionStateOf(provider, true));
    };
    const onClose = (event: CloseEvent | null) => {
      if (event && FATAL_CLOSE_CODES.has(event.code)) provider.disconnect();
      updateConnection();
    };
    map.observe(read);
    provider.on('status', updateConnection);
    provider.on('sync', updateConnection);
    provider.on('connection-close', onClose);
    read();
    return () => {
      map.unobserve(read);
      provider.off('status', updateConnection);
      provider.off('sync', updateConnection);
      provider.off('connection-close', onClose);
      provider.destroy();
      doc.destroy();
    };
  }, [boardId, token, accept]);

  const sendCommand = useCallback(
    async (command: SessionCommand) => {
      try {
        accept(await api.sendSessionCommand(boardId, token, command), true);
        setError(null);
        return true;
      } catch (caught) {
        setError(actionErrorKey(caught));
        return false;
      }
    },
    [api, boardId, token, accept],
  );

  return {
    state: received.state,
    clockOffsetMs: received.offsetMs,
    connection,
    sendCommand,
    error,
    dismissError: useCallback(() => setError(null), []),
  };
}
