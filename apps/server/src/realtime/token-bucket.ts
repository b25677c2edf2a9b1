/** The default clock, one function for every bucket (a bucket is kept per socket). */
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: holds up to `burst` tokens, gains `refillPerSec` per second, and each event
 * takes one, or its `cost`. Framework-free; the clock is injectable so the tests need no sleeps.
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

  /**
   * Takes `cost` tokens when there are that many; false means the event is over the limit. An
   * event that costs more than the whole burst goes through only on a full bucket and leaves it in
   * debt, so that it is not refused forever and the average rate still holds.
   */
  take(cost = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.refillPerSec);
    this.refilledAt = now;
    if (this.tokens < Math.min(cost, this.burst)) return false;
    this.tokens -= cost;
    return true;
  }
}
