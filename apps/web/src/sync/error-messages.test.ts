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
  });

  it('names the counter when a click would overflow it', () => {
    expect(describeFailure('increment', { code: 'out_of_range', message: 'x' }, 'Count')).toContain(
      '“Count”',
    );
  });

  it('falls back to the server’s message for anything else', () => {
    expect(describeFailure('chat', { code: 'invalid_payload', message: 'text too long' })).toBe(
      'Sending the message failed: text too long',
    );
  });
});
