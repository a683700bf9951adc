/** Thrown by {@link FailureLimiter.run} when a key used up its failures for the window. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  /** How long until the window ends and attempts are allowed again. */
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('Too many failed attempts.');
    this.retryAfterMs = retryAfterMs;
  }
}

interface Entry {
  /** When the first failure of the current window happened. */
  start: number;
  failures: number;
  /** Attempts running now; each may still turn out to be a failure. */
  pending: number;
  waiting: (() => void)[];
}

/**
 * Allows `max` failed attempts per key (an address) and fixed window; successful attempts
 * never count, so a whole class behind one venue address can join while a guesser is stopped
 * after `max` wrong codes. Attempts still running count against the limit until they end,
 * so many at once cannot get past it; those over it wait for a running one to finish instead
 * of failing. Kept in memory only: nothing about who tried is stored.
 */
export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(max: number, windowMs: number, now: () => number = Date.now) {
    this.max = max;
    this.windowMs = windowMs;
    this.now = now;
  }

  /**
   * Runs `attempt` for `key` unless the key has had `max` failures in this window (then
   * rejects with {@link RateLimitedError} without running it). An attempt that throws an
   * error `failed` accepts counts as a failure; the error is rethrown either way.
   */
  async run<T>(key: string, attempt: () => Promise<T>, failed: (error: unknown) => boolean): Promise<T> {
    const entry = await this.admit(key);
    try {
      return await attempt();
    } catch (error) {
      if (failed(error)) {
        this.expire(entry);
        if (entry.failures === 0) entry.start = this.now();
        entry.failures++;
      }
      throw error;
    } finally {
      entry.pending--;
      // Everyone waiting checks again: one may run now, or all are over the limit.
      for (const wake of entry.waiting.splice(0)) wake();
      this.forget(key, entry);
    }
  }

  /** Keys held in memory (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private async admit(key: string): Promise<Entry> {
    if (this.entries.size > 10_000) for (const [k, e] of this.entries) this.forget(k, e);
    for (;;) {
      let entry = this.entries.get(key);
      if (!entry) {
        entry = { start: 0, failures: 0, pending: 0, waiting: [] };
        this.entries.set(key, entry);
      }
      this.expire(entry);
      if (entry.failures >= this.max) {
        const retryAfterMs = entry.start + this.windowMs - this.now();
        this.forget(key, entry);
        throw new RateLimitedError(retryAfterMs);
      }
      if (entry.failures + entry.pending < this.max) {
        // Taken here, in the same step as the check: attempts arriving at once see each other.
        entry.pending++;
        return entry;
      }
      await new Promise<void>((resolve) => entry.waiting.push(resolve));
    }
  }

  private expire(entry: Entry): void {
    if (entry.failures > 0 && this.now() - entry.start >= this.windowMs) entry.failures = 0;
  }

  private forget(key: string, entry: Entry): void {
    this.expire(entry);
    if (entry.failures === 0 && entry.pending === 0 && entry.waiting.length === 0) this.entries.delete(key);
  }
}
