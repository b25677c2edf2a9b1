import type { TestClient } from '../helpers/test-client.js';

/** How long one attempt waits for its ack before it is sent again (same opId). */
const ATTEMPT_TIMEOUT_MS = 3000;
/** A client's pause before retrying after `unavailable`, as the web app backs off. */
const RETRY_BACKOFF_MS = 100;

export interface RetryStats {
  /** Attempts that were answered `unavailable` (retried). */
  unavailable: number;
  /** Attempts answered `not_joined`: a socket new to this node had not joined the board again yet (retried). */
  notJoined: number;
  /** Attempts that got no ack in time or were cut by a lost link (retried). */
  lost: number;
}

/**
 * Sends one increment until it is acknowledged, the way a client must: the same opId on every
 * attempt, so a retry of an applied op only replays its first result. Gives up after `deadline`.
 */
export async function incrementUntilAcked(
  client: TestClient,
  payload: { counterId: string; by: number; opId: string },
  stats: RetryStats,
  deadline: number,
): Promise<{ value: number; version: number }> {
  while (Date.now() < deadline) {
    try {
      const ack = await client.socket.timeout(ATTEMPT_TIMEOUT_MS).emitWithAck('counter:increment', payload);
      if (ack.ok) return ack;
      if (ack.error.code === 'unavailable') stats.unavailable += 1;
      else if (ack.error.code === 'not_joined') stats.notJoined += 1;
      else throw new Error(`increment refused: ${ack.error.code} ${ack.error.message}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('increment refused')) throw error;
      stats.lost += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_BACKOFF_MS));
  }
  throw new Error(`increment ${payload.opId} not acknowledged before the deadline`);
}
