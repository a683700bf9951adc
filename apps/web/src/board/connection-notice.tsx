import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './connection-notice.css';
import type { ConnectionState } from './use-board-connection.ts';
import { Icon } from '../components/icon.tsx';

/** Props of {@link ConnectionNotice}. */
export interface ConnectionNoticeProps {
  connection: ConnectionState;
  /** Whether the board is on screen (so work done now is kept on this device). */
  hasBoard: boolean;
  /** When the next reconnect attempt starts (ms since epoch), if one is waiting. */
  retryAt: number | null;
  onRetry: () => void;
  /** Online, but the server cannot store changes right now: they stay on this device. */
  storageUnavailable?: boolean;
}

/** Whole seconds until `at`, ticking once a second; null without `at`. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1_000));
}

/**
 * A bar under the header while offline: says that work goes on and is kept on this device, when
 * the next reconnect attempt is, and offers to try at once. On tablets the header shows only
 * the indicator's dot, so this is where people read what offline means.
 *
 * The polite live region stays in the page while online (empty), so screen readers announce
 * the message when it appears; the countdown sits outside it so it is not read out every second.
 */
export function ConnectionNotice({
  connection,
  hasBoard,
  retryAt,
  onRetry,
  storageUnavailable = false,
}: ConnectionNoticeProps) {
  const { t } = useTranslation();
  const offline = connection === 'offline';
  const unsaved = !offline && storageUnavailable;
  const seconds = useSecondsUntil(offline ? retryAt : null);
  return (
    <div
      className="connection-notice"
      data-testid="board.offline-notice"
      data-active={offline || unsaved}
      data-reason={offline ? 'offline' : unsaved ? 'storage' : undefined}
      // A named region only while it shows something, so screen readers find the retry button
      // without meeting an empty landmark the rest of the time.
      role={offline || unsaved ? 'region' : undefined}
      aria-label={offline || unsaved ? t('board.offline.label') : undefined}
    >
      <p className="connection-notice-message" role="status" aria-live="polite">
        {offline ? (hasBoard ? t('board.offline.kept') : t('board.offline.waiting')) : null}
        {unsaved ? t('board.storage-unavailable') : null}
      </p>
      {offline ? (
        <>
          {seconds !== null ? (
            <span className="connection-notice-retry-in" data-testid="board.offline-retry-in">
              {t('board.offline.retry-in', { seconds })}
            </span>
          ) : null}
          <button type="button" className="button" data-testid="board.offline-retry" onClick={onRetry}>
            <Icon name="refresh" />
            {t('board.offline.retry-now')}
          </button>
        </>
      ) : null}
    </div>
  );
}
