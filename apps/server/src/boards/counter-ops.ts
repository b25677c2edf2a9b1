import { TallyError } from '@tally/events';
import type { WriteBatcher } from '../counters/write-batcher.js';
import type { CounterOp } from '../store/store.js';

/**
 * Sends a value-changing op through the write batcher, the one path shared by the socket and
 * HTTP: it resolves once the op is durable (before the `counter:updated` that carries it) and
 * turns a refused op into its TallyError. `address` is the client's, for its share of the queue.
 */
export async function applyCounterOp(
  batcher: WriteBatcher,
  op: CounterOp,
  address: string,
): Promise<{ boardId: string; value: number; version: number }> {
  const outcome = await batcher.submit(op, address);
  if (!outcome.ok) throw new TallyError(outcome.code, outcome.message);
  return { boardId: outcome.boardId, value: outcome.value, version: outcome.version };
}
