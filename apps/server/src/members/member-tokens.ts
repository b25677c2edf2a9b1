import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Member tokens (protocol v1.1): proof that a clientId was given by this deployment. A token is
 * an HMAC of the clientId under the deployment's secret, so any node can check one without a
 * lookup, and nobody without the secret can make one for someone else's clientId.
 */
export interface MemberTokens {
  /** The token that proves `clientId` (sent in `hello`). */
  issue(clientId: string): string;
  /** Whether `token` proves `clientId`, in constant time. */
  verify(clientId: string, token: string): boolean;
  /** A new clientId, for a socket that proved none: 96 random bits, URL-safe. */
  newClientId(): string;
}

/** The domain of the MAC: a member token can never be mistaken for another HMAC of the same secret. */
const PURPOSE = 'tally-member-token:v1:';

export function createMemberTokens(secret: string): MemberTokens {
  const mac = (clientId: string) =>
    createHmac('sha256', secret)
      .update(PURPOSE + clientId, 'utf8')
      .digest();
  return {
    issue: (clientId) => mac(clientId).toString('base64url'),
    verify(clientId, token) {
      const expected = mac(clientId);
      const actual = Buffer.from(token, 'base64url');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    newClientId: () => randomBytes(12).toString('base64url'),
  };
}
