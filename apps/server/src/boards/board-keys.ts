import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new owner or access key: 192 random bits, URL-safe (it travels in share links). */
export function generateBoardKey(): string {
  return randomBytes(24).toString('base64url');
}

/** What the store keeps instead of a key: its SHA-256, hex. Keys are random, so no salt or slow hash is needed. */
export function hashBoardKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Whether `key` is the key behind `storedHash`, in constant time: both sides are compared as
 * 32-byte digests, so neither the key's length nor its first wrong byte shows in the timing.
 */
export function keyMatchesHash(key: string, storedHash: string | null): boolean {
  if (storedHash === null) return false;
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(key, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The keys of a board that are derived instead of stored (v1.1): viewer keys always, access keys of new private boards. */
export type DerivedKeyPurpose = 'viewer' | 'access';

/**
 * A board key derived from the store's secret: 192 bits of an HMAC over the purpose and the board
 * id, URL-safe like a generated key. The server can give it again at any time (an owner's join ack
 * carries it), so boards made before v1.1 have a viewer key too, without a migration.
 */
export function deriveBoardKey(secret: string, purpose: DerivedKeyPurpose, boardId: string): string {
  return createHmac('sha256', secret)
    .update(`tally-board-key:${purpose}:${boardId}`, 'utf8')
    .digest()
    .subarray(0, 24)
    .toString('base64url');
}

/** Whether two keys are equal, in constant time whatever their lengths (both are hashed first). */
export function keysEqual(a: string, b: string): boolean {
  return keyMatchesHash(a, hashBoardKey(b));
}
