import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle.ts';

describe('throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first call at once', () => {
    const fn = vi.fn();
    throttle(fn, 80)();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('collapses calls inside the interval into one trailing call', () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 80);
    throttled();
    throttled();
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(80);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('runs at most once per interval under a steady stream of calls', () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 80);
    for (let i = 0; i < 200; i++) {
      throttled();
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(80);
    // 1000 ms of calls -> one leading call plus one per 80 ms.
    expect(fn.mock.calls.length).toBeLessThanOrEqual(Math.ceil(1000 / 80) + 1);
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(1000 / 80));
  });

  it('drops a pending call on cancel and runs it on flush', () => {
    const fn = vi.fn();
    const throttled = throttle(fn, 80);
    throttled();
    throttled();
    throttled.cancel();
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(1);

    throttled();
    throttled();
    throttled.flush();
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
