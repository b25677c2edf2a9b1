import type { TallySocket } from '../sockets/socket-types.js';
import { TokenBucket } from './token-bucket.js';

export interface SocketRateLimit {
  burst: number;
  refillPerSec: number;
}

/** The token buckets of one server's sockets. */
export interface SocketEventBudgets {
  /**
   * Takes a token from the socket's own bucket, then from its address's; says which limit refused
   * the event, or null when it may go on.
   */
  take(socket: TallySocket): 'socket' | 'address' | null;
}

/** The budget of a socket's client address, shared by all its sockets (ADDRESS_EVENTS_PER_SEC). */
export interface AddressEventBudget {
  takeEvent(socket: TallySocket): boolean;
}

/**
 * Gives each socket its own token bucket, made at its first event and dropped with the socket (a
 * WeakMap, not socket.data, which Socket.IO keeps and serialises for connection state recovery),
 * and then charges the socket's address. Past either limit an event is refused and the socket stays
 * connected; other sockets, and other addresses, have their own buckets and are not slowed. An
 * event the socket's own bucket refuses costs its address nothing.
 */
export function createSocketEventBudgets(
  limit: SocketRateLimit,
  perAddress: AddressEventBudget,
): SocketEventBudgets {
  const buckets = new WeakMap<TallySocket, TokenBucket>();
  return {
    take(socket) {
      let bucket = buckets.get(socket);
      if (!bucket) {
        bucket = new TokenBucket(limit.burst, limit.refillPerSec);
        buckets.set(socket, bucket);
      }
      if (!bucket.take()) return 'socket';
      return perAddress.takeEvent(socket) ? null : 'address';
    },
  };
}
