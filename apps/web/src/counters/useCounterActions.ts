import type { CommandResult } from '@tally/client';
import { useMemo } from 'react';
import { useTallyClient } from '../app/TallyClientProvider';
import { type CounterRef, describeFailure, type UserAction } from '../sync/error-messages';
import { showToast } from '../toasts/toast-store';
import type { CounterSettings } from './counter-settings';
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
 * What a card can do. Increments and resets go through the client's op queue (they carry an
 * opId, survive going offline, and a refusal is said by toastRejectedOps), and each click is
 * offered for undo; rename and delete show at once and the client rolls them back when the
 * server refuses them (only the owner may); settings change once the server took them. A
 * refusal is said in a toast, in the words of describeFailure.
 */
export function useCounterActions(boardId: string): CounterActions {
  const client = useTallyClient();

  return useMemo(() => {
    const counterOf = (counterId: string) =>
      client.getBoard(boardId).view?.board.counters.find((counter) => counter.id === counterId);
    /** Toasts a refusal; returns whether the command went through. */
    const told = (action: UserAction, answer: CommandResult<object>, counter: CounterRef | undefined) => {
      if (!answer.ok) showToast(describeFailure(action, answer.error, counter));
      return answer.ok;
    };

    return {
      increment(counterId, by) {
        const opId = client.increment(boardId, counterId, by);
        const name = counterOf(counterId)?.name ?? 'the counter';
        undoTracker.record({ opId, boardId, counterId, by, at: Date.now() }, name);
      },
      reset(counterId) {
        client.reset(boardId, counterId);
      },
      rename(counterId, name) {
        // Captured before the client shows the new name: the one shown again if it is refused.
        const before = counterOf(counterId);
        void client.renameCounter(boardId, counterId, name).then((answer) => told('rename', answer, before));
      },
      remove(counterId) {
        const counter = counterOf(counterId);
        void client.deleteCounter(boardId, counterId).then((answer) => told('delete', answer, counter));
      },
      configure(counterId, changes) {
        return client
          .configureCounter(boardId, counterId, changes)
          .then((answer) => told('configure', answer, counterOf(counterId)));
      },
    };
  }, [client, boardId]);
}
