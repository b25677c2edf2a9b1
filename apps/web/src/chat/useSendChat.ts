import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, toProtocolError } from '../app/http';
import { boardQueryKeys } from '../boards/board-queries';
import { type BoardView, withMessage } from '../boards/board-view';
import { request } from '../socket/request';
import { useSocket } from '../socket/SocketProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';

/** Sends a chat message; the ack's message goes into the cache (the broadcast copy is then ignored). */
export function useSendChat(boardId: string) {
  const socket = useSocket();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (text: string) => {
      const answer = await request(socket, 'chat:send', { boardId, text });
      if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
      return answer.message;
    },
    onSuccess: (message) => {
      queryClient.setQueryData<BoardView>(boardQueryKeys.detail(boardId), (view) =>
        view === undefined ? view : withMessage(view, message),
      );
    },
    onError: (error) => showToast(describeFailure('chat', toProtocolError(error))),
  });
}
