import { describe, expect, it } from 'vitest';
import { clockOffset, formatDuration, hasEnded, remainingMs } from './timer-math.ts';

describe('remainingMs', () => {
  it('is the duration while idle and the frozen rest while paused', () => {
    expect(remainingMs({ status: 'idle', durationMs: 300_000 }, 0, 0)).toBe(300_000);
    expect(remainingMs({ status: 'paused', durationMs: 300_000, remainingMs: 12_345 }, 999_999, 50)).toBe(12_345);
  });

  it('counts down to endsAt in server time, corrected by the clock offset', () => {
    const timer = { status: 'running', durationMs: 60_000, endsAt: 100_000 } as const;
    // This device's clock runs 5 s ahead: client 65 000 is server 60 000.
    const offset = clockOffset(40_000, 45_000);
    expect(offset).toBe(5_000);
    expect(remainingMs(timer, 65_000, offset)).toBe(40_000);
    expect(remainingMs(timer, 65_000, 0)).toBe(35_000);
  });

  it('never goes below zero, and then the timer has ended', () => {
    const timer = { status: 'running', durationMs: 60_000, endsAt: 100_000 } as const;
    expect(remainingMs(timer, 200_000, 0)).toBe(0);
    expect(hasEnded(timer, 200_000, 0)).toBe(true);
    expect(hasEnded(timer, 99_000, 0)).toBe(false);
    expect(hasEnded({ status: 'paused', durationMs: 1, remainingMs: 0 }, 0, 0)).toBe(false);
  });
});

describe('formatDuration', () => {
  it('writes minutes and seconds with two digits each', () => {
    expect(formatDuration(5 * 60_000)).toBe('05:00');
    expect(formatDuration(61_000)).toBe('01:01');
    expect(formatDuration(0)).toBe('00:00');
  });

  it('rounds seconds up so 00:00 means time is up', () => {
    expect(formatDuration(1)).toBe('00:01');
    expect(formatDuration(59_001)).toBe('01:00');
  });

  it('adds hours from an hour up and clamps negatives', () => {
    expect(formatDuration(3_600_000 + 62_000)).toBe('1:01:02');
    expect(formatDuration(-500)).toBe('00:00');
  });
});
