/** A rate-limited function with a way to drop or force its pending call. */
export interface Throttled {
  (): void;
  /** Runs a pending call now, if there is one. */
  flush(): void;
  /** Drops a pending call. */
  cancel(): void;
}

/**
 * Limits `fn` to at most one call per `intervalMs`. The first call in a quiet period runs at
 * once; calls inside the interval collapse into one trailing call at the end of it, so the
 * last state is always delivered.
 */
export function throttle(fn: () => void, intervalMs: number): Throttled {
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = () => {
    timer = null;
    lastRun = Date.now();
    fn();
  };

  const throttled = () => {
    if (timer !== null) return;
    const wait = lastRun + intervalMs - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  throttled.flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    run();
  };
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return throttled;
}
