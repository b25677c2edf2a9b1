import type { ServerPayload } from '@tally/events';
import { queryOptions, skipToken } from '@tanstack/react-query';
import { queryClient } from '../app/query-client';
import { socket } from '../socket/socket';

type Stats = ServerPayload<'stats'>;

/** Server-wide figures; there is nothing to fetch, `stats` events (io.emit) write them in. */
export const statsQueryOptions = queryOptions<Stats>({ queryKey: ['stats'], queryFn: skipToken });

// Subscribed when the module loads, not in an effect: the server sends `stats` right after the
// handshake, which on a fast link can land before React has run its first effects.
socket.on('stats', (stats) => queryClient.setQueryData(statsQueryOptions.queryKey, stats));
