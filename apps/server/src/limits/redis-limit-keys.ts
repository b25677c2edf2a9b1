import { DEFAULT_KEY_PREFIX } from '../redis/redis-keys.js';

/**
 * The keys of the limits per address, under the store's prefix (`tally:limits:…`) so that
 * `SCAN MATCH tally:*` still shows all of Tally. Node uids are `[A-Za-z0-9_-]`; an address may
 * hold `:` (IPv6), which is harmless at the end of a key.
 */
export interface LimitKeys {
  /** Sorted set of the nodes counting sockets: score = their last heartbeat (Redis time, ms). */
  socketNodes(): string;
  /** Hash of one node's open sockets: address → count. Expires when the node stops beating. */
  nodeSockets(nodeUid: string): string;
  /** Hash `tokens`, `at`: one address's board creations bucket; expires once full again. */
  boardCreates(address: string): string;
}

export function limitKeys(prefix: string = DEFAULT_KEY_PREFIX): LimitKeys {
  const base = `${prefix}limits:`;
  return {
    socketNodes: () => `${base}socket-nodes`,
    nodeSockets: (nodeUid) => `${base}sockets:${nodeUid}`,
    boardCreates: (address) => `${base}board-creates:${address}`,
  };
}
