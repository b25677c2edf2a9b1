import { describe, expect, it } from 'vitest';
import { createReadiness } from './readiness.js';

function recordingLog() {
  const lines: Array<{ details: object; message: string }> = [];
  return { lines, warn: (details: object, message: string) => lines.push({ details, message }) };
}

describe('readiness', () => {
  it('is ready with no reason, and lists the reasons that hold in a fixed order', () => {
    const readiness = createReadiness(recordingLog());
    expect(readiness.reasons()).toEqual([]);
    readiness.set('draining', true);
    readiness.set('store', true);
    expect(readiness.reasons()).toEqual(['store', 'draining']);
    readiness.set('store', false);
    expect(readiness.reasons()).toEqual(['draining']);
  });

  it('logs a state once when it starts and once when it ends, however often it is reported', () => {
    const log = recordingLog();
    const readiness = createReadiness(log);
    readiness.set('event_loop', false, { eventLoopDelayMs: 3 });
    for (const delay of [1200, 1500, 1300]) readiness.set('event_loop', true, { eventLoopDelayMs: delay });
    readiness.set('event_loop', false, { eventLoopDelayMs: 4 });
    readiness.set('event_loop', false, { eventLoopDelayMs: 2 });
    expect(log.lines).toEqual([
      {
        details: { eventLoopDelayMs: 1200, readiness: 'event_loop' },
        message: 'not ready: the event loop is overloaded',
      },
      {
        details: { eventLoopDelayMs: 4, readiness: 'event_loop' },
        message: 'ready again: the event loop keeps up again',
      },
    ]);
  });
});
