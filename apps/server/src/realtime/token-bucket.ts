/** The default clock, one function for every bucket (a bucket is kept per socket). */
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: holds up to `burst` tokens, gains `refillPerSec` per second, and each event
 * takes one. Framework-free; the clock is injectable so the tests need no sleeps.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly burst: number,
    private readonly refillPerSec: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Takes a token when there is one; false means the event is over the limit. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.refillPerSec);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
