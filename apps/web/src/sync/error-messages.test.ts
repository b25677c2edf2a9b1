import { describe, expect, it } from 'vitest';
import { describeFailure } from './error-messages';

describe('describeFailure', () => {
  it('says who may do an owner-only action', () => {
    expect(describeFailure('reset', { code: 'forbidden', message: 'x' })).toBe(
      'Only the board owner can reset counters.',
    );
    expect(describeFailure('delete', { code: 'forbidden', message: 'x' })).toBe(
      'Only the board owner can delete counters.',
    );
    expect(describeFailure('configure', { code: 'forbidden', message: 'x' })).toBe(
      'Only the board owner can change counter settings.',
    );
  });

  it('names the counter when a click would overflow it', () => {
    expect(describeFailure('increment', { code: 'out_of_range', message: 'x' }, { name: 'Count' })).toContain(
      '“Count”',
    );
  });

  it('names the bounds a click would have crossed', () => {
    const seats = { name: 'Seats', min: 0, max: 10 };
    expect(describeFailure('increment', { code: 'out_of_range', message: 'x' }, seats)).toBe(
      '“Seats” must stay between 0 and 10, so that change was undone.',
    );
    expect(
      describeFailure('configure', { code: 'out_of_range', message: 'x' }, { ...seats, value: 12 }),
    ).toBe('“Seats” is outside those limits (it is 12): change its value first.');
  });

  it('says a refused import file is not a snapshot, and why an undo was refused', () => {
    expect(describeFailure('import', { code: 'invalid_payload', message: 'bad magic' })).toBe(
      'This file is not a Tally board snapshot.',
    );
    expect(describeFailure('undo', { code: 'forbidden', message: 'x' })).toMatch(/within 10 minutes/);
  });

  it('falls back to the server’s message for anything else', () => {
    expect(describeFailure('chat', { code: 'invalid_payload', message: 'text too long' })).toBe(
      'Sending the message failed: text too long',
    );
  });
});
