/**
 * Where the client keeps what must outlive a page or a process: the identity, the names, the
 * pending-op queue and the boards last seen. Values are plain JSON-compatible data. Adapters:
 * IndexedDB in browsers (shared by the tabs of a profile), memory, and a JSON file in Node
 * (`@tally/client/node`).
 */
export interface ClientStorage {
  /** What backs it (`indexeddb`, `memory`, `file`), for diagnostics and warnings. */
  readonly kind: string;
  /** The stored value, or undefined when there is none. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  /**
   * Reads, changes and writes one value as a single step for everyone sharing the storage (the
   * tabs of a profile: one IndexedDB readwrite transaction), so that no tab overwrites a change
   * another made meanwhile. Resolves with what was written.
   */
  update<T>(key: string, updater: (current: unknown) => T): Promise<T>;
  delete(key: string): Promise<void>;
}

/** The keys the client stores its state under. */
export const STORAGE_KEYS = {
  /** `{ clientId, memberToken }` (protocol v1.1). */
  identity: 'identity',
  /** `{ chosen, guest }`: the name the user typed, and the one the server made up. */
  names: 'names',
  /** `{ version: 1, ops: PendingOp[] }`. */
  pendingOps: 'pendingOps',
  /** `{ version: 1, boards: [{ savedAt, role, board }] }`: see boards/last-known-boards.ts. */
  lastKnownBoards: 'lastKnownBoards',
} as const;
