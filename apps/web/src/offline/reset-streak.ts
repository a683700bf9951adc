import { backoffCeiling, DEFAULT_BACKOFF, type BackoffOptions } from './reconnect-backoff.ts';

/** Resets of one board closer together than this count as one streak. */
export const RESET_STREAK_MS = 60_000;

/** How many times in a row the copy of a board was thrown away after a refusal. */
export interface ResetStreak {
  count: number;
  /** When the last reset was (ms since epoch). */
  lastAt: number;
}

/** The streak after a reset at `now`: one longer if the previous reset was recent, else a new one. */
export function nextResetStreak(streak: ResetStreak | null, now: number): ResetStreak {
  const recent = streak !== null && now - streak.lastAt < RESET_STREAK_MS;
  return { count: recent ? streak.count + 1 : 1, lastAt: now };
}

/**
 * How long to wait before syncing a fresh copy: nothing after a first refusal (the person is
 * waiting for their board), then growing. A fresh copy refused again at once means something the
 * client writes on every start is refused (a bug on one side or the other); without the wait it
 * would reconnect as fast as the server can close it. Half the ceiling plus jitter, so the wait
 * really grows and a room of tablets in the same state does not come back in step.
 */
export function resetWait(
  streak: ResetStreak,
  random: () => number = Math.random,
  backoff: BackoffOptions = DEFAULT_BACKOFF,
): number {
  if (streak.count <= 1) return 0;
  const ceiling = backoffCeiling(streak.count - 2, backoff);
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}
