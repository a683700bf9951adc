/** Tuning of {@link reconnectDelay}. */
export interface BackoffOptions {
  /** Upper bound of the first wait, in ms; each further failed attempt doubles it. */
  baseMs: number;
  /** The bound never grows past this, in ms. */
  capMs: number;
}

/**
 * Base 1 s, cap 20 s: after a server restart a room of tablets spreads its first attempts over a
 * second, and a person on flaky Wi-Fi never waits more than 20 s (the `online` event and the
 * "try now" button cut that short).
 */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 20_000 };

/**
 * The upper bound of the wait before reconnect attempt `attempt` (0 for the first attempt after
 * a connection dropped): `min(capMs, baseMs * 2^attempt)`.
 */
export function backoffCeiling(attempt: number, { baseMs, capMs }: BackoffOptions = DEFAULT_BACKOFF): number {
  // Past 2^31 the bound is weeks anyway; stopping there keeps the number finite.
  const exponent = attempt > 0 ? Math.floor(Math.min(attempt, 31)) : 0;
  return Math.min(capMs, baseMs * 2 ** exponent);
}

/**
 * "Full jitter" backoff: a wait drawn uniformly from `[0, backoffCeiling(attempt))`. Clients
 * that lost the server at the same moment (a restart) then come back spread out instead of in
 * synchronised waves. `random` returns a number in `[0, 1)`, like `Math.random`.
 */
export function reconnectDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}
