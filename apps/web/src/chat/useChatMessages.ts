import type { ServerPayload } from '@tally/events';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { boardQueryKeys } from '../boards/board-queries';
import { type BoardView, withMessage } from '../boards/board-view';
import { useSocket } from '../socket/SocketProvider';

/** Appends chat:message events to the board's messages in the cache (each message id once). */
export function useChatMessages(boardId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    const onMessage = (event: ServerPayload<'chat:message'>) => {
      if (event.boardId !== boardId) return;
      queryClient.setQueryData<BoardView>(boardQueryKeys.detail(boardId), (view) =>
        view === undefined ? view : withMessage(view, event.message),
      );
    };
    socket.on('chat:message', onMessage);
    return () => {
      socket.off('chat:message', onMessage);
    };
  }, [socket, queryClient, boardId]);
}
