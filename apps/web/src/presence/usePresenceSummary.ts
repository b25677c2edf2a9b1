import type { ServerPayload } from '@tally/events';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { boardQueryKeys } from '../boards/board-queries';
import { type BoardView, withPresenceSummary } from '../boards/board-view';
import { useSocket } from '../socket/SocketProvider';

/**
 * Keeps the board's presence current from `presence:summary`: the app joins boards in summary
 * mode, so it hears no `presence:joined` / `presence:left`, only a count and the first names at
 * most once a second.
 */
export function usePresenceSummary(boardId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    const key = boardQueryKeys.detail(boardId);
    const onSummary = (summary: ServerPayload<'presence:summary'>) => {
      if (summary.boardId !== boardId) return;
      queryClient.setQueryData<BoardView>(key, (view) => view && withPresenceSummary(view, summary));
    };
    socket.on('presence:summary', onSummary);
    return () => {
      socket.off('presence:summary', onSummary);
    };
  }, [socket, queryClient, boardId]);
}
