import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('allows a burst, then refuses', () => {
    const time = clock();
    const bucket = new TokenBucket(3, 1, time.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('refills at its rate, one token at a time', () => {
    const time = clock();
    const bucket = new TokenBucket(2, 10, time.now);
    bucket.take();
    bucket.take();
    time.advance(50);
    expect(bucket.take()).toBe(false);
    time.advance(50);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than its burst, however long it idles', () => {
    const time = clock();
    const bucket = new TokenBucket(2, 100, time.now);
    time.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it('takes an event of several tokens only when it has them all', () => {
    const time = clock();
    const bucket = new TokenBucket(10, 10, time.now);
    expect([bucket.take(6), bucket.take(6), bucket.take(4)]).toEqual([true, false, true]);
  });

  it('lets an event dearer than the burst through on a full bucket, then waits out the debt', () => {
    const time = clock();
    const bucket = new TokenBucket(10, 10, time.now);
    expect(bucket.take(30)).toBe(true);
    time.advance(2_900);
    expect(bucket.take(30)).toBe(false);
    time.advance(100);
    expect(bucket.take(30)).toBe(true);
  });
});
