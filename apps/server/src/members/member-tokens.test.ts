import { describe, expect, it } from 'vitest';
import { createMemberTokens } from './member-tokens.js';

describe('member tokens', () => {
  const tokens = createMemberTokens('a'.repeat(64));

  it('prove the clientId they were issued for, and no other', () => {
    const token = tokens.issue('ana-client-1');
    expect(tokens.verify('ana-client-1', token)).toBe(true);
    expect(tokens.verify('ben-client-1', token)).toBe(false);
  });

  it('are refused when altered, truncated or made under another secret', () => {
    const token = tokens.issue('ana-client-1');
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(tokens.verify('ana-client-1', flipped)).toBe(false);
    expect(tokens.verify('ana-client-1', token.slice(0, 20))).toBe(false);
    expect(tokens.verify('ana-client-1', createMemberTokens('b'.repeat(64)).issue('ana-client-1'))).toBe(
      false,
    );
    expect(tokens.verify('ana-client-1', 'not base64 at all!')).toBe(false);
  });

  it('fit the contract: at most 200 chars; new clientIds are 8-64 URL-safe chars', () => {
    expect(tokens.issue('x'.repeat(64)).length).toBeLessThanOrEqual(200);
    expect(tokens.newClientId()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(tokens.newClientId()).not.toBe(tokens.newClientId());
  });
});
