import type { TallyServer } from '../sockets/socket-types.js';
import { TokenBucket } from './token-bucket.js';

/**
 * Focus deliveries (one relay written to one socket) a board may cost per second, and its burst.
 * Measured here, one volatile write to 10,000 sockets takes 190–260 ms, 19–26 µs a socket: 5,000
 * a second is 95–130 ms of each second, 10–13% of the event loop, and even the worst second (the
 * full burst on top of the refill) stays near 20–26%. A 10-member board where every member sends
 * at the default socket rate limit (50/s) costs 10 × 50 × 9 = 4,500 a second, under it; the web
 * app sends at most about 7 a second. A 10,000-member board gets a relay about every 2 s.
 */
export const FOCUS_DELIVERIES_PER_SEC = 5_000;

/** The `presence:focus` relay budgets of one server's boards. */
export interface BoardFocusBudgets {
  /** Charges a relay to the board's budget, one delivery per other socket in its room here; false: drop it. */
  takeRelay(boardId: string): boolean;
}

/**
 * Gives each board a token bucket of focus deliveries (one second of burst), so that one relay
 * costs what it writes and a big board cannot spend the event loop on pointers. The room size is
 * local and O(1): with several nodes each node charges its own sockets. A board's bucket goes when
 * its room empties, so the map holds only boards someone is on.
 */
export function createBoardFocusBudgets(
  io: TallyServer,
  deliveriesPerSec: number = FOCUS_DELIVERIES_PER_SEC,
): BoardFocusBudgets {
  const rooms = io.of('/').adapter.rooms;
  const buckets = new Map<string, TokenBucket>();
  io.of('/').adapter.on('delete-room', (room: string) => buckets.delete(room));
  return {
    takeRelay(boardId) {
      // The sender is in the room and is not written to.
      const deliveries = (rooms.get(boardId)?.size ?? 1) - 1;
      if (deliveries <= 0) return true;
      let bucket = buckets.get(boardId);
      if (!bucket) {
        bucket = new TokenBucket(deliveriesPerSec, deliveriesPerSec);
        buckets.set(boardId, bucket);
      }
      return bucket.take(deliveries);
    },
  };
}
