import { TallyError } from '@tally/events';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreWriteMonitor, type StoreWriteMonitor } from './store-write-monitor.js';

const INTERVAL_MS = 10;

/** A probe whose outcome the test decides, one call at a time. */
function scriptedProbe() {
  const calls: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  return {
    calls,
    probe: () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })),
  };
}

const unavailable = () => new TallyError('unavailable', 'the store is unavailable, try again later');

let monitor: StoreWriteMonitor | undefined;
afterEach(() => monitor?.stop());

describe('store write monitor', () => {
  it('turns unwritable on a batch failing with unavailable, once, and writable on the next success', async () => {
    const changes: Array<[boolean, unknown]> = [];
    monitor = createStoreWriteMonitor({
      probe: scriptedProbe().probe,
      intervalMs: 60_000,
      onChange: (writable, failure) => changes.push([writable, failure]),
    });
    const failure = unavailable();
    await expect(monitor.observe(Promise.reject(failure))).rejects.toBe(failure);
    await expect(monitor.observe(Promise.reject(unavailable()))).rejects.toThrow();
    expect(monitor.writable()).toBe(false);
    await monitor.observe(Promise.resolve('outcomes'));
    expect(monitor.writable()).toBe(true);
    expect(changes).toEqual([
      [false, failure],
      [true, undefined],
    ]);
  });

  it('does not count refusals other than unavailable as the store failing', async () => {
    monitor = createStoreWriteMonitor({
      probe: scriptedProbe().probe,
      intervalMs: 60_000,
      onChange: () => {},
    });
    await expect(monitor.observe(Promise.reject(new TallyError('internal', 'bug')))).rejects.toThrow();
    expect(monitor.writable()).toBe(true);
  });

  it('probes while nobody writes: a failed probe turns it unwritable, a later success back', async () => {
    const { calls, probe } = scriptedProbe();
    monitor = createStoreWriteMonitor({ probe, intervalMs: INTERVAL_MS, onChange: () => {} });
    await expect.poll(() => calls.length).toBe(1);
    calls[0]?.reject(new Error('SQLITE_FULL'));
    await expect.poll(() => monitor?.writable()).toBe(false);
    await expect.poll(() => calls.length).toBe(2);
    calls[1]?.resolve();
    await expect.poll(() => monitor?.writable()).toBe(true);
  });

  it('does not take a probe for a recovery when a batch failed while it ran', async () => {
    const { calls, probe } = scriptedProbe();
    monitor = createStoreWriteMonitor({ probe, intervalMs: INTERVAL_MS, onChange: () => {} });
    await expect(monitor.observe(Promise.reject(unavailable()))).rejects.toThrow();
    await expect.poll(() => calls.length).toBe(1);
    await expect(monitor.observe(Promise.reject(unavailable()))).rejects.toThrow();
    calls[0]?.resolve();
    await expect.poll(() => calls.length).toBe(2);
    expect(monitor.writable()).toBe(false);
    calls[1]?.resolve();
    await expect.poll(() => monitor?.writable()).toBe(true);
  });
});
