import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { activityQueryKeys } from '../activity/activity-queries';
import { request } from '../socket/request';
import { useSocket } from '../socket/SocketProvider';
import { markLeft, retainBoard } from './board-membership';
import { boardQueryKeys } from './board-queries';

/**
 * Holds the board while the page shows it; when the page goes, leaves the room and drops the
 * cached snapshot and activity, so coming back joins again rather than showing a board nobody updates.
 */
export function useBoardMembership(boardId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      retainBoard(boardId, () => {
        markLeft(boardId);
        queryClient.removeQueries({ queryKey: boardQueryKeys.detail(boardId) });
        queryClient.removeQueries({ queryKey: activityQueryKeys.board(boardId) });
        void request(socket, 'board:leave', { boardId });
      }),
    [socket, queryClient, boardId],
  );
}
