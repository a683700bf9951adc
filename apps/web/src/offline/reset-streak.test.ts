import { describe, expect, it } from 'vitest';
import { nextResetStreak, RESET_STREAK_MS, resetWait } from './reset-streak.ts';

describe('nextResetStreak', () => {
  it('starts a streak, and lengthens it while resets follow each other closely', () => {
    const first = nextResetStreak(null, 1_000);
    expect(first).toEqual({ count: 1, lastAt: 1_000 });
    expect(nextResetStreak(first, 2_000)).toEqual({ count: 2, lastAt: 2_000 });
  });

  it('starts over after a quiet minute', () => {
    const streak = { count: 5, lastAt: 0 };
    expect(nextResetStreak(streak, RESET_STREAK_MS)).toEqual({ count: 1, lastAt: RESET_STREAK_MS });
  });
});

describe('resetWait', () => {
  const backoff = { baseMs: 1_000, capMs: 8_000 };

  it('syncs a fresh copy at once after a first refusal', () => {
    expect(resetWait({ count: 1, lastAt: 0 }, () => 0.99, backoff)).toBe(0);
  });

  it('waits longer with every refusal in a row, up to the cap', () => {
    const waits = [2, 3, 4, 5, 6].map((count) => resetWait({ count, lastAt: 0 }, () => 0, backoff));
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect(resetWait({ count: 6, lastAt: 0 }, () => 0.999, backoff)).toBeLessThan(8_000);
  });
});
