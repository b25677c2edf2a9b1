import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from './connection-status';
import { useConnectionStore } from './SocketProvider';

/** The connection status as one value, re-rendering only when it changes. */
export function useConnectionStatus(): ConnectionStatus {
  const store = useConnectionStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
