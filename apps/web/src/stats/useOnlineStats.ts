import type { ServerPayload } from '@tally/events';
import { queryOptions, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSocket } from '../socket/SocketProvider';

type Stats = ServerPayload<'stats'>;

/** Server-wide figures; there is nothing to fetch, `stats` events (io.emit) write them in. */
export const statsQueryOptions = queryOptions<Stats>({ queryKey: ['stats'], queryFn: skipToken });

/** The latest `stats` from the server, or undefined until the first one arrives. */
export function useOnlineStats(): Stats | undefined {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    const onStats = (stats: Stats) => queryClient.setQueryData(statsQueryOptions.queryKey, stats);
    socket.on('stats', onStats);
    return () => {
      socket.off('stats', onStats);
    };
  }, [socket, queryClient]);
  return useQuery(statsQueryOptions).data;
}
