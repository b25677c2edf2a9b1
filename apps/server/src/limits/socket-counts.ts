/**
 * Open sockets per address, with a cap. One node counts in memory; with REDIS_URL the cap holds
 * across every node (see redis-socket-counts.ts). The implementations share only this interface.
 */
export interface SocketCounts {
  /**
   * Counts one more socket of `address`, unless the address has the cap already: false means
   * refused (nothing counted). Every true is matched by exactly one release().
   */
  acquire(address: string): Promise<boolean>;
  /** One socket that acquire() counted is gone. */
  release(address: string): void;
  /** This node's open sockets per address (only addresses with at least one). */
  local(): ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** +1 for `address` in a map of counts. */
export function countUp(counts: Map<string, number>, address: string): void {
  counts.set(address, (counts.get(address) ?? 0) + 1);
}

/** -1 for `address`, dropping it at zero so that the map holds only live addresses. */
export function countDown(counts: Map<string, number>, address: string): void {
  const count = counts.get(address) ?? 0;
  if (count <= 1) counts.delete(address);
  else counts.set(address, count - 1);
}
