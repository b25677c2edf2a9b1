import type { Ack, AckedClientEvent, ClientEventResults, ClientPayload } from '@tally/events';
import type { TallySocket } from '../socket.js';

export const ACK_TIMEOUT_MS = 10_000;

export type AckOf<E extends AckedClientEvent> = Ack<ClientEventResults[E]>;

export interface RequestOptions {
  /** How long to wait for the ack before answering `unavailable` (default ACK_TIMEOUT_MS). */
  timeoutMs?: number;
  /**
   * Runs the moment the ack arrives, before any event the server sent after it is handled: the
   * returned promise settles only once the rest of the transport payload has been handled.
   */
  onAck?(): void;
}

/**
 * Emits an acknowledged event and resolves with its ack. While disconnected nothing is emitted
 * (socket.io would buffer it and send it on reconnect, long after the caller gave up); a missing
 * connection or a late ack resolve as `unavailable`, which the protocol defines as retryable.
 * It never rejects.
 */
export function request<E extends AckedClientEvent>(
  socket: TallySocket,
  event: E,
  payload: ClientPayload<E>,
  options: RequestOptions = {},
): Promise<AckOf<E>> {
  if (!socket.connected) {
    return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'You are offline.' } });
  }
  // The event map is keyed per event; one generic call site needs this widening.
  const timed = socket.timeout(options.timeoutMs ?? ACK_TIMEOUT_MS);
  const emit = timed.emit.bind(timed) as unknown as (
    event: E,
    payload: ClientPayload<E>,
    callback: (error: Error | null, ack: AckOf<E>) => void,
  ) => void;
  return new Promise((resolve) => {
    emit(event, payload, (error, ack) => {
      if (error !== null) {
        resolve({ ok: false, error: { code: 'unavailable', message: 'The server did not answer in time.' } });
        return;
      }
      options.onAck?.();
      resolve(ack);
    });
  });
}
