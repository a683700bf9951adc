import { describe, expect, it } from 'vitest';
import { backoffCeiling, DEFAULT_BACKOFF, reconnectDelay } from './reconnect-backoff.ts';

const options = { baseMs: 1_000, capMs: 20_000 };

describe('backoffCeiling', () => {
  it('doubles from the base with each attempt', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => backoffCeiling(attempt, options))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
  });

  it('never exceeds the cap, however many attempts failed', () => {
    expect(backoffCeiling(5, options)).toBe(20_000);
    expect(backoffCeiling(1_000, options)).toBe(20_000);
    expect(backoffCeiling(Number.POSITIVE_INFINITY, options)).toBe(20_000);
  });

  it('treats a negative, NaN or fractional attempt as a whole attempt from zero', () => {
    expect(backoffCeiling(-3, options)).toBe(1_000);
    expect(backoffCeiling(Number.NaN, options)).toBe(1_000);
    expect(backoffCeiling(1.7, options)).toBe(2_000);
  });
});

describe('reconnectDelay', () => {
  it('stays within [0, ceiling) at both ends of the random range', () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(reconnectDelay(attempt, options, () => 0)).toBe(0);
      const highest = reconnectDelay(attempt, options, () => 0.999_999);
      expect(highest).toBeLessThan(backoffCeiling(attempt, options));
      expect(highest).toBeGreaterThanOrEqual(backoffCeiling(attempt, options) - 1);
    }
  });

  it('spreads clients evenly over the window instead of bunching them', () => {
    // A seeded generator, so the test is deterministic.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const attempt = 3;
    const ceiling = backoffCeiling(attempt, options);
    const buckets = Array.from({ length: 10 }, () => 0);
    const samples = 10_000;
    for (let i = 0; i < samples; i++) {
      const delay = reconnectDelay(attempt, options, random);
      buckets[Math.floor((delay / ceiling) * 10)]! += 1;
    }
    for (const count of buckets) {
      expect(count).toBeGreaterThan(samples / 10 - 200);
      expect(count).toBeLessThan(samples / 10 + 200);
    }
  });

  it('uses Math.random and the default tuning unless told otherwise', () => {
    const delay = reconnectDelay(0);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(DEFAULT_BACKOFF.baseMs);
  });
});
