import { describe, expect, it } from 'vitest';
import { appendEvents, MAX_EVENTS, recordEvent } from './event-log';

describe('event log', () => {
  it('records the payload as JSON and leaves acknowledgement callbacks out', () => {
    const event = recordEvent('out', 'counter:increment', [{ counterId: 'c1', opId: 'x' }, () => {}], 5);
    expect(event).toMatchObject({ direction: 'out', name: 'counter:increment', at: 5 });
    expect(event.payload).toBe('{"counterId":"c1","opId":"x"}');
  });

  it('survives payloads that cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(recordEvent('in', 'x', [cyclic], 0).payload).toBe('[unserialisable]');
  });

  it('keeps the last 200 events', () => {
    const many = Array.from({ length: MAX_EVENTS + 5 }, (_, i) => recordEvent('in', `e${i}`, [], i));
    const log = appendEvents([], many);
    expect(log).toHaveLength(MAX_EVENTS);
    expect(log[0]?.name).toBe('e5');
  });
});
