import type { TallySocket } from './socket-types.js';
import { TokenBucket } from './token-bucket.js';

export interface SocketRateLimit {
  burst: number;
  refillPerSec: number;
}

/** The token buckets of one server's sockets. */
export interface SocketEventBudgets {
  /** Takes a token from the socket's own bucket; false means the event is over the limit. */
  take(socket: TallySocket): boolean;
}

/**
 * Gives each socket its own token bucket, made at its first event and dropped with the socket (a
 * WeakMap, not socket.data, which Socket.IO keeps and serialises for connection state recovery).
 * Past the limit an event is refused and the socket stays connected; other sockets have their
 * own buckets and are not slowed.
 */
export function createSocketEventBudgets(limit: SocketRateLimit): SocketEventBudgets {
  const buckets = new WeakMap<TallySocket, TokenBucket>();
  return {
    take(socket) {
      let bucket = buckets.get(socket);
      if (!bucket) {
        bucket = new TokenBucket(limit.burst, limit.refillPerSec);
        buckets.set(socket, bucket);
      }
      return bucket.take();
    },
  };
}
