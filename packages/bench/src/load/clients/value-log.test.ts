import { describe, expect, it } from 'vitest';
import { ValueLog } from './value-log.js';

function receiptsOf(log: ValueLog, versions: number[]): Array<number | undefined> {
  const receipts: Array<number | undefined> = [];
  log.matchIncrements(Float64Array.from(versions), (index, receivedAt) => {
    receipts[index] = receivedAt;
  });
  return receipts;
}

describe('ValueLog', () => {
  it('credits an increment to the first receipt of any version at or above it (merged updates)', () => {
    const log = new ValueLog();
    log.start(10);
    log.deliver(12);
    log.deliver(15);
    const [eleven, twelve, thirteen, fifteen, sixteen] = receiptsOf(log, [11, 12, 13, 15, 16]);
    expect(eleven).toBeDefined();
    expect(eleven).toBe(twelve);
    expect(thirteen).toBeDefined();
    expect(thirteen).toBe(fifteen);
    expect(thirteen).toBeGreaterThanOrEqual(twelve ?? 0);
    expect(sixteen).toBeUndefined();
  });

  it('counts stale and repeated versions as deliveries but keeps only rising ones', () => {
    const log = new ValueLog();
    log.start(5);
    log.deliver(4);
    log.deliver(6);
    log.deliver(6);
    expect(log.deliveries).toBe(3);
    expect(log.latestVersion).toBe(6);
    expect(receiptsOf(log, [5, 6, 7]).map((receipt) => receipt !== undefined)).toEqual([true, true, false]);
  });

  it('keeps every version past its initial capacity', () => {
    const log = new ValueLog();
    log.start(0);
    for (let version = 1; version <= 1_000; version++) log.deliver(version);
    expect(receiptsOf(log, [1, 500, 1_000]).every((receipt) => receipt !== undefined)).toBe(true);
  });
});
