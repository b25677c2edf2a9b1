import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { activityQueryKeys } from '../activity/activity-queries';
import { isJoined, resumeJoins } from '../boards/board-membership';
import { boardQueryKeys } from '../boards/board-queries';
import { request } from './request';
import { useSocket } from './SocketProvider';

/**
 * Brings the cache up to date after every connection. When the server recovered the session
 * (`socket.recovered`: back within its window), it restored the socket's rooms, roles and
 * presence and replayed the events missed meanwhile, so the boards it had joined are current
 * and nothing is refetched. Otherwise everything is: the board queries join their rooms again
 * (the new connection has none) and cover whatever happened while this tab was away. A board's
 * activity history follows its board's load instead (see useActivityHistory): asked for before
 * the join, it would miss what happens between the two.
 */
export function useResyncOnReconnect(): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    const onConnect = () => {
      const recovered = socket.recovered;
      // Boards left while the link was down are still rooms of a recovered session: leave them now.
      for (const boardId of resumeJoins(recovered)) void request(socket, 'board:leave', { boardId });
      // A load already on its way (waiting for this very connection) is not started twice.
      if (!recovered) {
        void queryClient.invalidateQueries(
          { predicate: (query) => query.queryKey[0] !== activityQueryKeys.all[0] },
          { cancelRefetch: false },
        );
        return;
      }
      // Even so, a board shown without a join (opened while the link was down, so loaded over
      // HTTP, or its join cut off by the drop) has no room to recover: it still needs its join.
      void queryClient.invalidateQueries(
        {
          queryKey: boardQueryKeys.all,
          predicate: (query) => {
            const boardId = query.queryKey[1];
            return typeof boardId === 'string' && !isJoined(boardId);
          },
        },
        { cancelRefetch: false },
      );
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient]);
}
