import { describe, expect, it } from 'vitest';
import { LatencyHistogram, percentile } from './stats.ts';

describe('percentile', () => {
  it('returns NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('picks the nearest rank of sorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });

  it('rounds the rank up for small samples', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([7], 1)).toBe(7);
  });
});

describe('LatencyHistogram', () => {
  it('agrees with the exact percentile within 2 %', () => {
    const histogram = new LatencyHistogram();
    const values: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const value = 0.2 + ((i * 7919) % 10_000) / 37;
      values.push(value);
      histogram.record(value);
    }
    values.sort((a, b) => a - b);
    for (const p of [50, 95, 99]) {
      const exact = percentile(values, p);
      expect(Math.abs(histogram.percentile(p) - exact) / exact).toBeLessThan(0.02);
    }
    expect(histogram.max).toBe(values[values.length - 1]);
    expect(histogram.count).toBe(10_000);
  });

  it('reports NaN when empty', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(50)).toBeNaN();
    expect(histogram.max).toBeNaN();
  });
});
