import type { ServerPayload } from '@tally/events';
import { useTallyClient } from '../app/TallyClientProvider';
import { useReadableStore } from '../app/useReadableStore';

/** The latest `stats` from the server, or undefined until the first one arrives. */
export function useOnlineStats(): ServerPayload<'stats'> | undefined {
  return useReadableStore(useTallyClient().stats);
}
