/** Limits for one socket: sustained rates and bursts. */
export interface RateLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  messagesPerSecond: 200,
  messageBurst: 600,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
};

/** Two token buckets (messages and bytes) refilled continuously. */
export class RateLimiter {
  private messages: number;
  private bytes: number;
  private last: number;
  private readonly limits: RateLimits;
  private readonly now: () => number;

  constructor(limits: RateLimits, now: () => number = () => performance.now()) {
    this.limits = limits;
    this.now = now;
    this.messages = limits.messageBurst;
    this.bytes = limits.byteBurst;
    this.last = now();
  }

  /** Takes one message of `size` bytes; false when over the limit. */
  take(size: number): boolean {
    const t = this.now();
    const elapsed = (t - this.last) / 1000;
    this.last = t;
    this.messages = Math.min(this.limits.messageBurst, this.messages + elapsed * this.limits.messagesPerSecond);
    this.bytes = Math.min(this.limits.byteBurst, this.bytes + elapsed * this.limits.bytesPerSecond);
    this.messages -= 1;
    this.bytes -= size;
    return this.messages >= 0 && this.bytes >= 0;
  }
}
