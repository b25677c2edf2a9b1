import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ApiError, toProtocolError } from '../app/http';
import { boardQueryKeys } from '../boards/board-queries';
import {
  type BoardView,
  withCounterRemoved,
  withCounterRenamed,
  withCounterRestored,
} from '../boards/board-view';
import { request } from '../socket/request';
import { useSocket } from '../socket/SocketProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import { historyQueryKey } from './history';
import { queueIncrement, queueReset } from './op-queue';

export interface CounterActions {
  increment(counterId: string, by: number): void;
  reset(counterId: string): void;
  rename(counterId: string, name: string): void;
  remove(counterId: string): void;
}

/**
 * What a card can do. Increments and resets go through the persisted op queue (they carry an
 * opId and survive going offline); rename and delete are shown at once and rolled back with a
 * toast when the server refuses them (only the owner may).
 */
export function useCounterActions(boardId: string): CounterActions {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const key = boardQueryKeys.detail(boardId);

  const { mutate: rename } = useMutation({
    mutationFn: async ({ counterId, name }: { counterId: string; name: string }) => {
      const answer = await request(socket, 'counter:rename', { counterId, name });
      if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
      return answer.counter;
    },
    onMutate: ({ counterId, name }) => {
      const previous = queryClient
        .getQueryData<BoardView>(key)
        ?.board.counters.find((c) => c.id === counterId);
      queryClient.setQueryData<BoardView>(key, (view) => view && withCounterRenamed(view, counterId, name));
      return { previousName: previous?.name };
    },
    onError: (error, { counterId, name }, context) => {
      const current = queryClient
        .getQueryData<BoardView>(key)
        ?.board.counters.find((c) => c.id === counterId);
      // Roll back only our own optimistic name: someone else's later rename stays.
      if (context?.previousName !== undefined && current?.name === name) {
        const previousName = context.previousName;
        queryClient.setQueryData<BoardView>(
          key,
          (view) => view && withCounterRenamed(view, counterId, previousName),
        );
      }
      showToast(describeFailure('rename', toProtocolError(error), context?.previousName));
    },
  });

  const { mutate: remove } = useMutation({
    mutationFn: async (counterId: string) => {
      const answer = await request(socket, 'counter:delete', { counterId });
      if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
    },
    onMutate: (counterId) => {
      const counters = queryClient.getQueryData<BoardView>(key)?.board.counters ?? [];
      const index = counters.findIndex((c) => c.id === counterId);
      queryClient.setQueryData<BoardView>(key, (view) => view && withCounterRemoved(view, counterId));
      return { counter: counters[index], index };
    },
    onSuccess: (_result, counterId) => {
      queryClient.removeQueries({ queryKey: historyQueryKey(counterId) });
    },
    onError: (error, _counterId, context) => {
      const { counter, index } = context ?? {};
      if (counter !== undefined && index !== undefined) {
        queryClient.setQueryData<BoardView>(key, (view) => view && withCounterRestored(view, counter, index));
      }
      showToast(describeFailure('delete', toProtocolError(error), counter?.name));
    },
  });

  const increment = useCallback(
    (counterId: string, by: number) => queueIncrement(boardId, counterId, by),
    [boardId],
  );
  const reset = useCallback((counterId: string) => queueReset(boardId, counterId), [boardId]);

  return useMemo(
    () => ({
      increment,
      reset,
      rename: (counterId: string, name: string) => rename({ counterId, name }),
      remove: (counterId: string) => remove(counterId),
    }),
    [increment, reset, rename, remove],
  );
}
