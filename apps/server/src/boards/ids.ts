import { randomBytes } from 'node:crypto';

/** A random id for counters and chat messages: 72 bits, 12 URL-safe chars (fits the contract's idSchema). */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * A board id a person can read in a URL: a slug of the name plus a random suffix,
 * e.g. "team-standup-Xk3_a9Qe". Names without Latin letters or digits get the suffix alone.
 */
export function newBoardId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  const suffix = randomBytes(6).toString('base64url');
  return slug ? `${slug}-${suffix}` : suffix;
}
