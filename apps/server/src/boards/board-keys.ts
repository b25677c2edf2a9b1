import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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
