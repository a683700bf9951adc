import { FATAL_CLOSE_CODES, RESET_CLOSE_CODES } from '@talkoot/protocol';

/**
 * What a sync connection does after the server closed it with `code`:
 * - `retry`: reconnect the same doc after a backoff (a restart, a dropped network, a rate limit);
 * - `reset`: the server refused an update it will never accept (see `RESET_CLOSE_CODES`), so the
 *   doc holding it must be thrown away and a fresh one synced at once;
 * - `fatal`: reconnecting cannot help (see `FATAL_CLOSE_CODES`); the caller tells the person why.
 */
export type CloseAction = 'retry' | 'reset' | 'fatal';

/** The {@link CloseAction} for a close code. */
export function closeActionOf(code: number): CloseAction {
  if (FATAL_CLOSE_CODES.has(code)) return 'fatal';
  if (RESET_CLOSE_CODES.has(code)) return 'reset';
  return 'retry';
}

/**
 * Whether this provider, with this doc, must never reconnect after `code`: for y-websocket's
 * `shouldReconnect` (negated) and `keepReconnecting`'s `isFinal`. Reconnecting after a reset
 * code would send the refused update again in sync step 2, and be closed again.
 */
export function endsConnection(code: number): boolean {
  return closeActionOf(code) !== 'retry';
}
