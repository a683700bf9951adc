import type { TimerState } from '@talkoot/protocol';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { playChime, unlockAudio } from './chime.ts';
import { formatDuration, remainingMs } from './timer-math.ts';

/** Props of {@link SessionTimer}. */
export interface SessionTimerProps {
  timer: TimerState;
  clockOffsetMs: number;
  /** The projector shows it much bigger. */
  size?: 'normal' | 'large';
}

/** How long the end pulse lasts, in ms. */
const PULSE_MS = 6000;

/** Re-renders several times a second while `active`, returning `Date.now()`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const interval = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(interval);
  }, [active]);
  return now;
}

/**
 * The shared countdown everyone sees. When it reaches zero while this page watches, it pulses
 * softly (a steady highlight with reduced motion), chimes quietly and tells screen readers.
 */
export function SessionTimer({ timer, clockOffsetMs, size = 'normal' }: SessionTimerProps) {
  const { t } = useTranslation();
  const now = useNow(timer.status === 'running');
  const remaining = remainingMs(timer, now, clockOffsetMs);
  const [endedAt, setEndedAt] = useState<number | null>(null);
  const previous = useRef<{ running: boolean; remaining: number } | null>(null);

  useEffect(() => {
    const before = previous.current;
    const running = timer.status === 'running';
    previous.current = { running, remaining };
    // Only a countdown seen crossing zero signals: opening the board on an expired timer is quiet.
    if (running && remaining === 0 && before?.running && before.remaining > 0) {
      setEndedAt(Date.now());
      playChime();
    }
    if (!running || remaining > 0) setEndedAt(null);
  }, [timer.status, remaining]);

  useEffect(() => {
    if (endedAt === null) return;
    const timeout = setTimeout(() => setEndedAt(null), PULSE_MS);
    return () => clearTimeout(timeout);
  }, [endedAt]);

  // Browsers only allow sound after a gesture; the first tap anywhere unlocks it.
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  const ended = timer.status === 'running' && remaining === 0;
  const statusLabel = timer.status === 'paused' ? t('session.timer.paused') : ended ? t('session.timer.ended') : null;
  return (
    <div
      className={`session-timer session-timer-${size}`}
      data-ended={ended ? 'true' : undefined}
      data-pulse={endedAt !== null ? 'true' : undefined}
      data-status={timer.status}
    >
      <Icon name="timer" />
      <span className="visually-hidden">{t('session.timer.label')}</span>
      <span
        className="session-timer-time"
        role="timer"
        data-testid="session.timer"
        data-status={timer.status}
        dir="ltr"
      >
        {formatDuration(remaining)}
      </span>
      {statusLabel ? <span className="session-timer-status">{statusLabel}</span> : null}
      <span className="visually-hidden" aria-live="polite">
        {endedAt !== null ? t('session.timer.ended-announcement') : ''}
      </span>
    </div>
  );
}
