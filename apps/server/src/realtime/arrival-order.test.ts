import { describe, expect, it } from 'vitest';
import { inArrivalOrder } from './arrival-order.js';

/** A step that finishes only when the test says so, recording when it started and ended. */
function controlledStep(log: string[], name: string) {
  let finish: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const step = () => {
    log.push(`${name} started`);
    return new Promise<string>((resolve, reject) => {
      finish = () => {
        log.push(`${name} done`);
        resolve(name);
      };
      fail = reject;
    });
  };
  return { step, finish: () => finish(), fail: (error: Error) => fail(error) };
}

describe('inArrivalOrder', () => {
  it('starts a socket’s next step only once the one before it has settled', async () => {
    const socket = {};
    const log: string[] = [];
    const first = controlledStep(log, 'first');
    const second = controlledStep(log, 'second');
    const firstResult = inArrivalOrder(socket, first.step);
    const secondResult = inArrivalOrder(socket, second.step);
    await Promise.resolve();
    expect(log).toEqual(['first started']);
    first.finish();
    expect(await firstResult).toBe('first');
    await expect.poll(() => log).toContain('second started');
    second.finish();
    expect(await secondResult).toBe('second');
    expect(log).toEqual(['first started', 'first done', 'second started', 'second done']);
  });

  it('runs the next step after one that failed, and fails only the failed one', async () => {
    const socket = {};
    const log: string[] = [];
    const failing = controlledStep(log, 'failing');
    const next = controlledStep(log, 'next');
    const failed = inArrivalOrder(socket, failing.step);
    const nextResult = inArrivalOrder(socket, next.step);
    failing.fail(new Error('store down'));
    await expect(failed).rejects.toThrow('store down');
    await expect.poll(() => log).toContain('next started');
    next.finish();
    expect(await nextResult).toBe('next');
  });

  it('does not make one socket wait for another', async () => {
    const log: string[] = [];
    const slow = controlledStep(log, 'slow');
    const other = controlledStep(log, 'other');
    void inArrivalOrder({}, slow.step);
    const otherResult = inArrivalOrder({}, other.step);
    expect(log).toEqual(['slow started', 'other started']);
    other.finish();
    expect(await otherResult).toBe('other');
    slow.finish();
  });
});
