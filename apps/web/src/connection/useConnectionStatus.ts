import type { ConnectionStatus } from '@tally/client';
import { useTallyClient } from '../app/TallyClientProvider';
import { useReadableStore } from '../app/useReadableStore';

/** The connection status as one value, re-rendering only when it changes. */
export function useConnectionStatus(): ConnectionStatus {
  return useReadableStore(useTallyClient().connection);
}
