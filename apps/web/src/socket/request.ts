import type { Ack, AckedClientEvent, ClientEventResults, ClientPayload } from '@tally/events';
import type { TallySocket } from './socket';

export const ACK_TIMEOUT_MS = 10_000;

type AckOf<E extends AckedClientEvent> = Ack<ClientEventResults[E]>;

/**
 * Emits an acknowledged event and resolves with its ack. While disconnected nothing is emitted
 * (socket.io would buffer it and send it on reconnect, long after the caller gave up); a missing
 * connection or a late ack resolve as `unavailable`, which the protocol defines as retryable.
 */
export async function request<E extends AckedClientEvent>(
  socket: TallySocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<AckOf<E>> {
  if (!socket.connected) {
    return { ok: false, error: { code: 'unavailable', message: 'You are offline.' } };
  }
  // The event map is keyed per event; one generic call site needs this widening.
  const timed = socket.timeout(timeoutMs);
  const emitWithAck = timed.emitWithAck.bind(timed) as unknown as (
    event: E,
    payload: ClientPayload<E>,
  ) => Promise<AckOf<E>>;
  try {
    return await emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'The server did not answer in time.' } };
  }
}
