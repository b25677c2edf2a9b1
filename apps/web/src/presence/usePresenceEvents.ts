import type { ServerPayload } from '@tally/events';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { boardQueryKeys } from '../boards/board-queries';
import { type BoardView, withMemberJoined, withMemberLeft } from '../boards/board-view';
import { useSocket } from '../socket/SocketProvider';

/** Keeps the board's member list current from presence:joined / presence:left. */
export function usePresenceEvents(boardId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    const key = boardQueryKeys.detail(boardId);
    const onJoined = (event: ServerPayload<'presence:joined'>) => {
      if (event.boardId !== boardId) return;
      queryClient.setQueryData<BoardView>(key, (view) => view && withMemberJoined(view, event.member));
    };
    const onLeft = (event: ServerPayload<'presence:left'>) => {
      if (event.boardId !== boardId) return;
      queryClient.setQueryData<BoardView>(key, (view) => view && withMemberLeft(view, event.clientId));
    };
    socket.on('presence:joined', onJoined);
    socket.on('presence:left', onLeft);
    return () => {
      socket.off('presence:joined', onJoined);
      socket.off('presence:left', onLeft);
    };
  }, [socket, queryClient, boardId]);
}
