import type { ServerPayload } from '@tally/events';
import { useQuery } from '@tanstack/react-query';
import { statsQueryOptions } from './stats-subscription';

/** The latest `stats` from the server, or undefined until the first one arrives. */
export function useOnlineStats(): ServerPayload<'stats'> | undefined {
  return useQuery(statsQueryOptions).data;
}
