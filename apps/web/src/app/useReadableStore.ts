import type { ReadableStore } from '@tally/client';
import { useSyncExternalStore } from 'react';

/** A value the client keeps, re-rendering when it changes; the subscription ends with the component. */
export function useReadableStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
