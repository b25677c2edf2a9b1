import type { Store } from './store.js';

/** Every method of the Store interface: the compiler fails here when one is added and not listed. */
const STORE_METHODS = {
  init: true,
  close: true,
  ping: true,
  serverSecret: true,
  createBoard: true,
  getBoard: true,
  listPublicBoards: true,
  createBoardWithCounters: true,
  listCounters: true,
  getCounter: true,
  createCounter: true,
  renameCounter: true,
  configureCounter: true,
  deleteCounter: true,
  applyOps: true,
  getOp: true,
  listActivity: true,
  counterHistory: true,
  totalIncrements: true,
  addChatMessage: true,
  recentChatMessages: true,
  chatMessagesBefore: true,
} as const satisfies Record<keyof Store, true>;

export type StoreMethod = keyof typeof STORE_METHODS;

/** Calls made to the store since it was opened, by method. */
export type StoreCalls = Readonly<Record<StoreMethod, number>>;

/**
 * The store, with each call counted on its way in (`tally_store_calls_total{method}`). What a
 * click costs the store is the hot path's main figure (one `applyOps` per batch and nothing else
 * per increment), and this is where it is seen, by operators and tests alike. Costs one
 * property increment per call.
 */
export function countStoreCalls(store: Store): { store: Store; calls(): StoreCalls } {
  const counts = Object.fromEntries(Object.keys(STORE_METHODS).map((method) => [method, 0])) as Record<
    StoreMethod,
    number
  >;
  const counted: Record<string, unknown> = {};
  for (const method of Object.keys(STORE_METHODS) as StoreMethod[]) {
    const call = (store[method] as (...args: unknown[]) => unknown).bind(store);
    counted[method] = (...args: unknown[]) => {
      counts[method]++;
      return call(...args);
    };
  }
  return { store: counted as unknown as Store, calls: () => ({ ...counts }) };
}
