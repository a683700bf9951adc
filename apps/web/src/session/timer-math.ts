import type { TimerState } from '@talkoot/protocol';

/**
 * How far this device's clock is ahead of the server's, in ms: `clientNow - serverTime` at the
 * moment a freshly written state arrived. Subtract it from `Date.now()` to get server time.
 */
export function clockOffset(serverTime: number, receivedAt: number): number {
  return receivedAt - serverTime;
}

/** The milliseconds left on the timer at client time `clientNow`, never negative. */
export function remainingMs(timer: TimerState, clientNow: number, offsetMs: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs;
    case 'paused':
      return timer.remainingMs;
    case 'running':
      return Math.max(0, timer.endsAt - (clientNow - offsetMs));
  }
}

/** True when a running timer has reached zero. */
export function hasEnded(timer: TimerState, clientNow: number, offsetMs: number): boolean {
  return timer.status === 'running' && remainingMs(timer, clientNow, offsetMs) === 0;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * `mm:ss` (or `h:mm:ss` from an hour up). Seconds round up, so the display shows 00:00 only
 * when time is really up and a fresh 5-minute timer reads 05:00.
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}
