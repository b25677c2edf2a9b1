import { countDown, countUp, type SocketCounts } from './socket-counts.js';

/** Sockets per address on a node without Redis: the node's own count is the whole truth. */
export function createMemorySocketCounts(maxPerAddress: number): SocketCounts {
  const counts = new Map<string, number>();
  return {
    async acquire(address) {
      if ((counts.get(address) ?? 0) >= maxPerAddress) return false;
      countUp(counts, address);
      return true;
    },
    release(address) {
      countDown(counts, address);
    },
    local: () => counts,
    async close() {},
  };
}
