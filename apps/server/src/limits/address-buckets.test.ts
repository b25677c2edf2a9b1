import { describe, expect, it } from 'vitest';
import { AddressBuckets } from './address-buckets.js';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('AddressBuckets', () => {
  it('gives each address its own burst, then says how long to wait', () => {
    const time = clock();
    const buckets = new AddressBuckets({ capacity: 2, refillPerSec: 4, now: time.now });
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 250]);
    expect(buckets.take('b')).toBe(0);
    time.advance(100);
    expect(buckets.take('a')).toBe(150);
    time.advance(150);
    expect([buckets.take('a'), buckets.take('a')]).toEqual([0, 250]);
  });

  it('refills up to its capacity only, however long the address was quiet', () => {
    const time = clock();
    const buckets = new AddressBuckets({ capacity: 2, refillPerSec: 1, now: time.now });
    buckets.take('a');
    time.advance(60_000);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 1000]);
  });

  it('forgets a bucket once it is full again, and only then', () => {
    const time = clock();
    const buckets = new AddressBuckets({ capacity: 3, refillPerSec: 1, now: time.now });
    buckets.take('a');
    buckets.take('b');
    buckets.take('b');
    time.advance(1000);
    buckets.sweep();
    expect(buckets.size).toBe(1);
    time.advance(1000);
    buckets.sweep();
    expect(buckets.size).toBe(0);
    expect([buckets.take('b'), buckets.take('b'), buckets.take('b'), buckets.take('b')]).toEqual([
      0, 0, 0, 1000,
    ]);
  });

  it('spreads an hourly allowance: the whole of it at once, then one per share of the hour', () => {
    const time = clock();
    const buckets = new AddressBuckets({ capacity: 60, refillPerSec: 60 / 3600, now: time.now });
    for (let i = 0; i < 60; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(60_000);
    time.advance(60_000);
    expect(buckets.take('a')).toBe(0);
  });
});
