/**
 * The `p`-th percentile (0–100) of ascending `sorted` values by the nearest-rank method:
 * the smallest value such that at least `p` % of the values are ≤ it. NaN when empty.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  const rank = Math.ceil((Math.min(p, 100) / 100) * sorted.length);
  return sorted[rank - 1]!;
}

/** Smallest latency the histogram tells apart, in milliseconds. */
const MIN_MS = 0.01;
/** Each bucket is this much wider than the one before: percentiles are within ±1 %. */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets up to ~ 20 minutes; anything slower lands in the last one. */
const BUCKETS = Math.ceil(Math.log(1_200_000 / MIN_MS) / LOG_GROWTH) + 1;

/**
 * Log-bucketed latency histogram: constant memory however many samples (a 200-client
 * room with cursors yields millions), percentiles accurate to about 1 %; the maximum
 * is exact.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private sum = 0;
  private highest = 0;

  /** Adds one sample in milliseconds (negative values count as 0). */
  record(ms: number): void {
    const value = ms > 0 ? ms : 0;
    const index = value <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(value / MIN_MS) / LOG_GROWTH));
    this.counts[index]! += 1;
    this.total += 1;
    this.sum += value;
    if (value > this.highest) this.highest = value;
  }

  /** Number of samples. */
  get count(): number {
    return this.total;
  }

  /** Largest sample (exact); NaN when empty. */
  get max(): number {
    return this.total === 0 ? Number.NaN : this.highest;
  }

  /** Mean of the samples; NaN when empty. */
  get mean(): number {
    return this.total === 0 ? Number.NaN : this.sum / this.total;
  }

  /** Nearest-rank percentile (0–100): the upper bound of the bucket holding it, capped at the max. */
  percentile(p: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((Math.min(p, 100) / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.highest, i === 0 ? MIN_MS : MIN_MS * GROWTH ** i);
    }
    return this.highest;
  }
}
