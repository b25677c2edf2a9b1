import { ackError } from '@tally/events';
import { findAck } from './ack.js';
import type { TallySocket } from './socket-types.js';
import { TokenBucket } from './token-bucket.js';

export interface SocketRateLimit {
  burst: number;
  refillPerSec: number;
}

/**
 * Gives the socket its own token bucket, counted for every event it sends, known or not.
 * Past the limit the event is dropped (answered `rate_limited` when it has a callback) and the
 * socket stays connected; other sockets have their own buckets and are not slowed.
 */
export function limitSocketEvents(socket: TallySocket, limit: SocketRateLimit): void {
  const bucket = new TokenBucket(limit.burst, limit.refillPerSec);
  socket.use((packet, next) => {
    if (bucket.take()) {
      next();
      return;
    }
    findAck(packet)?.(ackError('rate_limited', 'too many events, slow down and retry later'));
  });
}
