import { STORE_COMMAND_TIMEOUT_MS } from './redis-client.js';

/**
 * What `REDIS_WAITAOF` asks for: after each batch of ops, `WAITAOF numlocal numreplicas timeout`
 * must confirm that the batch reached the append-only file of `numLocal` (0 or 1: this primary)
 * and of `numReplicas` replicas before any ack is sent.
 */
export interface WaitAofPolicy {
  numLocal: 0 | 1;
  numReplicas: number;
  /** How long WAITAOF may wait; below the store's command timeout, so the ack still comes in time. */
  timeoutMs: number;
}

const DEFAULT_WAIT_AOF_TIMEOUT_MS = 800;

/**
 * Parses `REDIS_WAITAOF`: `numlocal,numreplicas[,timeoutMs]`, e.g. `1,0` (fsynced on the primary),
 * `1,1` (and on one replica), `1,0,500`. Unset or empty: no waiting. Throws a readable Error on
 * anything else, so a typo stops the server at start instead of silently weakening durability.
 */
export function parseWaitAofPolicy(text: string | undefined): WaitAofPolicy | null {
  if (text === undefined || text.trim() === '') return null;
  const match = /^\s*([01])\s*,\s*(\d{1,3})\s*(?:,\s*(\d{1,4})\s*)?$/.exec(text);
  if (!match) {
    throw new Error(`REDIS_WAITAOF must be "numlocal,numreplicas[,timeoutMs]" (e.g. "1,0"), got "${text}"`);
  }
  const numLocal = match[1] === '1' ? 1 : 0;
  const numReplicas = Number(match[2]);
  const timeoutMs = match[3] === undefined ? DEFAULT_WAIT_AOF_TIMEOUT_MS : Number(match[3]);
  if (numLocal === 0 && numReplicas === 0) {
    throw new Error('REDIS_WAITAOF "0,0" waits for nothing: leave it unset instead');
  }
  if (timeoutMs < 1 || timeoutMs >= STORE_COMMAND_TIMEOUT_MS) {
    throw new Error(`REDIS_WAITAOF timeoutMs must be 1-${STORE_COMMAND_TIMEOUT_MS - 1}, got ${timeoutMs}`);
  }
  return { numLocal, numReplicas, timeoutMs };
}
