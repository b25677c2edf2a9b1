import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ApiError, toProtocolError } from '../app/http';
import { boardQueryKeys } from '../boards/board-queries';
import {
  type BoardView,
  withCounterConfigured,
  withCounterRemoved,
  withCounterRenamed,
  withCounterRestored,
} from '../boards/board-view';
import { request } from '../socket/request';
import { useSocket } from '../socket/SocketProvider';
import { describeFailure } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import type { CounterSettings } from './counter-settings';
import { historyQueryKey } from './history';
import { queueIncrement, queueReset } from './op-queue';
import { undoTracker } from './undo-tracker';

export interface CounterActions {
  increment(counterId: string, by: number): void;
  reset(counterId: string): void;
  rename(counterId: string, name: string): void;
  remove(counterId: string): void;
  /** Changes limits, step or goal (owner only); resolves whether the server took them. */
  configure(counterId: string, changes: Partial<CounterSettings>): Promise<boolean>;
}

/**
 * What a card can do. Increments and resets go through the persisted op queue (they carry an
 * opId and survive going offline), and each click is offered for undo; rename and delete are
 * shown at once and rolled back with a toast when the server refuses them (only the owner may);
 * settings change once the server took them.
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
      const previousName = context?.previousName;
      showToast(
        describeFailure(
          'rename',
          toProtocolError(error),
          previousName === undefined ? undefined : { name: previousName },
        ),
      );
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
      showToast(describeFailure('delete', toProtocolError(error), counter));
    },
  });

  const { mutateAsync: configure } = useMutation({
    mutationFn: async ({ counterId, changes }: { counterId: string; changes: Partial<CounterSettings> }) => {
      const answer = await request(socket, 'counter:configure', { counterId, ...changes });
      if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message);
      return answer.counter;
    },
    onSuccess: (counter) => {
      queryClient.setQueryData<BoardView>(key, (view) => view && withCounterConfigured(view, counter));
    },
    onError: (error, { counterId }) => {
      const counter = queryClient
        .getQueryData<BoardView>(key)
        ?.board.counters.find((c) => c.id === counterId);
      showToast(describeFailure('configure', toProtocolError(error), counter));
    },
  });

  const increment = useCallback(
    (counterId: string, by: number) => {
      const opId = queueIncrement(boardId, counterId, by);
      const counter = queryClient
        .getQueryData<BoardView>(boardQueryKeys.detail(boardId))
        ?.board.counters.find((c) => c.id === counterId);
      undoTracker.record({ opId, boardId, counterId, by, at: Date.now() }, counter?.name ?? 'the counter');
    },
    [boardId, queryClient],
  );
  const reset = useCallback((counterId: string) => queueReset(boardId, counterId), [boardId]);

  return useMemo(
    () => ({
      increment,
      reset,
      rename: (counterId: string, name: string) => rename({ counterId, name }),
      remove: (counterId: string) => remove(counterId),
      configure: (counterId: string, changes: Partial<CounterSettings>) =>
        configure({ counterId, changes }).then(
          () => true,
          () => false,
        ),
    }),
    [increment, reset, rename, remove, configure],
  );
}
