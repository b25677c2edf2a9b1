import type { LiveEvent } from '@tally/client';
import { describe, expect, it } from 'vitest';
import { describeConnection, describeLiveEvent } from './log-lines.js';

const at = { seq: 1, at: 0 };
const ana = { clientId: 'ana-client', name: 'Ana' };

describe('describeLiveEvent', () => {
  it('tells a value change with who made it', () => {
    const event: LiveEvent = {
      type: 'update',
      ...at,
      counterId: 'a',
      counterName: 'Count',
      before: 40,
      value: 0,
      actors: [
        { ...ana, delta: 3 },
        { clientId: 'bot-client', name: 'Bot', delta: -1, kind: 'undo' },
        { clientId: 'own-client', name: 'Owner', delta: -42, kind: 'reset' },
      ],
    };
    expect(describeLiveEvent(event)).toBe('"Count" 40 → 0 (Ana +3, Bot undid +1, Owner reset)');
  });

  it('tells a value change without actors (a server may omit them)', () => {
    const event: LiveEvent = {
      type: 'update',
      ...at,
      counterId: 'a',
      counterName: 'Count',
      before: 1,
      value: 2,
      actors: undefined,
    };
    expect(describeLiveEvent(event)).toBe('"Count" 1 → 2');
  });

  it('tells counters created, renamed and deleted', () => {
    const counter = { type: 'counter', ...at, counterId: 'a', actor: ana } as const;
    expect(describeLiveEvent({ ...counter, kind: 'counter_created', counterName: 'Votes', value: 5 })).toBe(
      'Ana created "Votes" at 5',
    );
    expect(
      describeLiveEvent({ ...counter, kind: 'counter_renamed', counterName: 'Votes', previousName: 'Count' }),
    ).toBe('Ana renamed "Count" to "Votes"');
    expect(describeLiveEvent({ ...counter, kind: 'counter_deleted', counterName: 'Votes' })).toBe(
      'Ana deleted "Votes"',
    );
  });

  it('tells arrivals', () => {
    expect(describeLiveEvent({ type: 'presence', ...at, kind: 'joined', name: 'Ana' })).toBe('Ana joined');
  });
});

describe('describeConnection', () => {
  it('says why the bot is offline', () => {
    expect(describeConnection({ kind: 'offline', reason: 'refused', detail: 'invalid_auth' })).toBe(
      'connection: Offline (refused: invalid_auth)',
    );
    expect(describeConnection({ kind: 'reconnecting', attempt: 3 })).toBe(
      'connection: Reconnecting (attempt 3)',
    );
  });
});
