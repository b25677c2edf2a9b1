/** A bucket's tokens as of `at` (ms on the buckets' clock). */
interface Bucket {
  tokens: number;
  at: number;
}

export interface AddressBucketsOptions {
  /** Tokens a full bucket holds: what an address may spend at once. */
  capacity: number;
  /** Tokens each bucket regains per second. */
  refillPerSec: number;
  /** Milliseconds, monotonic; injectable so that tests need no sleeps. */
  now?: () => number;
}

/**
 * A token bucket per address (framework-free). A bucket is made at its address's first take and
 * dropped by sweep() once it is full again, since a full bucket is the same as none: the map holds
 * only the addresses that spent tokens lately. take() costs a Map lookup and some arithmetic.
 * (Not realtime's TokenBucket, which is one object per socket: these are keyed, swept, and say
 * how long to wait.)
 */
export class AddressBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly refillPerSec: number;
  private readonly now: () => number;

  constructor(options: AddressBucketsOptions) {
    this.capacity = options.capacity;
    this.refillPerSec = options.refillPerSec;
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes one token of `address`: 0 when granted, else the ms until the bucket has one again. */
  take(address: string): number {
    const now = this.now();
    const bucket = this.buckets.get(address);
    const tokens = bucket ? this.tokensAt(bucket, now) : this.capacity;
    if (tokens < 1) return Math.ceil(((1 - tokens) * 1000) / this.refillPerSec);
    if (bucket) {
      bucket.tokens = tokens - 1;
      bucket.at = now;
    } else this.buckets.set(address, { tokens: tokens - 1, at: now });
    return 0;
  }

  /** Forgets the buckets that are full again. */
  sweep(): void {
    const now = this.now();
    for (const [address, bucket] of this.buckets) {
      if (this.tokensAt(bucket, now) >= this.capacity) this.buckets.delete(address);
    }
  }

  /** Addresses with a bucket that is not full (as of the last sweep). */
  get size(): number {
    return this.buckets.size;
  }

  private tokensAt(bucket: Bucket, now: number): number {
    return Math.min(this.capacity, bucket.tokens + ((now - bucket.at) * this.refillPerSec) / 1000);
  }
}
